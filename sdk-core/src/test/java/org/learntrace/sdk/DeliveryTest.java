package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryTest {
  @TempDir Path dir;

  private static List<Receipt> trackMany(LearnTrace lt, int n) throws InterruptedException {
    lt.consent().grant(Person.teacher("t-1"), "research", 1);
    List<Receipt> rs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rs.add(lt.tracker().track(Fixtures.played("t-1", i)));
    }
    for (Receipt r : rs) {
      assertThat(r.awaitStored(Duration.ofSeconds(10))).as("stored: %s", r).isTrue();
    }
    return rs;
  }

  private static Set<UUID> ids(List<Receipt> rs) {
    Set<UUID> s = new HashSet<>();
    rs.forEach(r -> s.add(r.eventId()));
    return s;
  }

  private static Set<UUID> receivedIds(InMemorySink sink) {
    Set<UUID> s = new HashSet<>();
    sink.received().forEach(e -> s.add(e.id()));
    return s;
  }

  @Test
  void anOutageLosesNothingAndDeliveryResumesWhenTheSinkIsBack() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    sink.setAvailable(false, Duration.ofMillis(5));
    try (LearnTrace lt = Fixtures.builder(dir, sink).setCircuitBreaker(3, Duration.ofMillis(20)).build()) {
      List<Receipt> rs = trackMany(lt, 300);
      await().atMost(Duration.ofSeconds(10)).until(() -> lt.metrics().retried() > 0);
      assertThat(sink.received()).isEmpty();
      assertThat(lt.metrics().queued()).isEqualTo(300);
      sink.setAvailable(true, null);
      assertThat(lt.flush(Duration.ofSeconds(20))).isTrue();
      assertThat(receivedIds(sink)).isEqualTo(ids(rs));
      assertThat(lt.metrics().queued()).isZero();
      assertThat(lt.metrics().circuits()).containsEntry("research", "closed");
    }
  }

  @Test
  void aSlowDestinationDoesNotHoldUpAnother() throws Exception {
    InMemorySink dead = new InMemorySink("dead");
    dead.setAvailable(false, null);
    InMemorySink live = new InMemorySink("live");
    try (LearnTrace lt = Fixtures.builder(dir, dead, live).setShutdownTimeout(Duration.ofMillis(200)).build()) {
      List<Receipt> rs = trackMany(lt, 100);
      await().atMost(Duration.ofSeconds(10)).until(() -> live.count() == 100);
      assertThat(receivedIds(live)).isEqualTo(ids(rs));
      assertThat(dead.count()).isZero();
    }
  }

  @Test
  void bisectionIsolatesTheOneBadRecordIntoTheDeadLetterStore() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    List<UUID> bad = new ArrayList<>();
    sink.rejectWhen(e -> bad.contains(e.id()));
    try (LearnTrace lt = Fixtures.builder(dir, sink).setBatching(64, 1 << 20, Duration.ofMillis(50)).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      Receipt poison = lt.tracker().track(Fixtures.playedWithKey("t-1", "poison"));
      assertThat(poison.awaitStored(Duration.ofSeconds(5))).isTrue();
      bad.add(poison.eventId());
      List<Receipt> rs = trackMany(lt, 63);
      assertThat(lt.flush(Duration.ofSeconds(20))).isTrue();
      assertThat(receivedIds(sink)).isEqualTo(ids(rs)).doesNotContain(poison.eventId());
      List<DeadLetter> dl = lt.deadLetters();
      assertThat(dl).singleElement().satisfies(d -> {
        assertThat(d.id()).isEqualTo(poison.eventId());
        assertThat(d.reason()).contains("invalid");
        assertThat(d.eventJson()).contains("poison");
      });
      assertThat(lt.metrics().deadLettered()).isEqualTo(1);
    }
  }

  @Test
  void shutdownDeliversWithinItsDeadlineAndLeavesTheRestForTheNextStart() throws Exception {
    InMemorySink down = new InMemorySink("research");
    down.setAvailable(false, null);
    List<Receipt> rs;
    LearnTrace lt = Fixtures.builder(dir, down).build();
    rs = trackMany(lt, 50);
    assertThat(lt.shutdown(Duration.ofMillis(300))).as("complete").isFalse();

    InMemorySink up = new InMemorySink("research");
    try (LearnTrace again = Fixtures.builder(dir, up).build()) {
      assertThat(again.metrics().queued()).isEqualTo(50);
      assertThat(again.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(receivedIds(up)).isEqualTo(ids(rs));
    }
  }

  @Test
  void shutdownFlushesEverythingTrackedWhenTheSinkIsUp() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    LearnTrace lt = Fixtures.builder(dir, sink).build();
    List<Receipt> rs = trackMany(lt, 500);
    assertThat(lt.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(receivedIds(sink)).isEqualTo(ids(rs));
  }

  @Test
  void aRestartRedeliversWhatWasPendingWithTheSameIds() throws Exception {
    InMemorySink first = new InMemorySink("research");
    first.setAvailable(false, null);
    LearnTrace lt = Fixtures.builder(dir, first).build();
    List<Receipt> rs = trackMany(lt, 20);
    lt.shutdown(Duration.ZERO);
    InMemorySink second = new InMemorySink("research");
    try (LearnTrace again = Fixtures.builder(dir, second).build()) {
      assertThat(again.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(receivedIds(second)).isEqualTo(ids(rs));
  }

  @Test
  void aFullOutboxDropsTheNewestAndCountsThem() throws Exception {
    InMemorySink down = new InMemorySink("research");
    down.setAvailable(false, null);
    try (LearnTrace lt = Fixtures.builder(dir, down).setSegmentBytes(4096).setOutboxMaxBytes(8192)
        .setShutdownTimeout(Duration.ZERO).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      List<Receipt> rs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        rs.add(lt.tracker().track(Fixtures.played("t-1", i)));
      }
      for (Receipt r : rs) {
        r.awaitStored(Duration.ofSeconds(5));
      }
      long stored = rs.stream().filter(r -> r.status() == Receipt.Status.STORED).count();
      long dropped = rs.stream().filter(r -> r.dropReason() == DropReason.OUTBOX_FULL).count();
      assertThat(stored).isPositive();
      assertThat(dropped).isPositive();
      assertThat(stored + dropped).isEqualTo(200);
      assertThat(lt.metrics().dropped(DropReason.OUTBOX_FULL)).isEqualTo(dropped);
      assertThat(lt.metrics().outboxBytes()).isLessThanOrEqualTo(8192);
    }
  }

  @Test
  void dropOldestEvictsTheOldestSegmentAndCountsItsRecords() throws Exception {
    InMemorySink down = new InMemorySink("research");
    down.setAvailable(false, null);
    try (LearnTrace lt = Fixtures.builder(dir, down).setSegmentBytes(4096).setOutboxMaxBytes(8192)
        .setOverflowPolicy(OverflowPolicy.DROP_OLDEST).setShutdownTimeout(Duration.ZERO).build()) {
      List<Receipt> rs = trackMany(lt, 200);
      MetricsSnapshot m = lt.metrics();
      assertThat(rs).allMatch(r -> r.status() == Receipt.Status.STORED);
      assertThat(m.dropped(DropReason.OLDEST_EVICTED)).isPositive();
      assertThat(m.queued() + m.dropped(DropReason.OLDEST_EVICTED)).isEqualTo(200);
      assertThat(m.outboxBytes()).isLessThanOrEqualTo(8192);
    }
  }

  @Test
  void blockWaitsForRoomThenRefusesAndCounts() throws Exception {
    InMemorySink down = new InMemorySink("research");
    down.setAvailable(false, null);
    try (LearnTrace lt = Fixtures.builder(dir, down).setSegmentBytes(4096).setOutboxMaxBytes(8192)
        .setOverflowPolicy(OverflowPolicy.BLOCK).setBlockTimeout(Duration.ofMillis(5)).setShutdownTimeout(Duration.ZERO).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      List<Receipt> rs = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        rs.add(lt.tracker().track(Fixtures.played("t-1", i)));
      }
      for (Receipt r : rs) {
        r.awaitStored(Duration.ofSeconds(10));
      }
      assertThat(rs).noneMatch(r -> r.status() == Receipt.Status.PENDING);
      long dropped = rs.stream().filter(r -> r.status() == Receipt.Status.DROPPED).count();
      assertThat(dropped).isPositive();
      assertThat(lt.metrics().droppedTotal()).isEqualTo(dropped);
    }
  }
}
