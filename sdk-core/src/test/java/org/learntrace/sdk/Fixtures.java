package org.learntrace.sdk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared test data: events, keys and a quickly-reacting builder. */
final class Fixtures {
  static final byte[] KEY = "test-study-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589Z");
  static final Clock CLOCK = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);
  static final CourseModule AGS_M3 = CourseModule.of("ags", "m3");

  private Fixtures() {}

  /** A builder for tests: fast batching and backoff, no periodic logging or polling. */
  static LearnTraceBuilder builder(Path outbox, Sink... sinks) {
    LearnTraceBuilder b = LearnTrace.builder()
        .setOutboxDirectory(outbox)
        .setPseudonymKey("k1", KEY)
        .setClock(CLOCK)
        .setSeed(42)
        .setBatching(50, 1 << 20, Duration.ofMillis(2))
        .setBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
        .setCircuitBreaker(1000, Duration.ofMillis(10))
        .setPolicyPollInterval(Duration.ZERO)
        .setMetricsLogInterval(Duration.ZERO)
        .setShutdownTimeout(Duration.ofSeconds(10));
    for (Sink s : sinks) {
      b.addSink(s);
    }
    return b;
  }

  static VideoPlayed played(String teacher, int n) {
    return new VideoPlayed(Occurrence.at(T0.plusMillis(n)), Person.teacher(teacher), AGS_M3, "m3-video-1", "session-" + n, n);
  }

  static VideoPlayed playedWithKey(String teacher, String key) {
    return new VideoPlayed(Occurrence.at(T0).withNaturalKey(key), Person.teacher(teacher), AGS_M3, "m3-video-1", "s", 1.0);
  }
}
