package org.learntrace.sdk;

/**
 * What happens when the outbox (or the in-memory queue before it) is full. Every loss is counted by
 * {@link DropReason}.
 */
public enum OverflowPolicy {
  /** Refuse the new event ({@link DropReason#OUTBOX_FULL}); the oldest undelivered events stay. */
  DROP_NEWEST,
  /** Evict the oldest segment of the outbox ({@link DropReason#OLDEST_EVICTED}) to make room. */
  DROP_OLDEST,
  /**
   * Wait for room, at most the configured block timeout, then refuse the new event. Back-pressure
   * reaches the caller of {@code track()} only once the in-memory queue is full too.
   */
  BLOCK
}
