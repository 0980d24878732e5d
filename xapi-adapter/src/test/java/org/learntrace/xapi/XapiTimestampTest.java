package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XapiTimestampTest {
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(strings = {
    "2026-03-14T09:26:53.589Z",
    "2026-03-14T15:26:53.589+06:00",
    "2023-05-04T12:00:00-05:00",
    "2008-09-15T15:53:00.601+00:00",
    "2024-02-29T23:59:59Z",
    "2026-03-14T09:26:53.123456789Z",
    "2026-03-14T09:26:53.1234567891234Z"
  })
  void acceptsRfc3339DateTimes(String text) {
    XapiTimestamp t = XapiTimestamp.parse(text);
    assertThat(t.text()).isEqualTo(text);
    assertThat(t.hasOffset()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "should fail", "01/011/2015", "2008-09-15T15:53:00.601-00", "2008-09-15T15:53:00.601-0000",
    "2008-09-15T15:53:00.601-00:00", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
    "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2026-01-01T00:00:00.Z",
    "2026-01-01 00:00:00Z", "2026-01-01T00:00:00+0600", "2026-01-01T00:00:00+06", "2026-01-01", "",
    "2026-01-01T00:00:00Zjunk", "2026-01-01T00:00:00+24:00"
  })
  void rejectsAnythingElseNamingThePosition(String text) {
    assertThatThrownBy(() -> XapiTimestamp.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at character");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-03-14T09:26:53", "2026-03-14T09:26:53.5"})
  void aMissingOffsetIsReadAsUtcAndRemembered(String text) {
    XapiTimestamp t = XapiTimestamp.parse(text);
    assertThat(t.hasOffset()).isFalse();
    assertThat(t.instant()).isEqualTo(Instant.parse(text + "Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-03-14T15:26:53.589+06:00", "2023-05-04T12:00:00-05:00", "1999-12-31T23:59:59.999-11:30"})
  void denotesTheSameInstantAsJavaTime(String text) {
    assertThat(XapiTimestamp.parse(text).instant()).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @Property
  void ofWritesUtcMillisecondsThatParseBackToTheSameInstant(
      @ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long epochMilli) {
    Instant instant = Instant.ofEpochMilli(epochMilli);
    XapiTimestamp t = XapiTimestamp.of(instant);
    assertThat(t.text()).isEqualTo(UTC_MILLIS.format(instant));
    assertThat(XapiTimestamp.parse(t.text())).isEqualTo(t);
    assertThat(XapiTimestamp.parse(t.text()).instant()).isEqualTo(instant);
  }

  @Property
  void ofTruncatesBelowMilliseconds(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    XapiTimestamp t = XapiTimestamp.of(Instant.ofEpochSecond(seconds, nanos));
    assertThat(t.instant().getNano() % 1_000_000).isZero();
    assertThat(t.instant().getNano() / 1_000_000).isEqualTo(nanos / 1_000_000);
  }
}
