package org.learntrace.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.learntrace.research.data.OutcomeStatements;
import org.learntrace.research.data.RowError;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.lrs.LrsClient;

/**
 * Steps 3 and 4 of the mission: the generator's engagement statements and the outcome records to
 * the LRS, through the SDK pipeline (the default) or POSTed by {@link LrsClient} ({@code --direct});
 * and the outbox progress file that lets a killed SDK-pipeline run resume.
 */
final class MissionDelivery {
  /** {@code deliveryRoute} in summary.json. */
  static final String ROUTE_SDK = "sdk-pipeline";
  static final String ROUTE_DIRECT = "direct-lrs-client";
  static final String SDK_PIPELINE = "the SDK pipeline: sdk-core Tracker.track() -> policy (all on) -> keyed pseudonyms "
      + "-> durable outbox -> dispatcher -> xapi-adapter LrsSink (EventMapper, AGS course catalog) -> HTTP -> LRS";
  static final String DIRECT = "engagement statements POSTed by xapi-adapter's LrsClient in batches of "
      + BatchDelivery.BATCH_SIZE + " (--direct), bypassing the SDK pipeline";

  private final DemoOptions o;
  private final PrintStream out;
  /** The LTI 1.3 launches of step 4, or null when none were planned. */
  private LtiLaunches.Result lti;

