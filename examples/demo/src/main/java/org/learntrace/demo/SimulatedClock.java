package org.learntrace.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated study's clock, moved by the demo and read by the servers it runs (the LTI platform
 * and tool), so that what they record carries simulated times and the same seed gives the same
 * statements. It never goes back: moving it to an earlier instant leaves it where it is, which keeps
 * expiring caches and token lifetimes consistent. Thread-safe.
 */
final class SimulatedClock extends Clock {
  private final AtomicReference<Instant> now;

  SimulatedClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Moves to {@code t}, or stays if {@code t} is earlier; returns the time now. */
  Instant advanceTo(Instant t) {
    return now.accumulateAndGet(t, (current, wanted) -> wanted.isAfter(current) ? wanted : current);
  }

  /** Moves forward by {@code d}; returns the time now. */
  Instant advance(Duration d) {
    return now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** The same clock: the zone only matters to callers that format local times, and none here do. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
