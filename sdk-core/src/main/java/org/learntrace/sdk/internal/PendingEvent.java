package org.learntrace.sdk.internal;

import java.time.Duration;
import java.util.UUID;
import org.learntrace.sdk.DropReason;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.PseudonymLevel;
import org.learntrace.sdk.Receipt;

/** An event accepted by {@code track()} on its way to the outbox; its own receipt. */
final class PendingEvent implements Receipt {
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

  /** Called by the writer once the event's records are written (not yet signalled). */
  void markStored(UUID eventId) {
    this.id = eventId;
    state = STORED;
  }

  /** Called when the event is lost; signals waiters itself. */
  void markDropped(DropReason reason) {
    this.dropReason = reason;
    state = DROPPED;
    signal.signalAll();
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
