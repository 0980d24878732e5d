package org.learntrace.xapi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.learntrace.sdk.internal.NeverSend;

class ClockSkewTest {

  @Test
  void theRecordedOffsetIsInMillisecondsAndSurvivesTheNeverSendScan() {
    Instant sent = Instant.parse("2026-03-11T10:00:00.000Z");
    Instant received = Instant.parse("2026-03-11T11:00:00.213552793Z");
    ClockSkew skew = ClockSkew.of(sent, received, Duration.ofSeconds(5));

    assertThat(skew.offset()).isEqualTo(Duration.ofHours(1).plusMillis(213));
    Map<String, String> recorded = skew.record(sent, Map.of());
    assertThat(recorded).containsEntry(ClockSkew.OFFSET_ATTRIBUTE, "PT1H0.213S");
    recorded.forEach((key, value) -> assertThat(NeverSend.categoryOfValue(value)).as("%s = %s", key, value).isNull());
  }

  @Test
  void withinTheToleranceNothingIsCorrected() {
    Instant sent = Instant.parse("2026-03-11T10:00:00Z");
    ClockSkew skew = ClockSkew.of(sent, sent.plusMillis(4_999), Duration.ofSeconds(5));
    assertThat(skew.applies()).isFalse();
    assertThat(skew.correct(sent)).isEqualTo(sent);
  }
}
