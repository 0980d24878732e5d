package org.learntrace.sdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.learntrace.sdk.DeliveryResult;
import org.learntrace.sdk.DropReason;
import org.learntrace.sdk.Sink;
import org.learntrace.sdk.TrackedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one destination's records from the outbox to its sink: batches by count, bytes and age;
 * retries with backoff and circuit breaking; bisects a rejected batch to dead-letter the bad record;
 * advances the destination's cursor only once a whole batch is resolved, so that a crash leads to
 * redelivery, never to loss.
 *
 * <p>The dispatcher thread reads and batches. When the sink allows several batches in flight
 * ({@link Sink#maxInFlight()}), each batch is delivered on one of that many deliverer threads while
 * the next is read, and the cursor still advances in outbox order: past a batch only once it and
 * every batch before it are resolved. With one in flight (the default) the dispatcher thread
 * delivers itself.
 */
final class Dispatcher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final long IDLE_PARK_NANOS = 100_000_000L;

  /** Batching and retry settings. */
  record Settings(int maxBatchSize, int maxBatchBytes, Duration maxBatchDelay, Duration initialBackoff,
      Duration maxBackoff, int breakerThreshold, Duration breakerOpen) {}

  /** A batch handed to a deliverer: its outcome (false if stopped first), where it ends, its size. */
  private record InFlight(Future<Boolean> outcome, long end, int records) {}

  private final Outbox outbox;
  private final Lane lane;
  private final Sink sink;
  private final Settings settings;
  private final DeadLetterStore deadLetters;
  private final SelfMetrics metrics;
  private final Clock clock;
  private final CircuitBreaker breaker;
  private final int window;
  private volatile boolean stopping;
  private volatile long stopDeadline;
  /** Guards {@link #inSink}: an interrupt may only land while the sink is being called. */
  private final Object sinkCall = new Object();
  private final Set<Thread> inSink = new HashSet<>();
  /** Batches being delivered, oldest first; touched by the dispatcher thread only. */
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  /** Whether the batch {@link #fill} made holds a consent withdrawal; dispatcher thread only. */
  private boolean withdrawal;
  /** The position the cursor was last advanced to; dispatcher thread only. */
  private long advancedTo = -1;

  Dispatcher(Outbox outbox, Lane lane, Sink sink, Settings settings, DeadLetterStore deadLetters,
      SelfMetrics metrics, Clock clock, long seed) {
    this.outbox = outbox;
    this.lane = lane;
    this.sink = sink;
    this.settings = settings;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
    this.window = Math.max(1, sink.maxInFlight());
    this.breaker = new CircuitBreaker(settings.initialBackoff(), settings.maxBackoff(), settings.breakerThreshold(),
        settings.breakerOpen(), seed ^ lane.name.hashCode());
    metrics.circuit(lane.name, () -> breaker.state().label());
  }

  /** Asks the dispatcher to deliver what is in the outbox and stop, giving up at {@code deadlineNanos}. */
  void stop(long deadlineNanos) {
    stopDeadline = deadlineNanos;
    stopping = true;
    lane.wake();
  }

  /**
   * Interrupts the threads that are inside the sink's {@code deliver} (e.g. blocked on a network
   * call), and only those. Never elsewhere: an interrupt during a {@code FileChannel} read or write
   * would close the outbox's shared channels.
   *
   * @return whether a sink call was interrupted
   */
  boolean interruptSinkCall() {
    synchronized (sinkCall) {
      inSink.forEach(Thread::interrupt);
      return !inSink.isEmpty();
    }
  }

  private DeliveryResult callSink(List<TrackedEvent> batch) throws Exception {
    Thread self = Thread.currentThread();
    synchronized (sinkCall) {
      inSink.add(self);
    }
    try {
      return sink.deliver(Collections.unmodifiableList(batch));
    } finally {
      synchronized (sinkCall) {
        inSink.remove(self);
        // An interrupt meant for the sink call must not outlive it and reach file I/O.
        Thread.interrupted();
      }
    }
  }

  private boolean pastDeadline() {
    return stopping && System.nanoTime() - stopDeadline >= 0;
  }

  @Override
  public void run() {
    lane.dispatcher = Thread.currentThread();
    LogReader reader = new LogReader(outbox.log(), lane.resolved);
    advancedTo = lane.resolved;
    lane.read = lane.resolved;
    ExecutorService deliverers = window > 1 ? Executors.newFixedThreadPool(window, new DelivererThreads(lane.name)) : null;
    List<TrackedEvent> batch = new ArrayList<>(settings.maxBatchSize());
    try {
      while (!pastDeadline()) {
        reader.skipTo(lane.floor);
        fill(reader, batch);
        if (!retire(false)) {
          return;
        }
        if (batch.isEmpty()) {
          if (inFlight.isEmpty()) {
            if (reader.position() > advancedTo) {
              // Records of other destinations only: nothing to deliver, but the cursor moves on.
              advance(reader.position(), 0);
            }
            if (stopping && reader.position() >= outbox.log().committedEnd()) {
              return;
            }
          }
          LockSupport.parkNanos(inFlight.isEmpty() ? IDLE_PARK_NANOS : IDLE_PARK_NANOS / 100);
          continue;
        }
        if (deliverers == null || withdrawal) {
          // A withdrawal makes the sink void what the destination holds of the person: what came
          // before it must be stored first, and nothing after it sent until it is done.
          if (!drain() || !resolve(batch)) {
            return;
          }
          advance(reader.position(), batch.size());
          batch = new ArrayList<>(settings.maxBatchSize());
        } else {
          List<TrackedEvent> handed = batch;
          Thread dispatcher = Thread.currentThread();
          inFlight.add(new InFlight(deliverers.submit(() -> {
            try {
              return resolve(handed);
            } finally {
              LockSupport.unpark(dispatcher);
            }
          }), reader.position(), handed.size()));
          batch = new ArrayList<>(settings.maxBatchSize());
          if (inFlight.size() >= window && !retire(true)) {
            return;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("dispatcher {} stopped: {}", lane.name, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (deliverers != null) {
        awaitDeliverers(deliverers);
      }
      lane.dispatcher = null;
    }
  }

  private void advance(long position, int records) throws IOException {
    outbox.resolved(lane, position, records);
    advancedTo = position;
  }

  /**
   * Advances the cursor past the resolved batches at the head of {@link #inFlight}.
   *
   * @param waitForOne whether to wait for the oldest batch if it is still being delivered
   * @return false if a deliverer stopped before resolving its batch (the stop deadline passed)
   */
  private boolean retire(boolean waitForOne) throws IOException, InterruptedException {
    while (!inFlight.isEmpty()) {
      InFlight head = inFlight.peek();
      if (!head.outcome().isDone() && !waitForOne) {
        return true;
      }
      waitForOne = false;
      boolean resolved;
      try {
        resolved = head.outcome().get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
      }
      if (!resolved) {
        return false;
      }
      inFlight.poll();
      advance(head.end(), head.records());
    }
    return true;
  }

  /** Waits until every batch in flight is resolved; false if one stopped first. */
  private boolean drain() throws IOException, InterruptedException {
    while (!inFlight.isEmpty()) {
      if (!retire(true)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Lets the deliverers finish their batches (they give up at the stop deadline, and a sink call
   * still running then is interrupted by the engine), then advances past those resolved in order.
   */
  private void awaitDeliverers(ExecutorService deliverers) {
    deliverers.shutdown();
    try {
      while (!deliverers.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        // Waits: the engine interrupts sink calls still running past its deadline.
      }
      retire(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      LOG.error("dispatcher {}: could not record delivered batches: {}", lane.name, e.toString(), e);
    }
    inFlight.clear();
  }

  /** Names the deliverer threads after their destination; daemon, as the dispatcher is. */
  private static final class DelivererThreads implements ThreadFactory {
    private final String lane;
    private final AtomicInteger count = new AtomicInteger();

    DelivererThreads(String lane) {
      this.lane = lane;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "learntrace-deliver-" + lane + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  private void fill(LogReader reader, List<TrackedEvent> batch) throws IOException {
    withdrawal = false;
    long deadline = System.nanoTime() + settings.maxBatchDelay().toNanos();
    int bytes = 0;
    while (batch.size() < settings.maxBatchSize() && bytes < settings.maxBatchBytes()) {
      ByteBuffer body = reader.next();
      if (body == null) {
        long left = deadline - System.nanoTime();
        if (batch.isEmpty() || stopping || left <= 0 || outbox.flushing()) {
          return;
        }
        LockSupport.parkNanos(left);
        continue;
      }
      lane.read = reader.position();
      if (RecordBody.isFor(body, lane.nameBytes)) {
        bytes += body.remaining();
        withdrawal |= RecordBody.isConsentWithdrawal(body);
        batch.add(RecordBody.decode(body, outbox.codec()));
      }
    }
  }

  /** Resolves every record of {@code recs}: accepted or dead-lettered. False if stopped first. */
  private boolean resolve(List<TrackedEvent> recs) throws IOException {
    List<TrackedEvent> pending = recs;
    while (!pending.isEmpty()) {
      if (!waitFor(breaker.waitBeforeAttempt(System.nanoTime()))) {
        return false;
      }
      DeliveryResult r;
      try {
        r = callSink(pending);
        if (r == null) {
          r = DeliveryResult.retryLater(null, "sink returned no result");
        }
      } catch (Exception e) {
        r = DeliveryResult.retryLater(null, e.toString());
      }
      if (r instanceof DeliveryResult.PerRecord per && per.outcomes().size() != pending.size()) {
        r = DeliveryResult.retryLater(null, "sink returned " + per.outcomes().size() + " outcomes for " + pending.size() + " records");
      }
      if (r instanceof DeliveryResult.Accepted) {
        breaker.success();
        accepted(pending);
        return true;
      } else if (r instanceof DeliveryResult.RetryLater later) {
        if (!retry(pending.size(), later)) {
          return false;
        }
      } else if (r instanceof DeliveryResult.Rejected rejected) {
        breaker.success();
        if (pending.size() == 1) {
          deadLetter(pending.get(0), rejected.reason());
          return true;
        }
        int mid = pending.size() / 2;
        List<TrackedEvent> right = pending.subList(mid, pending.size());
        return resolve(new ArrayList<>(pending.subList(0, mid))) && resolve(new ArrayList<>(right));
      } else {
        List<DeliveryResult> outcomes = ((DeliveryResult.PerRecord) r).outcomes();
        breaker.success();
        List<TrackedEvent> again = new ArrayList<>();
        DeliveryResult.RetryLater longest = null;
        for (int i = 0; i < outcomes.size(); i++) {
          DeliveryResult o = outcomes.get(i);
          if (o instanceof DeliveryResult.Rejected rej) {
            deadLetter(pending.get(i), rej.reason());
          } else if (o instanceof DeliveryResult.RetryLater rl) {
            again.add(pending.get(i));
            if (longest == null || (rl.retryAfter() != null
                && (longest.retryAfter() == null || rl.retryAfter().compareTo(longest.retryAfter()) > 0))) {
              longest = rl;
            }
          } else {
            accepted(List.of(pending.get(i)));
          }
        }
        if (!again.isEmpty() && !retry(again.size(), longest)) {
          return false;
        }
        pending = again;
      }
    }
    return true;
  }

  private boolean retry(int records, DeliveryResult.RetryLater later) {
    metrics.retried.add(records);
    long wait = breaker.failure(System.nanoTime(), later.retryAfter());
    LOG.debug("{}: {} records to retry in {} ms: {}", lane.name, records, wait / 1_000_000, later.reason());
    if (breaker.state() == CircuitBreaker.State.OPEN) {
      LOG.warn("{}: circuit open for {} ms after repeated failures: {}", lane.name, wait / 1_000_000, later.reason());
    }
    return waitFor(wait);
  }

  /** Parks for {@code nanos}; false if the stop deadline passes first. */
  private boolean waitFor(long nanos) {
    long end = System.nanoTime() + nanos;
    while (true) {
      if (pastDeadline()) {
        return false;
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      long cap = stopping ? Math.min(left, Math.max(0, stopDeadline - System.nanoTime())) : left;
      LockSupport.parkNanos(Math.max(cap, 1_000L));
    }
  }

  private void accepted(List<TrackedEvent> recs) {
    metrics.sent.add(recs.size());
    long now = clock.millis();
    for (TrackedEvent e : recs) {
      metrics.latency(Math.max(0, now - e.receivedAt().toEpochMilli()));
    }
  }

  private void deadLetter(TrackedEvent e, String reason) throws IOException {
    LOG.warn("{}: event {} rejected, dead-lettered: {}", lane.name, e.id(), reason);
    if (deadLetters.add(e, reason)) {
      metrics.deadLettered.increment();
    } else {
      metrics.dropped(DropReason.DEAD_LETTER_FULL, 1);
    }
  }
}
