package org.learntrace.sdk.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.learntrace.sdk.AnalyticsPolicy.FamilyRule;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.VideoEvent;

/**
 * Decides whether a sampled event is kept. Rate sampling is a deterministic function of the seed
 * and the event (its natural key, or its type, time and subjects), so that the same event is kept
 * or not on every run and every redelivery. Interval sampling keeps at most one event per person
 * and activity per interval of device time (the video progress heartbeat).
 */
final class Sampler {
  private final long seed;
  private final Cache<String, Long> lastKept = Caffeine.newBuilder()
      .maximumSize(200_000).expireAfterAccess(Duration.ofHours(6)).build();

  Sampler(long seed) {
    this.seed = seed;
  }

  boolean keep(LearningEvent e, FamilyRule rule) {
    if (rule.interval() != null && !withinInterval(e, rule.interval())) {
      return false;
    }
    return rule.rate() == null || fraction(e) < rule.rate();
  }

  private boolean withinInterval(LearningEvent e, Duration interval) {
    StringBuilder k = new StringBuilder(e.getClass().getSimpleName());
    for (Person p : e.subjects()) {
      k.append('|').append(p.idSpace()).append('|').append(p.id());
    }
    if (e instanceof VideoEvent v) {
      k.append('|').append(v.video());
    }
    long t = e.occurrence().occurredAt().toEpochMilli();
    long[] kept = {0};
    lastKept.asMap().compute(k.toString(), (key, last) -> {
      if (last == null || t - last >= interval.toMillis() || t < last) {
        kept[0] = 1;
        return t;
      }
      return last;
    });
    return kept[0] == 1;
  }

  /** A deterministic fraction in [0, 1) for the event. */
  double fraction(LearningEvent e) {
    String key = e.occurrence().naturalKey();
    if (key == null) {
      StringBuilder k = new StringBuilder(e.getClass().getSimpleName()).append('|').append(e.occurrence().occurredAt());
      for (Person p : e.subjects()) {
        k.append('|').append(p.id());
      }
      key = k.toString();
    }
    long h = seed;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }
}
