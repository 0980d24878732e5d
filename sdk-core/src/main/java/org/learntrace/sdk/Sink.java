package org.learntrace.sdk;

import java.util.List;

/**
 * A destination for tracked events: an LRS (the LRS sink lives in {@code xapi-adapter}), a file,
 * memory. Each sink gets its own queue and thread in the dispatcher, so a slow or dead sink never
 * holds up another.
 *
 * <p>The dispatcher calls {@link #deliver} with batches of at most the configured size, in outbox
 * order, one batch at a time unless the sink allows more in flight ({@link #maxInFlight()}). Delivery is at least once: after a crash, or when a result is
 * lost, a sink sees the same event again with the same {@link TrackedEvent#id()}, and must make a
 * repeat harmless (an LRS does, by statement id).
 */
public interface Sink extends AutoCloseable {

  /**
   * The destination name policies route by, e.g. {@code research-lrs}: 1–64 characters of
   * {@code [A-Za-z0-9._-]}, stable across restarts (the outbox keeps a delivery cursor under it).
   */
  String name();

  /**
   * Delivers a batch and says what became of it.
   *
   * <ul>
   *   <li>{@link DeliveryResult#accepted()}: all stored.
   *   <li>{@link DeliveryResult#retryLater}: none stored, try again later (outage, 429, 503); the
   *       dispatcher backs off with jitter, honouring {@code Retry-After}, and opens its circuit
   *       breaker after repeated failures.
   *   <li>{@link DeliveryResult#rejected}: the batch as a whole was refused because some record in
   *       it is bad (an LRS answers 400 for the whole batch): the dispatcher bisects it to isolate
   *       the bad record, which goes to the dead-letter store with the reason.
   *   <li>{@link DeliveryResult#perRecord}: one outcome per record, in batch order.
   * </ul>
   *
   * An exception counts as retry-later with the exception as the reason.
   *
   * @param batch one or more events; the list is not modified and must not be kept
   * @return the result; never null
   * @throws Exception a transient failure
   */
  DeliveryResult deliver(List<TrackedEvent> batch) throws Exception;

  /**
   * How many batches the dispatcher may hand to {@link #deliver} at once, from as many threads.
   * Above one, {@code deliver} must be thread-safe, and batches may be stored out of outbox order
   * (the cursor still advances in order, so a crash redelivers, never loses). Network sinks gain
   * most: the next batch is mapped and sent while the LRS answers the last.
   *
   * @return 1 (the default): one batch at a time, in order
   */
  default int maxInFlight() {
    return 1;
  }

  /** Releases the sink's resources; called once, after the last {@link #deliver}. */
  @Override
  default void close() throws Exception {}
}
