package org.learntrace.xapi.collector;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The correction of a device's clock for one batch: {@code offset = server receipt − the device's
 * clock reading when it sent the batch}. Applied to every item's device time; an offset within the
 * tolerance is treated as transit time, not skew, and nothing is changed.
 */
record ClockSkew(Duration offset) {
  /** Attribute holding the device time as the device reported it (basic ISO 8601, UTC). */
  static final String DEVICE_TIME_ATTRIBUTE = "device-clock-time";
  /** Attribute holding the applied offset (ISO 8601 duration). */
  static final String OFFSET_ATTRIBUTE = "clock-offset";
  // Basic format on purpose: extended dates (2026-03-14) look like phone numbers to the never-send scan.
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final ClockSkew NONE = new ClockSkew(Duration.ZERO);

  static ClockSkew of(Instant sentAt, Instant receivedAt, Duration tolerance) {
    // Milliseconds: device clocks are no finer, and the nine digits of a nanosecond fraction
    // (PT1H0.213552793S) look like a phone number to the never-send scan, which would strip them.
    Duration offset = Duration.between(sentAt, receivedAt).truncatedTo(ChronoUnit.MILLIS);
    return offset.abs().compareTo(tolerance) <= 0 ? NONE : new ClockSkew(offset);
  }

  /**
   * {@code text} if its year has the four digits of RFC 3339; java.time's parsers also read expanded
   * years ({@code +999999999-12-31T…}), which no real device sends and which, shifted by an offset,
   * leave the range of {@link Instant}.
   *
   * @throws DateTimeParseException at position 0 otherwise
   */
  static String requireFourDigitYear(String text) {
    if (text.length() < 5 || text.charAt(4) != '-' || !isDigit(text.charAt(0)) || !isDigit(text.charAt(1))
        || !isDigit(text.charAt(2)) || !isDigit(text.charAt(3))) {
      throw new DateTimeParseException("an RFC 3339 timestamp starts with a four-digit year and '-'", text, 0);
    }
    return text;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  boolean applies() {
    return !offset.isZero();
  }

  /**
   * {@code deviceTime} shifted by the offset.
   *
   * @throws DateTimeException if that is beyond the range of {@link Instant}
   */
  Instant correct(Instant deviceTime) {
    try {
      return deviceTime.plus(offset);
    } catch (ArithmeticException e) {
      throw new DateTimeException("device time " + deviceTime + " shifted by " + offset + " is out of range", e);
    }
  }

  /** {@code attributes} plus the original device time and the offset, when a correction applies. */
  Map<String, String> record(Instant deviceTime, Map<String, String> attributes) {
    if (!applies()) {
      return attributes;
    }
    Map<String, String> m = new LinkedHashMap<>(attributes);
    m.put(DEVICE_TIME_ATTRIBUTE, BASIC.format(deviceTime));
    m.put(OFFSET_ATTRIBUTE, offset.toString());
    return m;
  }
}
