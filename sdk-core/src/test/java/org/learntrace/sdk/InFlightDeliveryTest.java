package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink that takes several batches at once ({@link Sink#maxInFlight()} &gt; 1): batches overlap,
 * complete in any order, and still the cursor only passes a batch once it and every batch before
 * it are resolved, so that a stop or crash redelivers and never loses.
 */
class InFlightDeliveryTest {
  private static final int BATCH = 10;

  @TempDir Path dir;

  /** The first event the tests track: its batch is the oldest in the outbox. */
  private static boolean isFirstTracked(TrackedEvent e) {
    return e.event() instanceof VideoPlayed p && p.sessionId().equals("session-0");
  }

  /** Records every call; the oldest batch (whichever deliverer gets it) waits for {@link #release}. */
  private static final class HoldFirst implements Sink {
    final int window;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger mostInside = new AtomicInteger();
    final List<UUID> accepted = Collections.synchronizedList(new ArrayList<>());
    volatile boolean holdFirst = true;
    volatile int held = -1;

    HoldFirst(int window) {
      this.window = window;
    }

    @Override
    public String name() {
      return "research";
    }

    @Override
    public int maxInFlight() {
      return window;
    }

    @Override
    public DeliveryResult deliver(List<TrackedEvent> batch) throws Exception {
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        calls.incrementAndGet();
        if (holdFirst && batch.stream().anyMatch(InFlightDeliveryTest::isFirstTracked)) {
          held = batch.size();
          if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the first batch");
          }
        }
        batch.forEach(e -> accepted.add(e.id()));
        return DeliveryResult.accepted();
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  private static List<UUID> track(LearnTrace lt, int from, int n) throws InterruptedException {
    List<Receipt> receipts = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      receipts.add(lt.tracker().track(Fixtures.played("t-1", i)));
    }
    List<UUID> ids = new ArrayList<>();
    for (Receipt r : receipts) {
      assertThat(r.awaitStored(Duration.ofSeconds(30))).as("stored: %s", r).isTrue();
      ids.add(r.eventId());
    }
    return ids;
  }

  /** Batches wait up to a second to fill, so that they are whole however loaded the machine is. */
  private LearnTrace start(Sink sink) {
    LearnTrace lt = Fixtures.builder(dir, sink).setBatching(BATCH, 1 << 20, Duration.ofSeconds(1)).build();
    lt.consent().grant(Person.teacher("t-1"), "research", 1);
    return lt;
  }

  @Test
  void laterBatchesAreDeliveredWhileTheFirstIsStillOutButTheCursorWaitsForIt() throws Exception {
    HoldFirst sink = new HoldFirst(4);
    try (LearnTrace lt = start(sink)) {
      List<UUID> ids = track(lt, 0, 4 * BATCH);
      awaitCondition(() -> sink.held > 0 && sink.accepted.size() == 4 * BATCH - sink.held,
          "the batches after the held one are delivered");
      assertThat(sink.held).as("the held batch").isEqualTo(BATCH);

      assertThat(sink.mostInside.get()).as("batches in the sink at once").isGreaterThanOrEqualTo(2);
      assertThat(lt.metrics().queued()).as("nothing counts as resolved before the oldest batch").isEqualTo(4 * BATCH);
      assertThat(lt.flush(Duration.ofMillis(50))).as("flush while the first batch is out").isFalse();

      sink.release.countDown();
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(lt.metrics().queued()).isZero();
      assertThat(sink.accepted).containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  @Test
  void stoppingWhileTheOldestBatchIsOutRedeliversFromItOnTheNextStart() throws Exception {
    HoldFirst sink = new HoldFirst(4);
    List<UUID> ids;
    LearnTrace lt = start(sink);
    ids = track(lt, 0, 4 * BATCH);
    awaitCondition(() -> sink.held > 0 && sink.accepted.size() == 4 * BATCH - sink.held,
        "the batches after the held one are delivered");
    // The held call is interrupted at the deadline; its batch and the ones after it stay owed.
    assertThat(lt.shutdown(Duration.ofMillis(200))).as("complete").isFalse();
    List<UUID> before = new ArrayList<>(sink.accepted);

    HoldFirst again = new HoldFirst(4);
    again.holdFirst = false;
    try (LearnTrace next = start(again)) {
      assertThat(next.metrics().queued()).as("kept in the outbox").isEqualTo(4 * BATCH);
      assertThat(next.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(again.accepted).as("redelivered: every record from the oldest unresolved batch on")
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(ids).containsAll(before);
    }
  }

  @Test
  void aConsentWithdrawalIsDeliveredAloneAfterEverythingBeforeIt() throws Exception {
    /** Notes, for each call, whether it held the withdrawal, what was already accepted, and who else was in. */
    final class Recording implements Sink {
      final AtomicInteger inside = new AtomicInteger();
      final Set<UUID> accepted = Collections.synchronizedSet(new HashSet<>());
      volatile int othersInsideWithWithdrawal = -1;
      volatile Set<UUID> acceptedBeforeWithdrawal;

      @Override
      public String name() {
        return "research";
      }

      @Override
      public int maxInFlight() {
        return 4;
      }

      @Override
      public DeliveryResult deliver(List<TrackedEvent> batch) throws Exception {
        int others = inside.getAndIncrement();
        try {
          if (batch.stream().anyMatch(e -> e.event() instanceof ConsentWithdrawn)) {
            othersInsideWithWithdrawal = others;
            Set<UUID> before = new HashSet<>(accepted);
            // Records ahead of it in its own batch go with it, in order.
            for (TrackedEvent e : batch) {
              if (e.event() instanceof ConsentWithdrawn) {
                break;
              }
              before.add(e.id());
            }
            acceptedBeforeWithdrawal = before;
          } else {
            Thread.sleep(1); // lets batches overlap; nothing below depends on how long
          }
          batch.forEach(e -> accepted.add(e.id()));
          return DeliveryResult.accepted();
        } finally {
          inside.decrementAndGet();
        }
      }
    }
    Recording sink = new Recording();
    try (LearnTrace lt = start(sink)) {
      List<UUID> earlier = track(lt, 0, 8 * BATCH + 3);
      Receipt w = lt.consent().withdraw(Person.teacher("t-1"), CourseModule.course("ags"), "research");
      assertThat(w.awaitStored(Duration.ofSeconds(30))).isTrue();
      lt.consent().grant(Person.teacher("t-2"), "research", 1);
      for (int i = 0; i < 3 * BATCH; i++) {
        lt.tracker().track(Fixtures.played("t-2", 1000 + i));
      }
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();

      assertThat(sink.othersInsideWithWithdrawal).as("other batches in the sink with the withdrawal").isZero();
      assertThat(sink.acceptedBeforeWithdrawal).as("accepted before the withdrawal was delivered")
          .containsAll(earlier);
      assertThat(sink.accepted).contains(w.eventId()).hasSize(earlier.size() + 1 + 3 * BATCH);
    }
  }

  private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited 30 s for: %s", what).isNegative();
      Thread.sleep(5);
    }
  }
}
