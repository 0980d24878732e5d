package org.learntrace.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.learntrace.lrs.Credential;
import org.learntrace.lrs.EmbeddedLrs;
import org.learntrace.research.analysis.AnalysisReport;
import org.learntrace.research.analysis.Regression;
import org.learntrace.research.analysis.StudyAnalysis;
import org.learntrace.research.data.OutcomeStatements;
import org.learntrace.research.data.RowError;
import org.learntrace.research.data.StudySchema;
import org.learntrace.research.engagement.EngagementEvent;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.engagement.Vocabulary;
import org.learntrace.research.linkage.LinkageReport;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.linkage.StudyLinker;
import org.learntrace.research.output.StudyExport;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.StudyTruth;
import org.learntrace.research.synth.SyntheticStudy;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.lrs.StatementQuery;

/**
 * The whole mission on embedded defaults: LRS, synthetic study, delivery of every engagement
 * statement and outcome record to the LRS, reading everything back, linkage, analysis, exports,
 * report and {@code summary.json}.
 */
final class MissionRun implements AutoCloseable {
  static final String EMBEDDED_USER = "learntrace";
  static final String EMBEDDED_PASSWORD = "demo";
  /** {@code deliveryRoute} in summary.json. */
  static final String ROUTE_SDK = "sdk-pipeline";
  static final String ROUTE_DIRECT = "direct-lrs-client";
  static final String SDK_PIPELINE = "the SDK pipeline: sdk-core Tracker.track() -> policy (all on) -> keyed pseudonyms "
      + "-> durable outbox -> dispatcher -> xapi-adapter LrsSink (EventMapper, AGS course catalog) -> HTTP -> LRS";
  static final String DIRECT = "engagement statements POSTed by xapi-adapter's LrsClient in batches of "
      + BatchDelivery.BATCH_SIZE + " (--direct), bypassing the SDK pipeline";
  static final int STEPS = 6;

  private final DemoOptions o;
  private final PrintStream out;
  private final Path dir;
  private EmbeddedLrs lrs;
  private URI endpoint;
  private long resumedFrom;
  /** The LTI 1.3 launches of step 4, or null when none were planned. */
  private LtiLaunches.Result lti;

  MissionRun(DemoOptions options, PrintStream out) {
    this.o = options;
    this.out = out;
    this.dir = options.out().toAbsolutePath().normalize();
  }

  /** What a run produced. */
  record Outcome(int exitCode, Path report, Path summary, URI endpoint) {}

  /** The LRS endpoint in use (embedded or external), once started. */
  URI endpoint() {
    return endpoint;
  }

  /** Whether the LRS is the embedded one. */
  boolean embedded() {
    return lrs != null;
  }

