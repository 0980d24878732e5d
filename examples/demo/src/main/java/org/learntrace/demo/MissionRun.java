package org.learntrace.demo;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.lrs.StatementQuery;

/**
 * The whole mission on embedded defaults: LRS, synthetic study, delivery of every engagement
 * statement and outcome record to the LRS, reading everything back, linkage, analysis, exports,
 * report and {@code summary.json}. Steps 3 and 4 are {@link MissionDelivery}'s; what the run found
 * is written and printed by {@link MissionSummary}.
 */
final class MissionRun implements AutoCloseable {
  static final String EMBEDDED_USER = "learntrace";
  static final String EMBEDDED_PASSWORD = "demo";
  static final int STEPS = 6;

  private final DemoOptions o;
  private final PrintStream out;
  private final Path dir;
  private final MissionDelivery delivery;
  private EmbeddedLrs lrs;
  private URI endpoint;

  MissionRun(DemoOptions options, PrintStream out) {
    this.o = options;
    this.out = out;
    this.dir = options.out().toAbsolutePath().normalize();
    this.delivery = new MissionDelivery(options, out);
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
    long resumeFrom = o.outbox() == null || o.direct() ? 0 : delivery.resumable(progress, cfg);
    for (String owned : List.of("study", "report", "data", "lrs-data")) {
      if (!owned.equals("lrs-data") || (o.lrsUrl() == null && resumeFrom == 0)) {
        deleteTree(dir.resolve(owned));
      }
    }
    Files.deleteIfExists(dir.resolve("statements.ndjson"));
    Files.deleteIfExists(dir.resolve("summary.json"));

    // 1. The LRS.
    step(out, 1, "LRS");
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
    step(out, 2, "synthetic study (DOMAIN.md §6)");
    Path study = dir.resolve("study");
    StudyTruth truth = SyntheticStudy.generate(cfg, study, every(out, "schools generated", cfg.schools(), 4));
    out.printf(Locale.ROOT, "      %d schools (%d treated), %d teachers (%d treated, %d of them sync offline 0–%d days late), "
            + "%d learners; planted effect %.2f latent SD = %.2f test points%n", truth.schools(), truth.treatedSchools(),
        truth.teachers(), truth.treatedTeachers(), truth.offlineTeachers(), cfg.maxSyncLagDays(), truth.learners(),
        truth.effectSd(), truth.effectPoints());

    // 3-4. Engagement and outcomes to the LRS: through the SDK pipeline, or POSTed directly.
    Engagement eng = readEngagement(study.resolve(StudySchema.STATEMENTS));
    MissionDelivery.Delivered d = o.direct() ? delivery.direct(client, eng, study, cfg)
        : delivery.sdk(client, eng, study, cfg, outbox, progress, resumeFrom);
    LtiLaunches.Result lti = delivery.lti();
    List<RowError> rowErrors = d.rowErrors();
    Map<String, String> pseudonyms = o.direct() ? Map.of() : SdkDelivery.teacherPseudonyms(study);

    // 5. Everything back from the LRS.
    step(out, 5, "reading every statement back from the LRS");
    Path ndjson = dir.resolve("statements.ndjson");
    EngagementMeasures measures = new EngagementMeasures(cfg.zone());
    Set<UUID> readIds = new HashSet<>();
    long readBack = 0;
    long ltiReadBack = 0;
    LongConsumer readProgress = every(out, "statements read back", d.tracked(), 4);
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
    step(out, 6, "linkage, analysis, report");
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
    MissionSummary.Effect effect = new MissionSummary.Effect(truth.effectSd(), t.estimate() / k, t.low() / k,
        t.high() / k, t.seClustered() / k, t.seNaive() / k, k, truth.effectPoints(), t.estimate());
    MissionSummary.Counts counts = new MissionSummary.Counts(d.tracked(), d.delivered(), d.deadLettered(), d.dropped(),
        lost, d.outcomes(), d.outcomesRejected(), rowErrors.size(), readBack, eng.syncedLate, truth.offlineTeachers(),
        d.engagementEvents(), d.filtered(), d.retried(), ltiReadBack);
    MissionSummary results = new MissionSummary(o, cfg, embedded(), endpoint, lti, counts, effect, analysis);
    Files.writeString(report, results.withDemoSection(html), StandardCharsets.UTF_8);
    LinkageReport link = linked.report();
    out.printf(Locale.ROOT, "      %,d of %,d outcome rows linked to one school; %,d students with both waves; "
            + "%d of %d treated teachers found in the LRS%n", link.outcomeRowsResolved(), link.outcomeRows(),
        link.studentsBothWaves(), link.treatedTeachersWithStatements(), link.treatedTeachers());
    analysis.notes().forEach(n -> out.println("      note: " + n));

    Path summary = dir.resolve("summary.json");
    results.write(summary, link, outbox, resumeFrom);
    boolean ltiOk = lti == null || (lti.launchesTracked() == lti.launches().size()
        && lti.scoresTracked() == lti.scoresReturned() && ltiReadBack == lti.receipts().size());
    boolean ok = lost == 0 && d.complete() && counts.deadLettered() == 0 && counts.dropped() == 0 && counts.outcomesRejected() == 0
        && rowErrors.isEmpty() && link.clean() && ltiOk;
    double seconds = (System.nanoTime() - t0) / 1e9;
    results.print(out, report, summary, seconds, ok);
    return new Outcome(ok ? 0 : 1, report, summary, endpoint);
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

  static void step(PrintStream out, int n, String what) {
    out.printf(Locale.ROOT, "[%d/%d] %s%n", n, STEPS, what);
  }

  /** A progress printer that prints a line at each of {@code lines} evenly spaced points of {@code total}. */
  static LongConsumer every(PrintStream out, String what, long total, int lines) {
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
