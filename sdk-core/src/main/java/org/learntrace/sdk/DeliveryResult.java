package org.learntrace.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Sink} did with a batch, or with one record of it.
 *
 * <p>{@link Accepted}, {@link RetryLater} and {@link Rejected} apply to the whole batch when
 * returned alone, and to one record when they appear inside {@link PerRecord}.
 */
public sealed interface DeliveryResult {

  /** Stored. */
  record Accepted() implements DeliveryResult {}

  /**
   * Not stored; try again later.
   *
   * @param retryAfter the destination's {@code Retry-After}, or null
   * @param reason why, for logs
   */
  record RetryLater(Duration retryAfter, String reason) implements DeliveryResult {}

  /**
   * Refused for good. For a whole batch the dispatcher bisects; for a single record it is
   * dead-lettered with this reason.
   *
   * @param reason why, kept with the dead letter
   */
  record Rejected(String reason) implements DeliveryResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * One outcome per record, in batch order; none of them is itself a {@code PerRecord}.
   *
   * @param outcomes the outcomes
   */
  record PerRecord(List<DeliveryResult> outcomes) implements DeliveryResult {
    public PerRecord {
      outcomes = List.copyOf(outcomes);
      for (DeliveryResult r : outcomes) {
        if (r instanceof PerRecord) {
          throw new IllegalArgumentException("per-record outcomes must not nest");
        }
      }
    }
  }

  Accepted ACCEPTED = new Accepted();

  static DeliveryResult accepted() {
    return ACCEPTED;
  }

  static DeliveryResult retryLater(Duration retryAfter, String reason) {
    return new RetryLater(retryAfter, reason);
  }

  static DeliveryResult rejected(String reason) {
    return new Rejected(reason);
  }

  static DeliveryResult perRecord(List<DeliveryResult> outcomes) {
    return new PerRecord(outcomes);
  }
}
