package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerTest {
  @TempDir Path dir;

  @Test
  void trackedEventReachesTheSinkPseudonymisedWithItsReceiptId() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      Receipt r = lt.tracker().track(Fixtures.played("t-1", 1));
      assertThat(r.awaitStored(Duration.ofSeconds(30))).as("stored: %s", r).isTrue();
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(sink.received()).hasSize(1);
      TrackedEvent e = sink.received().get(0);
      assertThat(e.id()).isEqualTo(r.eventId());
      VideoPlayed v = (VideoPlayed) e.event();
      assertThat(v.learner().pseudonymous()).isTrue();
      assertThat(v.learner().id()).hasSize(43).isNotEqualTo("t-1");
      assertThat(e.eventJson()).doesNotContain("t-1");
      assertThat(lt.metrics().sent()).isEqualTo(1);
    }
  }

  @Test
  void theSameEventTrackedTwiceGetsTheSameId() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      Receipt a = lt.tracker().track(Fixtures.played("t-1", 7));
      Receipt b = lt.tracker().track(Fixtures.played("t-1", 7));
      Receipt c = lt.tracker().track(Fixtures.played("t-1", 8));
      Receipt k = lt.tracker().track(Fixtures.playedWithKey("t-1", "attempt-9"));
      assertThat(c.awaitStored(Duration.ofSeconds(30)) && k.awaitStored(Duration.ofSeconds(30))).isTrue();
      assertThat(a.eventId()).isEqualTo(b.eventId()).isNotEqualTo(c.eventId());
      assertThat(a.eventId().version()).isEqualTo(8);
      assertThat(k.eventId()).isEqualTo(org.learntrace.sdk.internal.EventIds.v5(org.learntrace.sdk.internal.EventIds.NAMESPACE, "attempt-9"));
      assertThat(k.eventId().version()).isEqualTo(5);
    }
  }

  @Test
  void noopTrackerFiltersEverything() {
    Receipt r = LearnTrace.noop().tracker().track(Fixtures.played("t-1", 1));
    assertThat(r.status()).isEqualTo(Receipt.Status.FILTERED);
    assertThat(r.filterReason()).isEqualTo(FilterReason.DISABLED);
  }
}
