package org.learntrace.sdk;

import java.time.Duration;
import java.util.UUID;

/**
 * What became of one {@link Tracker#track} call.
 *
 * <p><b>Acknowledgement.</b> An event is <em>acknowledged</em> when its receipt is
 * {@link Status#STORED}: the writer thread has written it to the outbox with {@code write()}, so it
 * is in the operating system's page cache and survives a kill of the process at any instant
 * (including SIGKILL). Whether it also survives a power cut depends on the outbox's
 * {@link FsyncMode}. {@code track()} itself returns before that, so that the caller's thread does no
 * system call per event; a caller that must know waits with {@link #awaitStored}.
 */
public interface Receipt {

  /** The state of the event. */
  enum Status {
    /** Queued in memory, not yet written: lost if the process dies now. */
    PENDING,
    /** Written to the outbox: acknowledged; it will be delivered, after a restart if need be. */
    STORED,
    /** Not recorded, by policy or for lack of consent: see {@link #filterReason()}. */
    FILTERED,
    /** Lost to an overflow, counted: see {@link #dropReason()}. */
    DROPPED
  }

  /** The current status; changes from {@code PENDING} at most once. */
  Status status();

  /**
   * The event's deterministic id, the one every sink receives for it: a UUID v5 of the natural key
   * when there is one, otherwise derived from the event's content with a key. Null until the
   * status is {@code STORED}.
   */
  UUID eventId();

  /** Why it was filtered, or null. */
  FilterReason filterReason();

  /** Why it was dropped, or null. */
  DropReason dropReason();

  /**
   * Waits until the event is no longer {@code PENDING}, at most {@code timeout}.
   *
   * @return whether the event is {@code STORED}
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitStored(Duration timeout) throws InterruptedException;

  /** A completed receipt for a filtered event. */
  static Receipt filtered(FilterReason reason) {
    return FinalReceipt.filtered(reason);
  }

  /** A completed receipt for a dropped event. */
  static Receipt dropped(DropReason reason) {
    return FinalReceipt.dropped(reason);
  }
}
