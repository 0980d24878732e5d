package org.learntrace.sdk.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening an outbox after any kind of stop: the log truncates torn tails, each destination's cursor
 * is aligned down to a record boundary (and clamped to the recovered end), and what each
 * destination still owes is counted.
 */
final class OutboxRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRecovery.class);

  record Recovered(SegmentLog log, Map<String, Lane> lanes) {}

  private OutboxRecovery() {}

  static Recovered recover(Outbox.Config config, Map<String, Pseudonymizer> destinations, SelfMetrics metrics)
      throws IOException {
    Map<String, Lane> lanes = new HashMap<>();
    Map<String, long[]> boundary = new HashMap<>();
    for (Map.Entry<String, Pseudonymizer> d : destinations.entrySet()) {
      Cursor c = Cursor.open(config.dir(), d.getKey());
      lanes.put(d.getKey(), new Lane(d.getKey(), d.getValue(), c));
      boundary.put(d.getKey(), new long[] {-1});
    }
    long[] orphans = {0};
    SegmentLog log = SegmentLog.open(config.dir(), config.segmentBytes(), (pos, next, body) -> {
      String dest = RecordBody.destination(body);
      if (!lanes.containsKey(dest)) {
        orphans[0]++;
      }
      for (Lane l : lanes.values()) {
        long c = l.cursor.position();
        long[] b = boundary.get(l.name);
        if (pos <= c) {
          b[0] = next <= c ? next : pos;
        }
        if (next > c && dest.equals(l.name)) {
          l.pending.incrementAndGet();
        }
      }
    });
    long queued = 0;
    for (Lane l : lanes.values()) {
      long b = boundary.get(l.name)[0];
      long aligned = b < 0 ? log.start() : b;
      if (aligned != l.cursor.position()) {
        LOG.info("outbox cursor of {} moved from {} to record boundary {}", l.name, l.cursor.position(), aligned);
        l.cursor.reset(aligned);
      }
      l.resolved = aligned;
      queued += l.pending.get();
    }
    if (orphans[0] > 0) {
      LOG.warn("outbox holds {} records for destinations that are no longer configured; they will not be delivered", orphans[0]);
    }
    metrics.queued.addAndGet(queued);
    LOG.info("outbox {} opened: {} bytes, {} records pending, {} torn bytes truncated", config.dir(), log.totalBytes(), queued, log.truncatedBytes());
    return new Recovered(log, lanes);
  }
}
