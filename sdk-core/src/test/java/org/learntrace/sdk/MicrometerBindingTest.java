package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.sdk.micrometer.LearnTraceMetrics;

class MicrometerBindingTest {
  @TempDir Path dir;

  @Test
  void selfMetricsAreReadableThroughMicrometer() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LearnTrace lt = Fixtures.builder(dir, new InMemorySink("research")).build()) {
      new LearnTraceMetrics(lt).bindTo(registry);
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      lt.tracker().track(Fixtures.played("t-1", 1));
      lt.tracker().track(Fixtures.played("t-unknown", 1));
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(LearnTraceMetrics.micrometerPresent()).isTrue();
      assertThat(registry.get("learntrace.records.sent").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("learntrace.events.filtered").tag("reason", "no_consent").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("learntrace.outbox.bytes").gauge().value()).isPositive();
    }
  }
}
