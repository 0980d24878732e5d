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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryTest {
  @TempDir Path dir;

  private static List<Receipt> trackMany(LearnTrace lt, int n) throws InterruptedException {
    lt.consent().grant(Person.teacher("t-1"), "research", 1);
    List<Receipt> rs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rs.add(lt.tracker().track(Fixtures.played("t-1", i)));
    }
    for (Receipt r : rs) {
      assertThat(r.awaitStored(Duration.ofSeconds(30))).as("stored: %s", r).isTrue();
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
      await().atMost(Duration.ofSeconds(30)).until(() -> lt.metrics().retried() > 0);
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
      await().atMost(Duration.ofSeconds(30)).until(() -> live.count() == 100);
      assertThat(receivedIds(live)).isEqualTo(ids(rs));
      assertThat(dead.count()).isZero();
    }
  }

  @Test
  void bisectionIsolatesTheOneBadRecordIntoTheDeadLetterStore() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    // The poison's id is known before it is tracked (natural key): the sink must reject it from
    // its very first delivery, however soon the dispatcher picks it up.
    UUID poisonId = org.learntrace.sdk.internal.EventIds.v5(org.learntrace.sdk.internal.EventIds.NAMESPACE, "poison");
    sink.rejectWhen(e -> e.id().equals(poisonId));
    try (LearnTrace lt = Fixtures.builder(dir, sink).setBatching(64, 1 << 20, Duration.ofMillis(50)).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      Receipt poison = lt.tracker().track(Fixtures.playedWithKey("t-1", "poison"));
      assertThat(poison.awaitStored(Duration.ofSeconds(30))).isTrue();
      assertThat(poison.eventId()).isEqualTo(poisonId);
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

  /** How the sink behaves before the shutdown: how much gets delivered before the deadline varies. */
  enum BeforeShutdown {
    /** Nothing can be delivered. */
    DOWN,
    /** The first batch is accepted, then the sink is down. */
    ONE_BATCH_THEN_DOWN,
    /** Everything may be delivered, or none of it on a loaded machine. */
    UP
  }

  /** Delegates to an {@link InMemorySink}, which it turns unavailable after its first accepted batch. */
  private static final class OneBatchThenDown implements Sink {
    private final InMemorySink inner;

    OneBatchThenDown(InMemorySink inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public DeliveryResult deliver(List<TrackedEvent> batch) {
      DeliveryResult r = inner.deliver(batch);
      if (r instanceof DeliveryResult.Accepted) {
        inner.setAvailable(false, null);
      }
      return r;
    }
  }

  private static List<UUID> receivedIdList(InMemorySink sink) {
    List<UUID> l = new ArrayList<>();
    sink.received().forEach(e -> l.add(e.id()));
    return l;
  }

  /**
   * close() delivers what it can before its deadline and leaves everything else durable for the
   * next start, which redelivers exactly that with the same ids. How much the first run delivers
   * depends on the sink and on the machine's load, so only the sum is asserted, not a count.
   */
  @ParameterizedTest
  @EnumSource(BeforeShutdown.class)
  void shutdownDeliversWithinItsDeadlineAndLeavesTheRestForTheNextStart(BeforeShutdown mode) throws Exception {
    int batch = 10;
    InMemorySink first = new InMemorySink("research");
    Sink firstSink = first;
    if (mode == BeforeShutdown.DOWN) {
      first.setAvailable(false, null);
    } else if (mode == BeforeShutdown.ONE_BATCH_THEN_DOWN) {
      firstSink = new OneBatchThenDown(first);
    }
    LearnTrace lt = Fixtures.builder(dir, firstSink).setBatching(batch, 1 << 20, Duration.ofMillis(2)).build();
    List<Receipt> rs = trackMany(lt, 50);
    Set<UUID> all = ids(rs);
    assertThat(all).hasSize(50).doesNotContainNull();
    boolean complete = lt.shutdown(Duration.ofMillis(300));

    List<UUID> before = receivedIdList(first);
    assertThat(before).as("delivered before the shutdown").doesNotHaveDuplicates();
    assertThat(all).containsAll(before);
    if (complete) {
      assertThat(before).as("complete means all delivered").containsExactlyInAnyOrderElementsOf(all);
    }
    if (mode == BeforeShutdown.DOWN) {
      assertThat(complete).as("complete").isFalse();
      assertThat(before).isEmpty();
    }

    // The next start: its sink is down at first so that what the outbox kept can be counted.
    InMemorySink up = new InMemorySink("research");
    up.setAvailable(false, null);
    try (LearnTrace again = Fixtures.builder(dir, up).setBatching(batch, 1 << 20, Duration.ofMillis(2)).build()) {
      long kept = again.metrics().queued();
      assertThat(before.size() + kept).as("delivered + kept").isGreaterThanOrEqualTo(50);
      if (complete) {
        assertThat(kept).isZero();
      }
      up.setAvailable(true, null);
      assertThat(again.flush(Duration.ofSeconds(30))).isTrue();
      List<UUID> after = receivedIdList(up);
      assertThat(after).as("redelivered after the restart").doesNotHaveDuplicates().hasSize((int) kept);
      assertThat(all).as("same ids as the receipts").containsAll(after);
      Set<UUID> union = new HashSet<>(before);
      union.addAll(after);
      assertThat(union).as("delivered before + after the restart").isEqualTo(all);
      Set<UUID> twice = new HashSet<>(before);
      twice.retainAll(after);
      // At least once: only the batch whose acceptance the shutdown cut short may come again.
      assertThat(twice).as("delivered on both sides of the restart").hasSizeLessThanOrEqualTo(batch);
      assertThat(again.metrics().queued()).isZero();
    }
  }

  @Test
  void shutdownFlushesEverythingTrackedWhenTheSinkIsUp() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    LearnTrace lt = Fixtures.builder(dir, sink).build();
    List<Receipt> rs = trackMany(lt, 500);
    assertThat(lt.shutdown(Duration.ofSeconds(30))).isTrue();
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
      assertThat(again.flush(Duration.ofSeconds(30))).isTrue();
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
      long seen = 0;
      for (Receipt r : rs) {
        r.awaitStored(Duration.ofSeconds(30));
        if (r.dropReason() == DropReason.OUTBOX_FULL) {
          seen++;
          // Checked the moment the receipt turns final, while the writer is still busy.
          assertThat(lt.metrics().dropped(DropReason.OUTBOX_FULL)).as("drops seen on receipts are counted")
              .isGreaterThanOrEqualTo(seen);
        }
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
  void evictingTheSegmentOfABatchInFlightLosesNoneOfItsRecords() throws Exception {
    InMemorySink down = new InMemorySink("research");
    down.setAvailable(false, null);
    try (LearnTrace lt = Fixtures.builder(dir, down).setSegmentBytes(4096).setOutboxMaxBytes(8192)
        .setOverflowPolicy(OverflowPolicy.DROP_OLDEST).build()) {
      List<Receipt> held = trackMany(lt, 5);
      // The dispatcher holds the first five in a batch it retries; then the outbox overflows.
      await().atMost(Duration.ofSeconds(30)).until(() -> lt.metrics().retried() > 0);
      List<Receipt> rest = new ArrayList<>();
      for (int i = 5; i < 200; i++) {
        rest.add(lt.tracker().track(Fixtures.played("t-1", i)));
      }
      for (Receipt r : rest) {
        assertThat(r.awaitStored(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(lt.metrics().dropped(DropReason.OLDEST_EVICTED)).as("the first segment was evicted").isPositive();
      down.setAvailable(true, null);
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();

      MetricsSnapshot m = lt.metrics();
      Set<UUID> delivered = down.received().stream().map(TrackedEvent::id).collect(Collectors.toSet());
      assertThat(delivered).as("the batch in flight is delivered")
          .containsAll(held.stream().map(Receipt::eventId).toList());
      assertThat(m.sent()).isEqualTo(delivered.size());
      assertThat(m.sent() + m.dropped(DropReason.OLDEST_EVICTED)).as("each record delivered or lost, not both: %s", m)
          .isEqualTo(200);
      assertThat(m.queued()).isZero();
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
      long seen = 0;
      for (Receipt r : rs) {
        r.awaitStored(Duration.ofSeconds(30));
        if (r.status() == Receipt.Status.DROPPED) {
          seen++;
          // Checked the moment the receipt turns final, while the writer is still busy.
          assertThat(lt.metrics().droppedTotal()).as("drops seen on receipts are counted").isGreaterThanOrEqualTo(seen);
        }
      }
      assertThat(rs).noneMatch(r -> r.status() == Receipt.Status.PENDING);
      long dropped = rs.stream().filter(r -> r.status() == Receipt.Status.DROPPED).count();
      assertThat(dropped).isPositive();
      assertThat(lt.metrics().droppedTotal()).isEqualTo(dropped);
    }
  }
}
