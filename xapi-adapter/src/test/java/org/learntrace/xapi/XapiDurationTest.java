package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XapiDurationTest {

  @ParameterizedTest
  @ValueSource(strings = {"PT1H0M0.1S", "PT4H35M59.14S", "PT16559.14S", "P3Y1M29DT4H35M59.14S", "P3Y", "P4W",
      "PT0S", "P1D", "PT0.5S", "P1DT12H", "PT1M", "PT14.2S", "P0.5Y", "PT1.123456S"})
  void acceptsIso8601Durations(String text) {
    assertThat(XapiDuration.parse(text).text()).isEqualTo(text);
    assertThat(XapiDuration.isValid(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"should fail", "PA1H0M0S", "P4W1D", "P", "PT", "P1H", "PT1D", "P1M1Y", "PT1S1M",
      "PT1.5M1S", "P0003-01-29T04:35:59", "1H", "PT-1S", "PT1.S", "pt1s", "P1DT", "PT1H1H"})
  void rejectsOthersNamingWhy(String text) {
    assertThat(XapiDuration.isValid(text)).isFalse();
    assertThatThrownBy(() -> XapiDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @Test
  void convertsToJavaDurationWhenItHasAFixedLength() {
    assertThat(XapiDuration.parse("PT4H35M59.14S").toDuration()).isEqualTo(Duration.ofMillis(16_559_140));
    assertThat(XapiDuration.parse("P1W").toDuration()).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> XapiDuration.parse("P1M").toDuration()).isInstanceOf(ArithmeticException.class);
  }

  @Property
  void ofWritesHundredthsThatReadBack(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long millis) {
    XapiDuration d = XapiDuration.of(Duration.ofMillis(millis));
    assertThat(XapiDuration.isValid(d.text())).as(d.text()).isTrue();
    assertThat(d.toDuration()).isEqualTo(Duration.ofMillis(millis / 10 * 10));
  }
}