  Outcome run() throws IOException {
    long t0 = System.nanoTime();
    StudyConfig cfg = o.studyConfig();
    out.printf(Locale.ROOT, "LearnTrace demo: seed %d, %d schools, %d teachers, %d learners, xAPI %s, output %s%n",
        cfg.seed(), cfg.schools(), cfg.teachers(), cfg.learners(), o.version(), dir);
    Files.createDirectories(dir);
    Path outbox = o.outbox() != null ? o.outbox().toAbsolutePath().normalize() : dir.resolve("outbox");
    Path progress = outbox.resolveSibling(outbox.getFileName() + ".progress.json");
    if (o.outbox() == null) {
      deleteTree(outbox);
      Files.deleteIfExists(progress);
    }
    // Started again with the --outbox of a run that was killed: keep its LRS, skip what its outbox holds.
    long resumeFrom = o.outbox() == null || o.direct() ? 0 : resumable(progress, cfg);
    resumedFrom = resumeFrom;
    for (String owned : List.of("study", "report", "data", "lrs-data")) {
      if (!owned.equals("lrs-data") || (o.lrsUrl() == null && resumeFrom == 0)) {
        deleteTree(dir.resolve(owned));
      }
    }
    Files.deleteIfExists(dir.resolve("statements.ndjson"));
    Files.deleteIfExists(dir.resolve("summary.json"));

    // 1. The LRS.
    step(1, "LRS");
    LrsClient client;
    if (o.lrsUrl() == null) {
      lrs = EmbeddedLrs.builder().dataDirectory(dir.resolve("lrs-data"))
          .credential(Credential.all(EMBEDDED_USER, EMBEDDED_PASSWORD)).start();
      endpoint = lrs.baseUri();
      out.println("      embedded LRS at " + endpoint + " (H2 database in " + dir.resolve("lrs-data") + ")");
      client = client(endpoint, EMBEDDED_USER, EMBEDDED_PASSWORD);
    } else {
      endpoint = o.lrsUrl();
      out.println("      external LRS at " + endpoint);
      client = client(endpoint, o.lrsUser(), o.lrsPassword());
    }

    // 2. The synthetic study.
    step(2, "synthetic study (DOMAIN.md §6)");
    Path study = dir.resolve("study");
    StudyTruth truth = SyntheticStudy.generate(cfg, study, every("schools generated", cfg.schools(), 4));
    out.printf(Locale.ROOT, "      %d schools (%d treated), %d teachers (%d treated, %d of them sync offline 0–%d days late), "
            + "%d learners; planted effect %.2f latent SD = %.2f test points%n", truth.schools(), truth.treatedSchools(),
        truth.teachers(), truth.treatedTeachers(), truth.offlineTeachers(), cfg.maxSyncLagDays(), truth.learners(),
        truth.effectSd(), truth.effectPoints());

    // 3-4. Engagement and outcomes to the LRS: through the SDK pipeline, or POSTed directly.
    Engagement eng = readEngagement(study.resolve(StudySchema.STATEMENTS));
    Delivered d = o.direct() ? deliverDirect(client, eng, study, cfg)
        : deliverSdk(client, eng, study, cfg, outbox, progress, resumeFrom);
    List<RowError> rowErrors = d.rowErrors();
    Map<String, String> pseudonyms = o.direct() ? Map.of() : SdkDelivery.teacherPseudonyms(study);

    // 5. Everything back from the LRS.
    step(5, "reading every statement back from the LRS");
    Path ndjson = dir.resolve("statements.ndjson");
    EngagementMeasures measures = new EngagementMeasures(cfg.zone());
    Set<UUID> readIds = new HashSet<>();
    long readBack = 0;
    long ltiReadBack = 0;
    LongConsumer readProgress = every("statements read back", d.tracked(), 4);
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 16);
        Stream<Statement> all = client.streamStatements(StatementQuery.builder().ascending(true).limit(1000).build())) {
      for (Statement s : (Iterable<Statement>) all::iterator) {
        XapiJson.write(s, os);
        os.write('\n');
        readIds.add(s.id());
        if (s.actor() instanceof Agent a && a.account() != null && LtiLaunches.ACTOR_HOME_PAGE.equals(a.account().homePage())) {
          ltiReadBack++;
        }
        EngagementEvent e = EngagementEvent.of(s, Vocabulary.TEACHER_SPACE);
        if (e != null) {
          measures.add(pseudonyms.isEmpty() ? e : SdkDelivery.relink(e, pseudonyms));
        }
        readProgress.accept(++readBack);
      }
    }
    Set<UUID> missing = new HashSet<>(d.ids());
    missing.removeAll(readIds);
    // After a resume, the ids of the events the killed run tracked are not known here: count them.
    long lost = Math.max(missing.size(), d.tracked() - readIds.size());
    out.printf(Locale.ROOT, "      %,d statements read back (streaming `more` pages) into %s; %,d teachers' engagement; "
        + "lost %d%n", readBack, dir.relativize(ndjson), measures.teacherIds().size(), lost);

    // 6. Linkage, analysis, exports, report.
    step(6, "linkage, analysis, report");
    LinkedStudy linked = StudyLinker.link(study, measures, n -> {});
    AnalysisReport analysis = StudyAnalysis.analyse(linked, measures);
    Path data = dir.resolve("data");
    StudyExport.write(data, linked, measures, analysis);
    Path reportDir = dir.resolve("report");
    Files.createDirectories(reportDir);
    Path report = reportDir.resolve("index.html");
    String html = Files.readString(data.resolve("report.html"), StandardCharsets.UTF_8);
    Files.delete(data.resolve("report.html"));
    Regression.Coefficient t = analysis.ancova().coefficient(AnalysisReport.TREATMENT);
    double k = truth.pointsPerSd();
    Effect effect = new Effect(truth.effectSd(), t.estimate() / k, t.low() / k, t.high() / k, t.seClustered() / k,
        t.seNaive() / k, k, truth.effectPoints(), t.estimate());
    Counts counts = new Counts(d.tracked(), d.delivered(), d.deadLettered(), d.dropped(), lost, d.outcomes(),
        d.outcomesRejected(), rowErrors.size(), readBack, eng.syncedLate, truth.offlineTeachers(), d.engagementEvents(),
        d.filtered(), d.retried(), ltiReadBack);
    Files.writeString(report, withDemoSection(html, cfg, counts, effect), StandardCharsets.UTF_8);
    LinkageReport link = linked.report();
    out.printf(Locale.ROOT, "      %,d of %,d outcome rows linked to one school; %,d students with both waves; "
            + "%d of %d treated teachers found in the LRS%n", link.outcomeRowsResolved(), link.outcomeRows(),
        link.studentsBothWaves(), link.treatedTeachersWithStatements(), link.treatedTeachers());
    analysis.notes().forEach(n -> out.println("      note: " + n));

    Path summary = dir.resolve("summary.json");
    writeSummary(summary, cfg, counts, effect, analysis, link, outbox);
    boolean ltiOk = lti == null || (lti.launchesTracked() == lti.launches().size()
        && lti.scoresTracked() == lti.scoresReturned() && ltiReadBack == lti.receipts().size());
    boolean ok = lost == 0 && d.complete() && counts.deadLettered() == 0 && counts.dropped() == 0 && counts.outcomesRejected() == 0
        && rowErrors.isEmpty() && link.clean() && ltiOk;
    double seconds = (System.nanoTime() - t0) / 1e9;
    printSummary(counts, effect, analysis, report, summary, seconds, ok);
    return new Outcome(ok ? 0 : 1, report, summary, endpoint);
  }

  // ---- delivery ----

  /** What steps 3 and 4 delivered, by either route. */
  record Delivered(long tracked, long engagementEvents, long outcomes, long outcomesRejected, long delivered,
      long deadLettered, long dropped, long filtered, long retried, List<UUID> ids, List<RowError> rowErrors,
      boolean complete) {}

  /** The default route: every course-player event and outcome record through a real LearnTrace. */
  private Delivered deliverSdk(LrsClient client, Engagement eng, Path study, StudyConfig cfg, Path outbox, Path progress,
      long resumeFrom) throws IOException {
    step(3, "course-player events and outcome records as SDK events");
    List<LearningEvent> events = new ArrayList<>(SdkDelivery.engagementEvents(eng.statements, eng.received));
    int engagementEvents = events.size();
    SdkDelivery.Outcomes outcomes = SdkDelivery.outcomeEvents(study, cfg.zone());
    events.addAll(outcomes.events());
    out.printf(Locale.ROOT, "      %,d course-player events (module lifecycle, video played/paused with played segments, "
            + "quiz answers and attempts, community posts); %,d recorded offline and synced late, handed over in "
            + "simulated sync order (%s to %s) with their device and receipt times%n", engagementEvents, eng.syncedLate,
        eng.firstSync, eng.lastSync);
    out.printf(Locale.ROOT, "      %,d outcome records as AssessmentResultRecorded events, %,d row errors%n",
        outcomes.events().size(), outcomes.errors().size());
    outcomes.errors().stream().limit(10).forEach(e -> out.println("      " + e));

    step(4, "SDK pipeline to the LRS");
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
          every("events tracked", events.size() - resumeFrom, 4),
          every("statements accepted by the LRS sink", events.size() - resumeFrom, 10), live);
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
  private long resumable(Path progress, StudyConfig cfg) {
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
      Files.move(tmp, progress, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code --direct}: the generator's statements and the outcome statements POSTed in LrsClient batches. */
  private Delivered deliverDirect(LrsClient client, Engagement eng, Path study, StudyConfig cfg) throws IOException {
    step(3, "engagement statements to the LRS");
    out.printf(Locale.ROOT, "      %,d course-player events as xAPI statements; %,d of them recorded offline and synced late. "
        + "Sent in simulated sync order (%s to %s).%n", eng.statements.size(), eng.syncedLate, eng.firstSync, eng.lastSync);
    out.println("      Delivery: " + DIRECT + ".");
    BatchDelivery engagement = new BatchDelivery(client, BatchDelivery.BATCH_SIZE);
    engagement.deliver(eng.statements, every("engagement statements delivered", eng.statements.size(), 10));
    out.printf(Locale.ROOT, "      delivered %,d, dead-lettered %,d, dropped %,d (%,d POSTs)%n", engagement.delivered(),
        engagement.deadLettered(), engagement.dropped(), engagement.posts());
    engagement.reasons().forEach(r -> out.println("      " + r));

    step(4, "outcome records to the LRS");
    OutcomeStatements importer = new OutcomeStatements(study, client.version(), cfg.zone());
    List<Statement> outcomes = new ArrayList<>();
    importer.convert(outcomes::add);
    BatchDelivery outcomeDelivery = new BatchDelivery(client, BatchDelivery.BATCH_SIZE);
    outcomeDelivery.deliver(outcomes, every("outcome statements imported", outcomes.size(), 4));
    List<RowError> rowErrors = importer.errors();
    out.printf(Locale.ROOT, "      %,d assessment rows -> %,d outcome statements imported, %,d rejected, %,d row errors%n",
        outcomes.size() + rowErrors.size(), outcomeDelivery.delivered(),
        outcomeDelivery.deadLettered() + outcomeDelivery.dropped(), rowErrors.size());
    outcomeDelivery.reasons().forEach(r -> out.println("      " + r));
    rowErrors.stream().limit(10).forEach(e -> out.println("      " + e));
    List<UUID> ids = new ArrayList<>(engagement.deliveredIds());
    ids.addAll(outcomeDelivery.deliveredIds());
    return new Delivered(eng.statements.size(), eng.statements.size(), outcomeDelivery.delivered(),
        outcomeDelivery.deadLettered() + outcomeDelivery.dropped(), engagement.delivered(), engagement.deadLettered(),
        engagement.dropped(), 0, 0, ids, rowErrors, true);
  }

  // ---- engagement statements from the generator ----

  /** The generator's statements, in simulated sync order, with the generator's `stored` removed. */
  record Engagement(List<Statement> statements, List<Instant> received, long syncedLate, LocalDate firstSync,
      LocalDate lastSync) {}

  private Engagement readEngagement(Path file) throws IOException {
    record Timed(Statement s, long syncMs, int line) {}
    List<Timed> timed = new ArrayList<>();
    long late = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Statement s = XapiJson.readStatement(line);
        // The generator records when the platform would have received the statement (days later
        // for offline teachers) as `stored`; the LRS sets `stored` itself, so it is used for the
        // delivery order only.
        long sync = s.stored() != null ? s.stored().instant().toEpochMilli() : s.timestamp().instant().toEpochMilli();
        JsonNode flag = s.context() == null || s.context().extensions() == null ? null
            : s.context().extensions().get(Vocabulary.EXT_SYNCED_LATE);
        if (flag != null && flag.asBoolean()) {
          late++;
        }
        timed.add(new Timed(s.withStored(null, null, s.version()), sync, n++));
      }
    }
    timed.sort(Comparator.comparingLong(Timed::syncMs).thenComparingInt(Timed::line));
    List<Statement> ordered = new ArrayList<>(timed.size());
    List<Instant> received = new ArrayList<>(timed.size());
    timed.forEach(x -> {
      ordered.add(x.s());
      received.add(Instant.ofEpochMilli(x.syncMs()));
    });
    LocalDate first = timed.isEmpty() ? null : day(timed.get(0).syncMs());
    LocalDate last = timed.isEmpty() ? null : day(timed.get(timed.size() - 1).syncMs());
    return new Engagement(ordered, received, late, first, last);
  }

  private LocalDate day(long ms) {
    return Instant.ofEpochMilli(ms).atZone(o.studyConfig().zone()).toLocalDate();
  }

  // ---- results ----

  /**
   * The ANCOVA treatment effect in latent SD units of learner skill (raw test points divided by
   * the generator's points per latent SD), beside the planted value from {@code truth.json}.
   */
  record Effect(double planted, double estimate, double ciLow, double ciHigh, double seClustered, double seNaive,
      double pointsPerSd, double plantedPoints, double estimatePoints) {}

  record Counts(long eventsTracked, long delivered, long deadLettered, long dropped, long lost, long outcomesImported,
      long outcomesRejected, long outcomeRowErrors, long readBack, long syncedLate, int offlineTeachers,
      long engagementEvents, long filtered, long retried, long ltiReadBack) {}

  private void writeSummary(Path file, StudyConfig cfg, Counts c, Effect e, AnalysisReport a, LinkageReport link,
      Path outbox) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("seed", cfg.seed());
    root.put("xapiVersion", o.version().text());
    root.put("lrs", lrs != null ? "embedded" : endpoint.toString());
    root.put("deliveryRoute", o.direct() ? ROUTE_DIRECT : ROUTE_SDK);
    root.put("delivery", o.direct() ? DIRECT : SDK_PIPELINE);
    if (!o.direct()) {
      ObjectNode p = root.putObject("pipeline");
      p.put("outbox", outbox.toString());
      p.put("sink", SdkDelivery.SINK);
      p.put("pseudonymKeyId", SdkDelivery.KEY_ID);
      p.put("courseCatalog", "ags-catalog.json (9 modules and the external practice-quiz link, en-US and bn-BD)");
      p.put("filtered", c.filtered());
      p.put("retried", c.retried());
      p.put("resumedAfterEvents", resumedFrom);
    }
    ObjectNode scale = root.putObject("study");
    scale.put("schools", cfg.schools());
    scale.put("teachers", cfg.teachers());
    scale.put("learners", cfg.learners());
    scale.put("offlineTeachers", c.offlineTeachers());
    root.put("eventsTracked", c.eventsTracked());
    root.put("engagementEvents", c.engagementEvents());
    root.put("statementsDelivered", c.delivered());
    root.put("deadLettered", c.deadLettered());
    root.put("dropped", c.dropped());
    root.put("lost", c.lost());
    root.put("statementsSyncedLate", c.syncedLate());
    root.put("outcomesImported", c.outcomesImported());
    root.put("outcomesRejected", c.outcomesRejected());
    root.put("outcomeRowErrors", c.outcomeRowErrors());
    root.put("statementsReadBack", c.readBack());
    root.put("ltiLaunches", lti == null ? 0 : lti.launches().size());
    root.put("ltiScoresReturned", lti == null ? 0 : lti.scoresReturned());
    if (lti != null) {
      lti.summarise(root.putObject("lti"), c.ltiReadBack());
    }
    ObjectNode eff = root.putObject("effect");
    eff.put("planted", e.planted());
    eff.put("estimate", e.estimate());
    eff.put("ciLow", e.ciLow());
    eff.put("ciHigh", e.ciHigh());
    eff.put("standardErrorClustered", e.seClustered());
    eff.put("standardErrorNaive", e.seNaive());
    eff.put("units", "latent SD of learner skill (ANCOVA coefficient in test points / pointsPerSd); "
        + "planted = truth.json effectSd");
    eff.put("pointsPerSd", e.pointsPerSd());
    eff.put("plantedPoints", e.plantedPoints());
    eff.put("estimatePoints", e.estimatePoints());
    eff.put("hedgesG", a.ancovaEffectSd().g());
    eff.put("hedgesGSd", a.ancovaEffectSd().sdUsed());
    ObjectNode l = root.putObject("linkage");
    l.put("outcomeRows", link.outcomeRows());
    l.put("outcomeRowsResolved", link.outcomeRowsResolved());
    l.put("studentsBothWaves", link.studentsBothWaves());
    l.put("treatedTeachers", link.treatedTeachers());
    l.put("treatedTeachersWithStatements", link.treatedTeachersWithStatements());
    l.put("problems", link.problemCount());
    if (a.selfReport() != null) {
      ObjectNode sr = root.putObject("selfReportGap");
      sr.put("teachers", a.selfReport().teachers());
      sr.put("meanReported", a.selfReport().meanReported());
      sr.put("meanLogged", a.selfReport().meanLogged());
      sr.put("gap", a.selfReport().gap().value());
    }
    ObjectNode files = root.putObject("files");
    files.put("statements", "statements.ndjson");
    files.put("report", "report/index.html");
    files.put("data", "data/datapackage.json");
    files.put("study", "study/truth.json");
    m.writeValue(file.toFile(), root);
  }

  private void printSummary(Counts c, Effect e, AnalysisReport a, Path report, Path summary, double seconds, boolean ok) {
    out.println();
    out.println("Summary" + (ok ? "" : " — PROBLEMS, see above"));
    if (o.direct()) {
      out.printf(Locale.ROOT, "  events tracked            %,d engagement statements from the synthetic course player%n",
          c.eventsTracked());
      out.printf(Locale.ROOT, "  delivered to the LRS      %,d (dead-lettered %,d, dropped %,d) via LrsClient batches of %d"
          + " (--direct)%n", c.delivered(), c.deadLettered(), c.dropped(), BatchDelivery.BATCH_SIZE);
    } else {
      long ltiEvents = c.eventsTracked() - c.engagementEvents() - c.outcomesImported();
      out.printf(Locale.ROOT, "  events tracked            %,d (%,d course-player events, %,d outcome records%s)%n",
          c.eventsTracked(), c.engagementEvents(), c.outcomesImported(),
          ltiEvents > 0 ? String.format(Locale.ROOT, ", %d LTI launches and scores", ltiEvents) : "");
      out.printf(Locale.ROOT, "  delivered to the LRS      %,d (dead-lettered %,d, dropped %,d) through the SDK pipeline%n",
          c.delivered(), c.deadLettered(), c.dropped());
    }
    out.printf(Locale.ROOT, "  synced late (offline)     %,d statements from %d teachers%n", c.syncedLate(),
        c.offlineTeachers());
    out.printf(Locale.ROOT, "  outcomes imported         %,d (rejected %,d)%n", c.outcomesImported(), c.outcomesRejected());
    if (lti != null) {
      out.printf(Locale.ROOT, "  LTI 1.3 launches          %d of the external practice-quiz tool, %d scores returned "
          + "through AGS, %d statements in the LRS%n", lti.launches().size(), lti.scoresReturned(), c.ltiReadBack());
    }
    out.printf(Locale.ROOT, "  read back from the LRS    %,d (lost %d)%n", c.readBack(), c.lost());
    out.printf(Locale.ROOT, "  treatment effect          %.3f latent SD, 95%% CI %.3f to %.3f (planted %.2f); "
        + "SE clustered %.3f vs naive %.3f%n", e.estimate(), e.ciLow(), e.ciHigh(), e.planted(), e.seClustered(),
        e.seNaive());
    if (a.selfReport() != null) {
      out.printf(Locale.ROOT, "  self-report gap           %+.2f modules (reported %.2f vs logged %.2f)%n",
          a.selfReport().gap().value(), a.selfReport().meanReported(), a.selfReport().meanLogged());
    }
    out.printf(Locale.ROOT, "  wall time                 %.1f s%n", seconds);
    out.println("  summary                   " + summary);
    out.println("  report                    " + report);
  }

  private String withDemoSection(String html, StudyConfig cfg, Counts c, Effect e) {
    String section = String.format(Locale.ROOT, "<section class=\"note\"><p><b>How this report was made.</b> The LearnTrace "
            + "demo (seed %d) generated a synthetic study of %d schools, %d teachers and %d learners; its %,d course-player "
            + "events (%,d recorded offline and synced late) and %,d outcome records were delivered to %s: %,d "
            + "statements delivered, %,d dead-lettered, %,d dropped, %d lost. Engagement was "
            + "read back from the LRS for this analysis.</p><p>Delivery in this version: %s.</p><p>Planted treatment "
            + "effect %.2f latent SD; the ANCOVA estimates %.3f latent SD (95%% CI %.3f to %.3f; %.3f test points).</p>"
            + "</section>", cfg.seed(), cfg.schools(), cfg.teachers(), cfg.learners(), c.engagementEvents(), c.syncedLate(),
        c.outcomesImported(), esc(lrs != null ? "the embedded LRS" : "the LRS at " + endpoint), c.delivered(),
        c.deadLettered(), c.dropped(), c.lost(), esc(o.direct() ? DIRECT : SDK_PIPELINE), e.planted(), e.estimate(), e.ciLow(), e.ciHigh(), e.estimatePoints());
    if (lti != null && !lti.launches().isEmpty()) {
      section = section.replace("</section>", String.format(Locale.ROOT, "<p>LTI 1.3: the platform launched an external "
          + "practice-quiz tool for %d teachers over HTTP; the tool returned %d scores through AGS, which reached the LRS "
          + "through the same pipeline (%d statements, under LTI pseudonyms).</p></section>", lti.launches().size(),
          lti.scoresReturned(), c.ltiReadBack()));
    }
    int at = html.indexOf("</h1>");
    return at < 0 ? section + html : html.substring(0, at + 5) + section + html.substring(at + 5);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  // ---- plumbing ----

  private LrsClient client(URI uri, String user, String password) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    LrsClient.Builder b = LrsClient.builder(uri).version(o.version()).httpClient(http)
        .requestTimeout(Duration.ofSeconds(120));
    if (user != null) {
      b.credentials(Credentials.basic(user, password));
    }
    return b.build();
  }

  private void step(int n, String what) {
    out.printf(Locale.ROOT, "[%d/%d] %s%n", n, STEPS, what);
  }

  /** A progress printer that prints a line at each of {@code lines} evenly spaced points of {@code total}. */
  private LongConsumer every(String what, long total, int lines) {
    long[] next = {Math.max(1, total / lines)};
    return n -> {
      if (n >= next[0] && n < total) {
        out.printf(Locale.ROOT, "      %,d / %,d %s%n", n, total, what);
        while (next[0] <= n) {
          next[0] += Math.max(1, total / lines);
        }
      }
    };
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  /** Stops the embedded LRS, if one was started. */
  @Override
  public void close() {
    if (lrs != null) {
      lrs.close();
      lrs = null;
    }
  }
}
