package org.learntrace.xapi.collector;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} items per person in each fixed window of {@code window}. Counts live only
 * for the current window (the map is replaced when a window ends), so memory is bounded by the
 * people active in one window.
 */
final class RateLimiter {
  private final int limit;
  private final long windowMillis;
  private final Clock clock;
  private volatile long windowStart;
  private volatile ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  RateLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.windowMillis = window.toMillis();
    this.clock = clock;
    this.windowStart = clock.millis();
  }

  /** Takes {@code items} from the person's allowance; null if allowed, else how long until the next window. */
  Duration take(String person, int items) {
    long now = clock.millis();
    if (now - windowStart >= windowMillis) {
      synchronized (this) {
        if (now - windowStart >= windowMillis) {
          counts = new ConcurrentHashMap<>();
          windowStart = now - (now - windowStart) % windowMillis;
        }
      }
    }
    AtomicInteger c = counts.computeIfAbsent(person, k -> new AtomicInteger());
    int after = c.addAndGet(items);
    if (after <= limit) {
      return null;
    }
    c.addAndGet(-items);
    return Duration.ofMillis(Math.max(1, windowStart + windowMillis - now));
  }
}
