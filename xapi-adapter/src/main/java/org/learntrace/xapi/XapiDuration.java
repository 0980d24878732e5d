package org.learntrace.xapi;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * An ISO 8601 duration as xAPI uses it in {@code result.duration}: {@code PnYnMnDTnHnMnS} or
 * {@code PnW}, for example {@code PT4H35M59.14S}.
 *
 * <p>The text is kept as received. At least one component is required, a {@code T} must be followed
 * by a time component, weeks cannot be combined with other components, and only the last component
 * may carry a decimal fraction. Two durations are equal when their text is equal.
 */
public final class XapiDuration {
  private final String text;

  private XapiDuration(String text) {
    this.text = text;
  }

  /**
   * Parses the text.
   *
   * @throws IllegalArgumentException naming the character position and the rule broken
   */
  public static XapiDuration parse(String text) {
    Objects.requireNonNull(text, "duration text");
    String problem = problem(text);
    if (problem != null) {
      throw new IllegalArgumentException("duration '" + text + "' is not ISO 8601: " + problem);
    }
    return new XapiDuration(text);
  }

  /** Whether {@code text} is a valid duration. */
  public static boolean isValid(String text) {
    return text != null && problem(text) == null;
  }

  /**
   * The duration as {@code PTnHnMn.nnS} with hundredths of a second (the precision xAPI 2.0 asks an
   * LRS to keep); sub-hundredth digits are truncated.
   */
  public static XapiDuration of(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    long hundredths = duration.toMillis() / 10;
    long hours = hundredths / 360_000;
    long minutes = hundredths / 6_000 % 60;
    long seconds = hundredths / 100 % 60;
    long fraction = hundredths % 100;
    StringBuilder b = new StringBuilder("PT");
    if (hours > 0) {
      b.append(hours).append('H');
    }
    if (minutes > 0) {
      b.append(minutes).append('M');
    }
    b.append(seconds);
    if (fraction > 0) {
      b.append('.').append(fraction / 10);
      if (fraction % 10 != 0) {
        b.append(fraction % 10);
      }
    }
    return new XapiDuration(b.append('S').toString());
  }

  /** The text. */
  public String text() {
    return text;
  }

  /**
   * The duration as a {@link Duration}, counting a week as 7 days and a day as 24 hours.
   *
   * @throws ArithmeticException if it has years or months, which have no fixed length
   */
  public Duration toDuration() {
    Duration total = Duration.ZERO;
    boolean time = false;
    int start = 1;
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'T') {
        time = true;
        start = i + 1;
        continue;
      }
      if (Character.isLetter(c)) {
        BigDecimal n = new BigDecimal(text.substring(start, i).replace(',', '.'));
        long unitSeconds =
            switch (c) {
              case 'W' -> 7 * 86_400L;
              case 'D' -> 86_400L;
              case 'H' -> 3600L;
              case 'M' -> time ? 60L : -1;
              case 'S' -> 1L;
              default -> -1; // 'Y'
            };
        if (unitSeconds < 0) {
          throw new ArithmeticException("duration " + text + " has years or months, which have no fixed length");
        }
        BigDecimal nanos = n.multiply(BigDecimal.valueOf(unitSeconds)).movePointRight(9);
        total = total.plusNanos(nanos.longValue());
        start = i + 1;
      }
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XapiDuration d && d.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Returns what is wrong with {@code s}, with the character position, or null if it is valid. */
  private static String problem(String s) {
    if (s.isEmpty() || s.charAt(0) != 'P') {
      return "must start with 'P' (character 0)";
    }
    final String dateUnits = "YMWD";
    final String timeUnits = "HMS";
    boolean inTime = false;
    boolean sawWeek = false;
    boolean sawFraction = false;
    int components = 0;
    int timeComponents = 0;
    int lastUnit = -1;
    int i = 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == 'T') {
        if (inTime) {
          return "second 'T' at character " + i;
        }
        inTime = true;
        lastUnit = -1;
        i++;
        if (i == s.length()) {
          return "'T' must be followed by hours, minutes or seconds (character " + i + ")";
        }
        continue;
      }
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        return "expected a number at character " + i;
      }
      boolean fraction = false;
      if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        int dot = i++;
        int digits = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        if (i == digits) {
          return "expected a digit after the decimal sign at character " + (dot + 1);
        }
        fraction = true;
      }
      if (i == s.length()) {
        return "number without a unit at character " + start;
      }
      if (sawFraction) {
        return "only the last component may have a fraction (character " + start + ")";
      }
      char unit = s.charAt(i);
      String units = inTime ? timeUnits : dateUnits;
      int rank = units.indexOf(unit);
      if (rank < 0) {
        return "unexpected '" + unit + "' at character " + i + " (expected one of " + units + ")";
      }
      if (rank <= lastUnit) {
        return "'" + unit + "' out of order or repeated at character " + i;
      }
      if (unit == 'W' && !inTime) {
        sawWeek = true;
      }
      lastUnit = rank;
      sawFraction = fraction;
      components++;
      if (inTime) {
        timeComponents++;
      }
      i++;
    }
    if (components == 0) {
      return "has no components";
    }
    if (inTime && timeComponents == 0) {
      return "'T' must be followed by hours, minutes or seconds";
    }
    if (sawWeek && components > 1) {
      return "weeks (W) cannot be combined with other components";
    }
    return null;
  }
}
