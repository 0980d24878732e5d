package org.learntrace.sdk;

/**
 * Where a platform hands in learning events. Thread-safe and cheap: {@link #track} never does I/O
 * on the caller's thread and never waits on the network or on a sink.
 *
 * <pre>{@code
 * Receipt r = tracker.track(VideoPlayed(...));   // returns in microseconds
 * r.awaitStored(Duration.ofSeconds(1));          // optional: wait until it survives a process kill
 * }</pre>
 */
public interface Tracker {

  /**
   * Accepts an event for delivery, or says why not. The event is checked against the policy of its
   * course and module and against consent on the caller's thread; the returned receipt is then
   * {@link Receipt.Status#FILTERED}, {@link Receipt.Status#DROPPED} (the in-memory queue was full)
   * or {@link Receipt.Status#PENDING}. A pending receipt becomes {@link Receipt.Status#STORED} once
   * the outbox writer thread has written the event to the outbox file with {@code write()}: from
   * then on the event survives a kill of the process (see {@code docs/outbox.md} for power loss).
   *
   * @param event the event; never null
   * @return the receipt; never null
   * @throws NullPointerException if {@code event} is null
   */
  Receipt track(LearningEvent event);

  /** A tracker that records nothing: every receipt is {@code FILTERED}. */
  static Tracker noop() {
    return NoopTracker.INSTANCE;
  }
}
