package org.learntrace.sdk.internal;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Backoff and circuit breaking for one destination. After each failed attempt the dispatcher waits
 * an exponentially growing delay with equal jitter ({@code d/2 + random(0, d/2)}, {@code d = min(max,
 * initial·2^(n-1))}), never less than the destination's {@code Retry-After}. After {@code threshold}
 * consecutive failures the circuit opens for {@code openFor}; the first attempt after that is a
 * half-open trial: success closes it, failure opens it again. One per destination, shared by the
 * destination's deliverer threads when it has several batches in flight.
 */
final class CircuitBreaker {
  enum State {
    CLOSED, OPEN, HALF_OPEN;

    String label() {
      return this == HALF_OPEN ? "half-open" : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final long MAX_RETRY_AFTER_NANOS = Duration.ofHours(1).toNanos();

  private final long initialNanos;
  private final long maxNanos;
  private final int threshold;
  private final long openNanos;
  private final SplittableRandom random;
  private int failures;
  private volatile State state = State.CLOSED;
  private long openUntil;

  CircuitBreaker(Duration initial, Duration max, int threshold, Duration openFor, long seed) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.threshold = threshold;
    this.openNanos = openFor.toNanos();
    this.random = new SplittableRandom(seed);
  }

  State state() {
    return state;
  }

  /** How long to wait before the next attempt, given a failure at {@code now}. */
  synchronized long failure(long now, Duration retryAfter) {
    failures++;
    long d = initialNanos;
    for (int i = 1; i < failures && d < maxNanos; i++) {
      d *= 2;
    }
    d = Math.min(d, maxNanos);
    long wait = d / 2 + (d / 2 > 0 ? random.nextLong(d / 2 + 1) : 0);
    if (retryAfter != null) {
      wait = Math.max(wait, Math.min(retryAfter.toNanos(), MAX_RETRY_AFTER_NANOS));
    }
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openUntil = now + Math.max(openNanos, wait);
      wait = openUntil - now;
    }
    return wait;
  }

  synchronized void success() {
    failures = 0;
    state = State.CLOSED;
  }

  /** Nanoseconds until an attempt may be made (0 if now); moves OPEN to HALF_OPEN when due. */
  synchronized long waitBeforeAttempt(long now) {
    if (state == State.OPEN) {
      if (now < openUntil) {
        return openUntil - now;
      }
      state = State.HALF_OPEN;
    }
    return 0;
  }
}
