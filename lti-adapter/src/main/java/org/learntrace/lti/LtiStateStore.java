package org.learntrace.lti;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Short-lived security state shared by the nodes that serve one tool or platform: pending logins
 * (keyed by {@code state} or {@code login_hint}), used nonces, seen client-assertion {@code jti}s
 * and access tokens. Every entry has an expiry; an expired entry is absent.
 *
 * <p>Defaults: {@link #inMemory(Clock)} (Caffeine, bounded to {@value #DEFAULT_MAX_ENTRIES} entries,
 * for one node) and {@link JdbcLtiStores#stateStore(Clock)} (for several nodes).
 */
public interface LtiStateStore {
  /** Bound of the in-memory default. */
  long DEFAULT_MAX_ENTRIES = 1_000_000L;

  /** Stores {@code value} under {@code key} until {@code expiresAt}, replacing any earlier value. */
  void put(String key, String value, Instant expiresAt);

  /**
   * Stores {@code value} only if no unexpired entry has {@code key}; atomic across nodes.
   *
   * @return true if stored, false if the key was already present (a replay)
   */
  boolean putIfAbsent(String key, String value, Instant expiresAt);

  /** The unexpired value under {@code key}. */
  Optional<String> get(String key);

  /** Removes and returns the unexpired value under {@code key}; at most one caller gets it. */
  Optional<String> take(String key);

  /** A bounded, expiring in-memory store driven by {@code clock}. */
  static LtiStateStore inMemory(Clock clock) {
    return new CaffeineStateStore(clock, DEFAULT_MAX_ENTRIES);
  }

  /** A bounded, expiring in-memory store of at most {@code maxEntries} entries. */
  static LtiStateStore inMemory(Clock clock, long maxEntries) {
    return new CaffeineStateStore(clock, maxEntries);
  }
}