  MissionDelivery(DemoOptions options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  /** The LTI 1.3 launches of step 4, or null when none were planned (always null on the {@code --direct} route). */
  LtiLaunches.Result lti() {
    return lti;
  }

  /** What steps 3 and 4 delivered, by either route. */
  record Delivered(long tracked, long engagementEvents, long outcomes, long outcomesRejected, long delivered,
      long deadLettered, long dropped, long filtered, long retried, List<UUID> ids, List<RowError> rowErrors,
      boolean complete) {}

  /** The default route: every course-player event and outcome record through a real LearnTrace. */
  Delivered sdk(LrsClient client, MissionRun.Engagement eng, Path study, StudyConfig cfg, Path outbox, Path progress,
      long resumeFrom) throws IOException {
    MissionRun.step(out, 3, "course-player events and outcome records as SDK events");
    List<LearningEvent> events = new ArrayList<>(SdkDelivery.engagementEvents(eng.statements(), eng.received()));
    int engagementEvents = events.size();
    SdkDelivery.Outcomes outcomes = SdkDelivery.outcomeEvents(study, cfg.zone());
    events.addAll(outcomes.events());
    out.printf(Locale.ROOT, "      %,d course-player events (module lifecycle, video played/paused with played segments, "
            + "quiz answers and attempts, community posts); %,d recorded offline and synced late, handed over in "
            + "simulated sync order (%s to %s) with their device and receipt times%n", engagementEvents, eng.syncedLate(),
        eng.firstSync(), eng.lastSync());
    out.printf(Locale.ROOT, "      %,d outcome records as AssessmentResultRecorded events, %,d row errors%n",
        outcomes.events().size(), outcomes.errors().size());
    outcomes.errors().stream().limit(10).forEach(e -> out.println("      " + e));

    MissionRun.step(out, 4, "SDK pipeline to the LRS");
    out.println("      " + SDK_PIPELINE);
    out.println("      durable outbox " + outbox + (o.outbox() == null ? " (emptied at start)" : ""));
    if (resumeFrom > 0) {
      out.printf(Locale.ROOT, "      resuming a run that was stopped: its first %,d events are in the outbox or already in "
          + "the LRS; tracking the remaining %,d%n", resumeFrom, events.size() - resumeFrom);
    }
    List<LtiLaunches.Visit> visits = LtiLaunches.plan(events.subList(0, engagementEvents), o.ltiLaunches());
    SdkDelivery.LiveEvents live = visits.isEmpty() ? SdkDelivery.LiveEvents.NONE : tracker -> {
      lti = LtiLaunches.run(visits, tracker, cfg.seed());
      return lti.receipts();
    };
    SdkDelivery.Result r;
    LongConsumer checkpoint = n -> writeProgress(progress, cfg, n, false);
    checkpoint.accept(resumeFrom);
    try {
      r = SdkDelivery.deliver(outbox, client, events, resumeFrom, checkpoint,
          MissionRun.every(out, "events tracked", events.size() - resumeFrom, 4),
          MissionRun.every(out, "statements accepted by the LRS sink", events.size() - resumeFrom, 10), live);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while delivering", e);
    }
    out.printf(Locale.ROOT, "      tracked %,d (filtered %,d, dropped %,d); the LRS sink accepted %,d statements, "
            + "dead-lettered %,d, retried %,d%n", r.tracked(), r.filtered(), r.dropped(),
        r.sent(), r.deadLettered(), r.retried());
    r.problems().stream().limit(20).forEach(p -> out.println("      " + p));
    if (lti != null) {
      lti.print(out);
    } else {
      out.println("      LTI 1.3: no launch of the external tool (" + (o.ltiLaunches() == 0 ? "--lti-launches 0"
          : "no teacher made module " + LtiLaunches.MODULE.substring(1) + "'s quiz online") + ")");
    }
    if (r.flushed()) {
      writeProgress(progress, cfg, events.size(), true);
    }
    return new Delivered(resumeFrom + r.tracked(), engagementEvents, outcomes.events().size(), 0, r.sent(), r.deadLettered(),
        r.dropped(), r.filtered(), r.retried(), r.trackedIds(), outcomes.errors(), r.flushed() && r.filtered() == 0);
  }

  /**
   * How many events an unfinished run with this outbox stored (from its progress file), when the
   * study and version are the same; 0 for a fresh start.
   */
  long resumable(Path progress, StudyConfig cfg) {
    if (!Files.isRegularFile(progress)) {
      return 0;
    }
    try {
      JsonNode p = new ObjectMapper().readTree(progress.toFile());
      boolean same = p.path("seed").asLong() == cfg.seed() && p.path("schools").asInt() == cfg.schools()
          && p.path("teachers").asInt() == cfg.teachers() && p.path("learners").asInt() == cfg.learners()
          && o.version().text().equals(p.path("xapiVersion").asText());
      if (!same || p.path("complete").asBoolean()) {
        return 0;
      }
      return Math.max(0, p.path("eventsStored").asLong());
    } catch (IOException | RuntimeException e) {
      out.println("      ignoring unreadable " + progress + ": " + e.getMessage());
      return 0;
    }
  }

  /** Records, atomically, how many events of this study are safely in the outbox. */
  private void writeProgress(Path progress, StudyConfig cfg, long stored, boolean complete) {
    ObjectNode p = new ObjectMapper().createObjectNode();
    p.put("seed", cfg.seed());
    p.put("schools", cfg.schools());
    p.put("teachers", cfg.teachers());
    p.put("learners", cfg.learners());
    p.put("xapiVersion", o.version().text());
    p.put("eventsStored", stored);
    p.put("complete", complete);
    try {
      Path tmp = progress.resolveSibling(progress.getFileName() + ".tmp");
      Files.createDirectories(progress.toAbsolutePath().getParent());
      Files.write(tmp, new ObjectMapper().writeValueAsBytes(p));
      Files.move(tmp, progress, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code --direct}: the generator's statements and the outcome statements POSTed in LrsClient batches. */
  Delivered direct(LrsClient client, MissionRun.Engagement eng, Path study, StudyConfig cfg) throws IOException {
    MissionRun.step(out, 3, "engagement statements to the LRS");
    out.printf(Locale.ROOT, "      %,d course-player events as xAPI statements; %,d of them recorded offline and synced late. "
        + "Sent in simulated sync order (%s to %s).%n", eng.statements().size(), eng.syncedLate(), eng.firstSync(),
        eng.lastSync());
    out.println("      Delivery: " + DIRECT + ".");
    BatchDelivery engagement = new BatchDelivery(client, BatchDelivery.BATCH_SIZE);
    engagement.deliver(eng.statements(),
        MissionRun.every(out, "engagement statements delivered", eng.statements().size(), 10));
    out.printf(Locale.ROOT, "      delivered %,d, dead-lettered %,d, dropped %,d (%,d POSTs)%n", engagement.delivered(),
        engagement.deadLettered(), engagement.dropped(), engagement.posts());
    engagement.reasons().forEach(r -> out.println("      " + r));

    MissionRun.step(out, 4, "outcome records to the LRS");
    OutcomeStatements importer = new OutcomeStatements(study, client.version(), cfg.zone());
    List<Statement> outcomes = new ArrayList<>();
    importer.convert(outcomes::add);
    BatchDelivery outcomeDelivery = new BatchDelivery(client, BatchDelivery.BATCH_SIZE);
    outcomeDelivery.deliver(outcomes, MissionRun.every(out, "outcome statements imported", outcomes.size(), 4));
    List<RowError> rowErrors = importer.errors();
    out.printf(Locale.ROOT, "      %,d assessment rows -> %,d outcome statements imported, %,d rejected, %,d row errors%n",
        outcomes.size() + rowErrors.size(), outcomeDelivery.delivered(),
        outcomeDelivery.deadLettered() + outcomeDelivery.dropped(), rowErrors.size());
    outcomeDelivery.reasons().forEach(r -> out.println("      " + r));
    rowErrors.stream().limit(10).forEach(e -> out.println("      " + e));
    List<UUID> ids = new ArrayList<>(engagement.deliveredIds());
    ids.addAll(outcomeDelivery.deliveredIds());
    return new Delivered(eng.statements().size(), eng.statements().size(), outcomeDelivery.delivered(),
        outcomeDelivery.deadLettered() + outcomeDelivery.dropped(), engagement.delivered(), engagement.deadLettered(),
        engagement.dropped(), 0, 0, ids, rowErrors, true);
  }
}
