package org.learntrace.xapi;

/**
 * The xAPI versions LearnTrace speaks, and what differs between them in the Data chapter.
 *
 * <p>Differences that the model, the serializer and the validator make explicit:
 * <ul>
 *   <li>{@code context.contextAgents} and {@code context.contextGroups} exist only in 2.0.0
 *       (IEEE 9274.1.1-2023); in 1.0.3 they are unknown properties and a statement carrying them is
 *       rejected.</li>
 *   <li>The statement {@code version} property: 1.0.3 accepts {@code 1.0} and {@code 1.0.x};
 *       2.0.0 accepts {@code 2.0.x} as well.</li>
 *   <li>Timestamps: 2.0.0 requires a time zone designator and forbids the {@code -00:00} offset
 *       (RFC 3339 "unknown local offset"); 1.0.3 requires ISO 8601 with a zone as well in the
 *       conformance suite, so both reject a timestamp without an offset.</li>
 * </ul>
 */
public enum XapiVersion {
  /** xAPI 1.0.3 (ADL, 2016). */
  V1_0_3("1.0.3"),
  /** xAPI 2.0.0 (IEEE 9274.1.1-2023). */
  V2_0_0("2.0.0");

  private final String text;

  XapiVersion(String text) {
    this.text = text;
  }

  /** The version as it appears in the {@code X-Experience-API-Version} header and in About. */
  public String text() {
    return text;
  }

  /** Whether {@code context.contextAgents} and {@code context.contextGroups} are defined. */
  public boolean hasContextAgentsAndGroups() {
    return this == V2_0_0;
  }

  /**
   * Whether a statement's {@code version} property value is acceptable under this version: {@code
   * 1.0} or {@code 1.0.x} in both, and {@code 2.0} or {@code 2.0.x} in 2.0.0 only, where x is a
   * non-negative integer.
   */
  public boolean acceptsStatementVersion(String value) {
    if (value == null) {
      return false;
    }
    if (isMajorMinorPatch(value, "1.0")) {
      return true;
    }
    return this == V2_0_0 && isMajorMinorPatch(value, "2.0");
  }

  private static boolean isMajorMinorPatch(String value, String majorMinor) {
    if (!value.startsWith(majorMinor)) {
      return false;
    }
    int n = majorMinor.length();
    if (value.length() == n) {
      return true;
    }
    if (value.charAt(n) != '.' || value.length() == n + 1) {
      return false;
    }
    for (int i = n + 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Parses {@code 1.0.3} or {@code 2.0.0} (also {@code 1.0.x}/{@code 2.0.x} patch levels). */
  public static XapiVersion parse(String text) {
    if (text != null) {
      if (V2_0_0.acceptsStatementVersion(text) && text.startsWith("2.0")) {
        return V2_0_0;
      }
      if (V1_0_3.acceptsStatementVersion(text)) {
        return V1_0_3;
      }
    }
    throw new IllegalArgumentException("xAPI version must be 1.0.x or 2.0.x, was: " + text);
  }

  @Override
  public String toString() {
    return text;
  }
}
