package org.learntrace.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import org.learntrace.research.analysis.AnalysisReport;
import org.learntrace.research.linkage.LinkageReport;
import org.learntrace.research.synth.StudyConfig;

/**
 * What a mission run found, told three ways from the same numbers: {@code summary.json}, the
 * console summary and the "How this report was made" section of the report.
 */
final class MissionSummary {
  /**
   * The ANCOVA treatment effect in latent SD units of learner skill (raw test points divided by
   * the generator's points per latent SD), beside the planted value from {@code truth.json}.
   */
  record Effect(double planted, double estimate, double ciLow, double ciHigh, double seClustered, double seNaive,
      double pointsPerSd, double plantedPoints, double estimatePoints) {}

  record Counts(long eventsTracked, long delivered, long deadLettered, long dropped, long lost, long outcomesImported,
      long outcomesRejected, long outcomeRowErrors, long readBack, long syncedLate, int offlineTeachers,
      long engagementEvents, long filtered, long retried, long ltiReadBack) {}

  private final DemoOptions o;
  private final StudyConfig cfg;
  private final boolean embedded;
  private final URI endpoint;
  /** The LTI 1.3 launches of step 4, or null when none were planned. */
  private final LtiLaunches.Result lti;
  private final Counts c;
  private final Effect e;
  private final AnalysisReport a;

  MissionSummary(DemoOptions options, StudyConfig cfg, boolean embedded, URI endpoint, LtiLaunches.Result lti,
      Counts counts, Effect effect, AnalysisReport analysis) {
    this.o = options;
    this.cfg = cfg;
    this.embedded = embedded;
    this.endpoint = endpoint;
    this.lti = lti;
    this.c = counts;
    this.e = effect;
    this.a = analysis;
  }

  /** Writes {@code summary.json}. */
  void write(Path file, LinkageReport link, Path outbox, long resumedFrom) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("seed", cfg.seed());
    root.put("xapiVersion", o.version().text());
    root.put("lrs", embedded ? "embedded" : endpoint.toString());
    root.put("deliveryRoute", o.direct() ? MissionDelivery.ROUTE_DIRECT : MissionDelivery.ROUTE_SDK);
    root.put("delivery", o.direct() ? MissionDelivery.DIRECT : MissionDelivery.SDK_PIPELINE);
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

  /** Prints the closing summary of the run to the console. */
  void print(PrintStream out, Path report, Path summary, double seconds, boolean ok) {
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

  /** The analysis report's HTML with a section on how the demo produced it, after the first heading. */
  String withDemoSection(String html) {
    String section = String.format(Locale.ROOT, "<section class=\"note\"><p><b>How this report was made.</b> The LearnTrace "
            + "demo (seed %d) generated a synthetic study of %d schools, %d teachers and %d learners; its %,d course-player "
            + "events (%,d recorded offline and synced late) and %,d outcome records were delivered to %s: %,d "
            + "statements delivered, %,d dead-lettered, %,d dropped, %d lost. Engagement was "
            + "read back from the LRS for this analysis.</p><p>Delivery in this version: %s.</p><p>Planted treatment "
            + "effect %.2f latent SD; the ANCOVA estimates %.3f latent SD (95%% CI %.3f to %.3f; %.3f test points).</p>"
            + "</section>", cfg.seed(), cfg.schools(), cfg.teachers(), cfg.learners(), c.engagementEvents(), c.syncedLate(),
        c.outcomesImported(), esc(embedded ? "the embedded LRS" : "the LRS at " + endpoint), c.delivered(),
        c.deadLettered(), c.dropped(), c.lost(), esc(o.direct() ? MissionDelivery.DIRECT : MissionDelivery.SDK_PIPELINE),
        e.planted(), e.estimate(), e.ciLow(), e.ciHigh(), e.estimatePoints());
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
}
