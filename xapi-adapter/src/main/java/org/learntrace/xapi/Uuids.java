package org.learntrace.xapi;

import java.util.UUID;

/**
 * Strict UUID text handling. {@link UUID#fromString} accepts forms such as {@code 1-1-1-1-1};
 * xAPI requires the standard 8-4-4-4-12 hexadecimal form of RFC 4122.
 */
final class Uuids {
  private Uuids() {}

  /** Whether {@code s} is in the 8-4-4-4-12 hex form (either case). */
  static boolean isStandardForm(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** The UUID, or null if {@code s} is not in standard form. */
  static UUID parseOrNull(String s) {
    return isStandardForm(s) ? UUID.fromString(s) : null;
  }

  static String toString(UUID id) {
    return id.toString();
  }
}
