package org.learntrace.sdk;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process {@link CrashTest} kills. {@code track DIR FILE SEED}: tracks events forever and prints
 * {@code ACK <id>} for each one whose receipt is STORED (only then), flushing after each group.
 * {@code drain DIR FILE}: delivers everything left in the outbox, closes, prints {@code DRAINED}.
 */
public final class CrashChild {
  private CrashChild() {}

  static LearnTrace open(Path dir, Path ndjson) {
    AnalyticsPolicy base = new AnalyticsPolicy("base",
        new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null), Map.of());
    return LearnTrace.builder()
        .setOutboxDirectory(dir)
        .setPseudonymKey("crash", Fixtures.KEY)
        .setSegmentBytes(64 * 1024)
        .setOutboxMaxBytes(256L << 20)
        .setFsyncMode(FsyncMode.NONE)
        .setBasePolicy(base)
        .setBatching(200, 1 << 20, Duration.ofMillis(1))
        .setBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
        .setPolicyPollInterval(Duration.ZERO)
        .setMetricsLogInterval(Duration.ZERO)
        .addSink(new Overlapping(new NdjsonFileSink("research", ndjson)))
        .build();
  }

  /**
   * The file sink with three batches in flight (its {@code deliver} is synchronized), so that the
   * kills land while batches overlap and complete out of order.
   */
  private record Overlapping(NdjsonFileSink file) implements Sink {
    @Override
    public String name() {
      return file.name();
    }

    @Override
    public int maxInFlight() {
      return 3;
    }

    @Override
    public DeliveryResult deliver(List<TrackedEvent> batch) throws Exception {
      return file.deliver(batch);
    }

    @Override
    public void close() throws Exception {
      file.close();
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    Path ndjson = Path.of(args[2]);
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
    LearnTrace lt = open(dir, ndjson);
    if (args[0].equals("drain")) {
      boolean flushed = lt.flush(Duration.ofSeconds(60));
      boolean closed = lt.shutdown(Duration.ofSeconds(30));
      out.println("DRAINED " + flushed + " " + closed);
      out.flush();
      System.exit(flushed && closed ? 0 : 3);
    }
    long seed = Long.parseLong(args[3]);
    out.println("READY");
    out.flush();
    Tracker tracker = lt.tracker();
    List<Receipt> group = new ArrayList<>(64);
    for (long i = 0; ; i++) {
      LearningEvent e;
      if (i % 2 == 0) {
        e = new VideoPlayed(Occurrence.at(Fixtures.T0.plusMillis(i)).withNaturalKey("run-" + seed + "-event-" + i),
            Person.teacher("t-" + (i % 97)), Fixtures.AGS_M3, "m3-video-1", "session-" + seed, i);
      } else {
        e = new QuizItemAnswered(Occurrence.at(Fixtures.T0.plusMillis(seed * 10_000_000L + i)),
            Person.teacher("t-" + (i % 89)), Fixtures.AGS_M3, "quiz-3", "attempt-" + seed, "item-" + i, "choice", "b", true, 1.0);
      }
      group.add(tracker.track(e));
      if (group.size() == 64) {
        for (Receipt r : group) {
          if (r.awaitStored(Duration.ofSeconds(10))) {
            out.println("ACK " + r.eventId());
          }
        }
        out.flush();
        group.clear();
      }
    }
  }
}
