package org.learntrace.sdk;

/** Why an accepted event was lost. Every drop is counted in {@link MetricsSnapshot#dropped()}. */
public enum DropReason {
  /** The in-memory queue in front of the outbox writer was full. */
  QUEUE_FULL,
  /** The outbox reached its byte bound and the overflow policy refused the new event. */
  OUTBOX_FULL,
  /** The outbox reached its byte bound and the overflow policy evicted older events. */
  OLDEST_EVICTED,
  /** The event could not be serialized, or its record exceeds a segment. */
  UNENCODABLE,
  /** The outbox could not write (disk full or failing); logged with the cause. */
  STORAGE_FAILED,
  /** A record rejected by a sink could not be kept because the dead-letter store is full. */
  DEAD_LETTER_FULL
}
