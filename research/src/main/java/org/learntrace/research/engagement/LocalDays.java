package org.learntrace.research.engagement;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local dates (as epoch days) and hours of epoch-millisecond instants in one zone, equal to
 * {@code Instant.ofEpochMilli(ms).atZone(zone)}'s but without allocating: the offset is looked up
 * once per stretch between two of the zone's transitions (Asia/Dhaka has had none since 2009).
 *
 * <p>Not thread-safe.
 */
final class LocalDays {
  private static final long DAY_MS = 86_400_000L;

  private final ZoneRules rules;
  /** The cached offset holds on {@code [from, to)}. */
  private long from = 1;
  private long to = 0;
  private long offsetMs;

  LocalDays(ZoneId zone) {
    this.rules = zone.getRules();
  }

  /** {@code Instant.ofEpochMilli(ms).atZone(zone).toLocalDate().toEpochDay()}. */
  int epochDay(long ms) {
    return (int) Math.floorDiv(ms + offset(ms), DAY_MS);
  }

  /** {@code Instant.ofEpochMilli(ms).atZone(zone).getHour()}. */
  int hour(long ms) {
    return (int) (Math.floorMod(ms + offset(ms), DAY_MS) / 3_600_000L);
  }

  private long offset(long ms) {
    if (ms < from || ms >= to) {
      Instant at = Instant.ofEpochMilli(ms);
      offsetMs = rules.getOffset(at).getTotalSeconds() * 1000L;
      ZoneOffsetTransition next = rules.nextTransition(at);
      ZoneOffsetTransition previous = rules.previousTransition(at);
      to = next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1000L;
      from = previous == null ? Long.MIN_VALUE : previous.toEpochSecond() * 1000L;
      if (previous != null && previous.getOffsetAfter().getTotalSeconds() * 1000L != offsetMs) {
        from = ms; // on a transition instant, which previousTransition() does not count as passed
      }
    }
    return offsetMs;
  }
}
