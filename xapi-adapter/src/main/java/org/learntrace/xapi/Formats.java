package org.learntrace.xapi;

/**
 * The string formats of the xAPI Data chapter, checked without regular expressions so that
 * validation stays allocation-free on the happy path.
 */
final class Formats {
  /**
   * The ASCII characters an IRI may not hold (RFC 3987: controls, space, DEL and {@code <>"{}|\^`}),
   * as a table: validation checks every character of some fifteen IRIs per statement.
   */
  private static final boolean[] NOT_IN_IRI = new boolean[128];

  static {
    for (char c = 0; c <= ' '; c++) {
      NOT_IN_IRI[c] = true;
    }
    NOT_IN_IRI[0x7f] = true;
    for (char c : "<>\"{}|\\^`".toCharArray()) {
      NOT_IN_IRI[c] = true;
    }
  }

  private Formats() {}

  /**
   * An absolute IRI (RFC 3987): a scheme ({@code ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")}), a
   * colon, and a non-empty remainder without spaces, controls or the characters {@code <>"{}|\^`}.
   * Any non-ASCII character outside those is allowed, as IRIs allow Unicode.
   */
  static boolean isAbsoluteIri(String s) {
    int colon = s.indexOf(':');
    if (colon < 1 || colon == s.length() - 1 || !isAlpha(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < NOT_IN_IRI.length && NOT_IN_IRI[c]) {
        return false;
      }
    }
    return true;
  }

  /** {@code mailto:local@domain}, both parts non-empty, no spaces, one {@code @}. */
  static boolean isMailtoIri(String s) {
    if (!s.startsWith("mailto:") || !isAbsoluteIri(s)) {
      return false;
    }
    int at = s.indexOf('@', 7);
    return at > 7 && at < s.length() - 1 && s.indexOf('@', at + 1) < 0;
  }

  /** Exactly {@code length} hex digits, if {@code length > 0}; otherwise any non-zero even count. */
  static boolean isHex(String s, int length) {
    if (length > 0 ? s.length() != length : (s.isEmpty() || s.length() % 2 != 0)) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** A hex SHA-2 digest: 56, 64, 96 or 128 hex digits (SHA-224/256/384/512). */
  static boolean isSha2Hex(String s) {
    int n = s.length();
    return (n == 56 || n == 64 || n == 96 || n == 128) && isHex(s, n);
  }

  /** An Internet media type: {@code type/subtype} tokens, optionally followed by parameters. */
  static boolean isMediaType(String s) {
    int semi = s.indexOf(';');
    String essence = (semi < 0 ? s : s.substring(0, semi)).trim();
    int slash = essence.indexOf('/');
    return slash > 0
        && slash < essence.length() - 1
        && isToken(essence, 0, slash)
        && isToken(essence, slash + 1, essence.length());
  }

  private static boolean isToken(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return to > from;
  }

  /**
   * An RFC 5646 language tag, checked against the grammar (language, extlang, script, region,
   * variants, extensions with distinct singletons, private use) and the irregular grandfathered
   * tags; subtags are not checked against the IANA registry.
   */
  static boolean isLanguageTag(String tag) {
    int n = tag.length();
    if (n == 2 && isAlpha(tag)) {
      return true; // fast path: "en"
    }
    if (n == 5 && tag.charAt(2) == '-' && isAlpha(tag.charAt(0)) && isAlpha(tag.charAt(1))
        && isAlpha(tag.charAt(3)) && isAlpha(tag.charAt(4))) {
      return true; // fast path: "en-US", "bn-BD"
    }
    if (n == 0) {
      return false;
    }
    String[] parts = tag.split("-", -1);
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 8 || !isAlphanumeric(p)) {
        return false;
      }
    }
    if (isPrivateUse(parts, 0)) {
      return true;
    }
    if (isGrandfathered(tag)) {
      return true;
    }
    int i = 0;
    String lang = parts[i];
    if (!isAlpha(lang) || lang.length() < 2) {
      return false;
    }
    i++;
    if (lang.length() <= 3) {
      // up to three extlang subtags of 3 letters
      int ext = 0;
      while (i < parts.length && ext < 3 && parts[i].length() == 3 && isAlpha(parts[i])) {
        i++;
        ext++;
      }
    }
    if (i < parts.length && parts[i].length() == 4 && isAlpha(parts[i])) {
      i++; // script
    }
    if (i < parts.length
        && ((parts[i].length() == 2 && isAlpha(parts[i])) || (parts[i].length() == 3 && isDigits(parts[i])))) {
      i++; // region
    }
    while (i < parts.length && isVariant(parts[i])) {
      i++;
    }
    boolean[] seenSingleton = new boolean[128];
    while (i < parts.length && parts[i].length() == 1 && !parts[i].equalsIgnoreCase("x")) {
      char singleton = Character.toLowerCase(parts[i].charAt(0));
      if (seenSingleton[singleton]) {
        return false;
      }
      seenSingleton[singleton] = true;
      i++;
      int start = i;
      while (i < parts.length && parts[i].length() >= 2) {
        i++;
      }
      if (i == start) {
        return false;
      }
    }
    if (i < parts.length) {
      return isPrivateUse(parts, i);
    }
    return true;
  }

  private static boolean isPrivateUse(String[] parts, int from) {
    return parts[from].equalsIgnoreCase("x") && parts.length > from + 1;
  }

  private static boolean isVariant(String p) {
    return (p.length() >= 5 && p.length() <= 8) || (p.length() == 4 && isDigit(p.charAt(0)));
  }

  private static final String[] GRANDFATHERED = {
    "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
    "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE"
  };

  private static boolean isGrandfathered(String tag) {
    for (String g : GRANDFATHERED) {
      if (g.equalsIgnoreCase(tag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAlphanumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAlpha(c) && !isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isAlpha(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
