package org.learntrace.sdk.internal;

import java.time.Duration;
import java.util.UUID;
import org.learntrace.sdk.DropReason;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.PseudonymLevel;
import org.learntrace.sdk.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An event accepted by {@code track()} on its way to the outbox; its own receipt. */
final class PendingEvent implements Receipt {
  private static final Logger LOG = LoggerFactory.getLogger(PendingEvent.class);
  private static final int PENDING = 0;
  private static final int STORED = 1;
  private static final int DROPPED = 2;

  final LearningEvent event;
  final String[] destinations;
  final long receivedAtMillis;
  final PseudonymLevel level;
  private final AckSignal signal;
  private volatile int state;
  private UUID id;
  private DropReason dropReason;

  PendingEvent(LearningEvent event, String[] destinations, long receivedAtMillis, PseudonymLevel level, AckSignal signal) {
    this.event = event;
    this.destinations = destinations;
    this.receivedAtMillis = receivedAtMillis;
    this.level = level;
    this.signal = signal;
  }

  /**
   * Publishes STORED (called by the writer after the group's write, its counters already updated;
   * not yet signalled). A receipt has a single owner at a time — the writer, or the producer that
   * evicted it from the queue — and its status changes from PENDING at most once: a second
   * transition is a bug: it is refused (and logged), so a status reported final never changes.
   *
   * @return whether the receipt was PENDING and is now STORED
   */
  boolean markStored(UUID eventId) {
    if (state != PENDING) {
      LOG.error("outbox: {} is already final, not marking it stored", this);
      return false;
    }
    this.id = eventId;
    state = STORED;
    return true;
  }

  /**
   * Counts the drop in {@code metrics}, then publishes DROPPED and signals waiters. The count comes
   * first so that anyone who sees this receipt DROPPED also sees the drop in the metrics.
   *
   * @return whether the receipt was PENDING and is now DROPPED (only then is the drop counted)
   */
  boolean markDropped(DropReason reason, SelfMetrics metrics) {
    if (state != PENDING) {
      LOG.error("outbox: {} is already final, not marking it dropped ({})", this, reason);
      return false;
    }
    metrics.dropped(reason, 1);
    this.dropReason = reason;
    state = DROPPED;
    signal.signalAll();
    return true;
  }

  @Override
  public Status status() {
    switch (state) {
      case STORED:
        return Status.STORED;
      case DROPPED:
        return Status.DROPPED;
      default:
        return Status.PENDING;
    }
  }

  @Override
  public UUID eventId() {
    return state == STORED ? id : null;
  }

  @Override
  public FilterReason filterReason() {
    return null;
  }

  @Override
  public DropReason dropReason() {
    return state == DROPPED ? dropReason : null;
  }

  @Override
  public boolean awaitStored(Duration timeout) throws InterruptedException {
    if (state == PENDING) {
      signal.await(() -> state != PENDING, timeout.toNanos());
    }
    return state == STORED;
  }

  @Override
  public String toString() {
    return "Receipt[" + status() + (id != null ? " " + id : "") + (dropReason != null ? " " + dropReason : "") + "]";
  }
}
