package org.learntrace.lti;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link LtiStateStore} on Caffeine with a per-entry expiry read from the injected clock. */
final class CaffeineStateStore implements LtiStateStore {
  private record Entry(String value, long expiresAtMillis) {}

  private final Clock clock;
  private final Cache<String, Entry> cache;

  CaffeineStateStore(Clock clock, long maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cache = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        // Maintenance on the caller's thread: the bound holds when put() returns, not some time later.
        .executor(Runnable::run)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfter(new Expiry<String, Entry>() {
          @Override
          public long expireAfterCreate(String key, Entry e, long now) {
            return remaining(e);
          }

          @Override
          public long expireAfterUpdate(String key, Entry e, long now, long current) {
            return remaining(e);
          }

          @Override
          public long expireAfterRead(String key, Entry e, long now, long current) {
            return current;
          }
        })
        .build();
  }

  private long remaining(Entry e) {
    return TimeUnit.MILLISECONDS.toNanos(Math.max(0, e.expiresAtMillis() - clock.millis()));
  }

  private boolean live(Entry e) {
    return e != null && e.expiresAtMillis() > clock.millis();
  }

  @Override
  public void put(String key, String value, Instant expiresAt) {
    cache.put(key, new Entry(value, expiresAt.toEpochMilli()));
  }

  @Override
  public boolean putIfAbsent(String key, String value, Instant expiresAt) {
    Entry fresh = new Entry(value, expiresAt.toEpochMilli());
    boolean[] stored = {false};
    cache.asMap().compute(key, (k, old) -> {
      if (live(old)) {
        return old;
      }
      stored[0] = true;
      return fresh;
    });
    return stored[0];
  }

  @Override
  public Optional<String> get(String key) {
    Entry e = cache.getIfPresent(key);
    return live(e) ? Optional.of(e.value()) : Optional.empty();
  }

  @Override
  public Optional<String> take(String key) {
    Entry e = cache.asMap().remove(key);
    return live(e) ? Optional.of(e.value()) : Optional.empty();
  }
}
