package org.learntrace.xapi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An xAPI timestamp: an RFC 3339 date-time with a time zone offset, such as {@code
 * 2026-03-14T09:26:53.589Z} or {@code 2026-03-14T15:26:53.589+06:00}.
 *
 * <p>The text is kept exactly as received, so that a stored statement reads back as it was sent and
 * signed statements still verify; {@link #instant()} gives the moment. {@link #of(Instant)} writes
 * UTC with milliseconds, the form LearnTrace always emits. Two timestamps are equal when they denote
 * the same instant.
 *
 * <p>Accepted: {@code YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)}, and for xAPI 1.0.3 the
 * same without an offset (read as UTC; see {@link #hasOffset()}). Rejected: the basic-format offsets {@code -0000} / {@code +06}, the RFC 3339 "unknown offset" {@code
 * -00:00} (which xAPI 2.0 forbids and the 1.0.3 conformance suite rejects), impossible dates such
 * as February 30, and leap seconds.
 */
public final class XapiTimestamp implements Comparable<XapiTimestamp> {
  private final String text;
  private final Instant instant;
  private final boolean hasOffset;

  private XapiTimestamp(String text, Instant instant, boolean hasOffset) {
    this.text = text;
    this.instant = instant;
    this.hasOffset = hasOffset;
  }

  /** The UTC, millisecond form of {@code instant} (sub-millisecond digits are truncated). */
  public static XapiTimestamp of(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    Instant millis = Instant.ofEpochMilli(instant.toEpochMilli());
    return new XapiTimestamp(format(millis), millis, true);
  }

  /**
   * Parses the text.
   *
   * @throws IllegalArgumentException naming the character position and what was expected there
   */
  public static XapiTimestamp parse(String text) {
    Objects.requireNonNull(text, "timestamp text");
    Parser p = new Parser(text);
    Instant instant = p.parse();
    return new XapiTimestamp(text, instant, p.offsetPresent);
  }

  /** Whether {@code text} is a valid timestamp, without throwing. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The text as received or as formatted. */
  public String text() {
    return text;
  }

  /**
   * Whether the text carries a time zone offset. ISO 8601 (xAPI 1.0.3) lets it be left out, and
   * it is then read as UTC; RFC 3339 (xAPI 2.0.0) requires it, which the validator checks.
   */
  public boolean hasOffset() {
    return hasOffset;
  }

  /** The moment this timestamp denotes. */
  public Instant instant() {
    return instant;
  }

  @Override
  public int compareTo(XapiTimestamp o) {
    return instant.compareTo(o.instant);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XapiTimestamp t && t.instant.equals(instant);
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  private static String format(Instant instant) {
    long epochSecond = instant.getEpochSecond();
    long epochDay = Math.floorDiv(epochSecond, 86_400);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("timestamp year must be 0000-9999, was " + year);
    }
    char[] c = new char[24];
    put4(c, 0, year);
    c[4] = '-';
    put2(c, 5, date.getMonthValue());
    c[7] = '-';
    put2(c, 8, date.getDayOfMonth());
    c[10] = 'T';
    put2(c, 11, secondOfDay / 3600);
    c[13] = ':';
    put2(c, 14, secondOfDay / 60 % 60);
    c[16] = ':';
    put2(c, 17, secondOfDay % 60);
    c[19] = '.';
    int millis = instant.getNano() / 1_000_000;
    c[20] = (char) ('0' + millis / 100);
    c[21] = (char) ('0' + millis / 10 % 10);
    c[22] = (char) ('0' + millis % 10);
    c[23] = 'Z';
    return new String(c);
  }

  private static void put2(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 10);
    c[at + 1] = (char) ('0' + v % 10);
  }

  private static void put4(char[] c, int at, int v) {
    put2(c, at, v / 100);
    put2(c, at + 2, v % 100);
  }

  /** A strict, allocation-light RFC 3339 parser. */
  private static final class Parser {
    private final String s;
    private int pos;
    boolean offsetPresent = true;

    Parser(String s) {
      this.s = s;
    }

    Instant parse() {
      int year = digits(4);
      expect('-');
      int month = digits(2);
      expect('-');
      int dayPos = pos;
      int day = digits(2);
      expect('T');
      int hourPos = pos;
      int hour = digits(2);
      expect(':');
      int minutePos = pos;
      int minute = digits(2);
      expect(':');
      int secondPos = pos;
      int second = digits(2);
      int nanos = 0;
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        int start = pos;
        while (pos < s.length() && isDigit(s.charAt(pos))) {
          if (pos - start < 9) {
            nanos = nanos * 10 + (s.charAt(pos) - '0');
          }
          pos++;
        }
        if (pos == start) {
          throw fail("a digit after the decimal point");
        }
        for (int i = Math.min(pos - start, 9); i < 9; i++) {
          nanos *= 10;
        }
      }
      int offsetSeconds = offset();
      if (pos != s.length()) {
        throw fail("the end of the timestamp");
      }
      if (month < 1 || month > 12) {
        throw new IllegalArgumentException(at(5, "month must be 01-12"));
      }
      if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
        throw new IllegalArgumentException(at(dayPos, "day " + day + " does not exist in that month"));
      }
      if (hour > 23) {
        throw new IllegalArgumentException(at(hourPos, "hour must be 00-23"));
      }
      if (minute > 59) {
        throw new IllegalArgumentException(at(minutePos, "minute must be 00-59"));
      }
      if (second > 59) {
        throw new IllegalArgumentException(at(secondPos, "second must be 00-59 (leap seconds are not accepted)"));
      }
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
      return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private int offset() {
      if (pos >= s.length()) {
        offsetPresent = false;
        return 0;
      }
      char c = s.charAt(pos);
      if (c == 'Z') {
        pos++;
        return 0;
      }
      if (c != '+' && c != '-') {
        throw fail("a time zone offset ('Z' or +hh:mm / -hh:mm)");
      }
      int signPos = pos;
      pos++;
      int hours = digits(2);
      expect(':');
      int minutes = digits(2);
      if (hours > 23 || minutes > 59) {
        throw new IllegalArgumentException(at(signPos, "offset out of range"));
      }
      if (c == '-' && hours == 0 && minutes == 0) {
        throw new IllegalArgumentException(
            at(signPos, "offset -00:00 (unknown local offset) is not allowed; use Z"));
      }
      int total = hours * 3600 + minutes * 60;
      return c == '-' ? -total : total;
    }

    private int digits(int n) {
      int v = 0;
      for (int i = 0; i < n; i++) {
        if (pos >= s.length() || !isDigit(s.charAt(pos))) {
          throw fail("a digit");
        }
        v = v * 10 + (s.charAt(pos++) - '0');
      }
      return v;
    }

    private void expect(char c) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw fail("'" + c + "'");
      }
      pos++;
    }

    private IllegalArgumentException fail(String expected) {
      String found = pos < s.length() ? "'" + s.charAt(pos) + "'" : "the end";
      return new IllegalArgumentException(at(pos, "expected " + expected + " but found " + found));
    }

    private String at(int position, String what) {
      return "timestamp '" + s + "' is not an RFC 3339 date-time at character " + position + ": " + what;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
