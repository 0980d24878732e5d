package org.learntrace.research.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.learntrace.research.analysis.AnalysisReport;
import org.learntrace.research.analysis.Regression;
import org.learntrace.research.data.Column;
import org.learntrace.research.data.RowError;
import org.learntrace.research.data.TableSchema;
import org.learntrace.research.data.TableSchema.ForeignKey;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.stats.Estimate;

/**
 * Writes the linked, analysed study: one CSV per level (students, teachers, schools, engagement
 * per teacher / module / day), the published tables (effects, equity, modules, dose bins; cells
 * under {@link org.learntrace.research.analysis.StudyAnalysis#MIN_CELL} suppressed), the linkage
 * problems, {@code datapackage.json}, {@code codebook.md}, {@code analysis.json} and
 * {@code report.html}.
 */
public final class StudyExport {
  private StudyExport() {}

  private static final List<String> ARMS = List.of("treatment", "comparison");

  static final TableSchema STUDENTS = new TableSchema("students", "one student with both waves linked",
      List.of(Column.id("student_id", "student pseudonym"), Column.id("school_id", "school (unit of assignment)"),
          Column.text("teacher_id", false, "class teacher"), Column.oneOf("arm", ARMS, "study arm of the school"),
          Column.text("learner_gender", true, "learner gender"), Column.integer("grade", true, 1, 5, "grade"),
          Column.number("baseline", false, 0, Double.NaN, "baseline total score"),
          Column.number("endline", false, 0, Double.NaN, "endline total score"),
          Column.number("gain", false, Double.NaN, Double.NaN, "endline − baseline")),
      List.of("student_id"), List.of(ForeignKey.of("school_id", "schools", "school_id"),
          ForeignKey.of("teacher_id", "teachers", "teacher_id")));

  static final TableSchema SCHOOLS = new TableSchema("schools", "one school",
      List.of(Column.id("school_id", "school pseudonym"), Column.id("upazila_id", "upazila"),
          Column.text("division", true, "division name"), Column.oneOf("arm", ARMS, "study arm"),
          Column.integer("students", true, 0, Double.NaN, "students linked")),
      List.of("school_id"), List.of());

  static final TableSchema TEACHERS = new TableSchema("teachers", "one teacher with logged and self-reported engagement",
      List.of(Column.id("teacher_id", "teacher pseudonym"), Column.id("school_id", "school"),
          Column.oneOf("arm", ARMS, "study arm"), Column.text("gender", true, "teacher gender"),
          Column.text("device", true, "main device class"),
          Column.oneOf("has_statements", List.of("true", "false"), "whether any engagement statement was found"),
          Column.number("modules_started", false, 0, Double.NaN, "logged modules started (NA in the comparison arm)"),
          Column.number("modules_completed", false, 0, Double.NaN, "logged modules completed (NA in the comparison arm)"),
          Column.number("modules_reported", false, 0, Double.NaN, "self-reported modules completed")),
      List.of("teacher_id"), List.of(ForeignKey.of("school_id", "schools", "school_id")));

  static final TableSchema ENG_TEACHER = new TableSchema("engagement_teacher", "one teacher's engagement over the course",
      List.of(Column.id("teacher_id", "teacher pseudonym"), Column.integer("statements", true, 0, Double.NaN, "statements"),
          Column.integer("modules_started", true, 0, Double.NaN, "modules with any statement"),
          Column.integer("modules_completed", true, 0, Double.NaN, "modules with a completed statement"),
          Column.integer("modules_passed", true, 0, Double.NaN, "modules whose quiz was passed"),
          Column.oneOf("course_satisfied", List.of("true", "false"), "cmi5 satisfied for the course"),
          Column.integer("days_active", true, 0, Double.NaN, "distinct local dates with a statement"),
          Column.integer("sessions", true, 0, Double.NaN, "sessions (30-minute idle gap)"),
          Column.number("minutes_on_platform", true, 0, Double.NaN, "summed session length, minutes"),
          Column.number("video_minutes", true, 0, Double.NaN, "union of played segments, minutes"),
          Column.integer("quiz_attempts", true, 0, Double.NaN, "passed + failed"),
          Column.integer("items_answered", true, 0, Double.NaN, "quiz items answered"),
          Column.integer("community_actions", true, 0, Double.NaN, "commented, shared, asked, replied"),
          Column.number("late_share", true, 0, 1, "share of statements flagged synced-late"),
          Column.number("max_sync_lag_days", true, Double.NaN, Double.NaN, "longest stored − timestamp, days"),
          Column.text("device", false, "most frequent device class in the statements")),
      List.of("teacher_id"), List.of());

  static final TableSchema ENG_MODULE = new TableSchema("engagement_teacher_module", "one teacher × module",
      List.of(Column.id("teacher_id", "teacher pseudonym"), Column.id("module_id", "module activity id"),
          Column.integer("module", false, 0, Double.NaN, "module number"),
          Column.oneOf("completed", List.of("true", "false"), "completed"),
          Column.oneOf("passed", List.of("true", "false"), "quiz passed"),
          Column.number("best_score", false, 0, 1, "best scaled quiz score"),
          Column.integer("quiz_attempts", true, 0, Double.NaN, "attempts"),
          Column.integer("items_answered", true, 0, Double.NaN, "items answered"),
          Column.integer("items_correct", true, 0, Double.NaN, "items correct"),
          Column.number("video_seconds", true, 0, Double.NaN, "union of played segments, seconds"),
          Column.number("watch_share", false, 0, 1, "watched / video length"),
          Column.integer("days_active", true, 0, Double.NaN, "distinct local dates"),
          Column.date("first_day", "first local date")),
      List.of("teacher_id", "module_id"), List.of());

  static final TableSchema ENG_MODULE_DAY = new TableSchema("engagement_teacher_module_day", "one teacher × module × local day",
      List.of(Column.id("teacher_id", "teacher pseudonym"), Column.id("module_id", "module activity id"),
          Column.integer("module", false, 0, Double.NaN, "module number"), Column.date("date", "local date"),
          Column.integer("statements", true, 0, Double.NaN, "statements"),
          Column.integer("initialized", true, 0, Double.NaN, "initialized/launched"),
          Column.number("video_seconds", true, 0, Double.NaN, "union of that day's played segments, seconds"),
          Column.integer("items_answered", true, 0, Double.NaN, "items answered"),
          Column.integer("items_correct", true, 0, Double.NaN, "items correct"),
          Column.integer("quiz_passed", true, 0, Double.NaN, "passed"), Column.integer("quiz_failed", true, 0, Double.NaN, "failed"),
          Column.oneOf("completed", List.of("true", "false"), "module completed that day"),
          Column.integer("community_actions", true, 0, Double.NaN, "community actions"),
          Column.integer("late_synced", true, 0, Double.NaN, "statements flagged synced-late")),
      List.of("teacher_id", "module_id", "date"), List.of());

  static final TableSchema ENG_DAY = new TableSchema("engagement_teacher_day", "one teacher × local day",
      List.of(Column.id("teacher_id", "teacher pseudonym"), Column.date("date", "local date"),
          Column.integer("statements", true, 0, Double.NaN, "statements"),
          Column.integer("sessions", true, 0, Double.NaN, "sessions starting that day"),
          Column.number("minutes", true, 0, Double.NaN, "their summed length, minutes"),
          Column.integer("first_hour", true, 0, 23, "local hour the first session started")),
      List.of("teacher_id", "date"), List.of());

  static final TableSchema EFFECTS = new TableSchema("effects", "one published estimate",
      List.of(Column.id("analysis", "which analysis"), Column.id("term", "coefficient or statistic"),
          Column.number("estimate", false, Double.NaN, Double.NaN, "estimate"),
          Column.number("se_naive", false, 0, Double.NaN, "classical SE"),
          Column.number("se_clustered", false, 0, Double.NaN, "CR1 SE, clustered by school"),
          Column.number("ci_low", false, Double.NaN, Double.NaN, "95% lower (clustered)"),
          Column.number("ci_high", false, Double.NaN, Double.NaN, "95% upper (clustered)"),
          Column.number("p", false, 0, 1, "two-sided p (clustered)"),
          Column.integer("n", false, 0, Double.NaN, "observations"), Column.integer("clusters", false, 0, Double.NaN, "schools"),
          Column.text("note", false, "model or SD used")),
      List.of("analysis", "term"), List.of());

  static final TableSchema EQUITY = new TableSchema("equity", "one subgroup estimate; cells with n < 5 suppressed",
      List.of(Column.oneOf("measure", List.of("treatment_effect", "modules_completed"), "what is estimated"),
          Column.id("dimension", "breakdown"), Column.id("level", "subgroup"),
          Column.integer("n", false, 0, Double.NaN, "students or teachers (NA when suppressed)"),
          Column.integer("clusters", false, 0, Double.NaN, "schools"),
          Column.number("estimate", false, Double.NaN, Double.NaN, "estimate"),
          Column.number("ci_low", false, Double.NaN, Double.NaN, "95% lower"),
          Column.number("ci_high", false, Double.NaN, Double.NaN, "95% upper"),
          Column.oneOf("suppressed", List.of("true", "false"), "n below 5")),
      List.of("measure", "dimension", "level"), List.of());

  static final TableSchema MODULES = new TableSchema("modules", "one module as course designers see it (treated teachers)",
      List.of(Column.integer("module", true, 0, Double.NaN, "module number"),
          Column.integer("started", false, 0, Double.NaN, "teachers who started"),
          Column.integer("completed", false, 0, Double.NaN, "teachers who completed"),
          Column.number("completion_rate", false, 0, 1, "completed / started"),
          Column.number("mean_watch_share", false, 0, 1, "mean share of videos watched"),
          Column.number("single_attempt_pass_rate", false, 0, 1, "passed with one attempt / quiz takers"),
          Column.number("mean_best_score", false, 0, 1, "mean best scaled score"),
          Column.number("mean_days_active", false, 0, Double.NaN, "mean distinct days"),
          Column.oneOf("suppressed", List.of("true", "false"), "started below 5")),
      List.of("module"), List.of());

  static final TableSchema LINKAGE = new TableSchema("linkage_problems", "one input row error or linkage problem",
      List.of(Column.id("file", "file"), Column.integer("line", true, 0, Double.NaN, "line (header = 1)"),
          Column.text("column", false, "column"), Column.id("rule", "rule broken"), Column.text("detail", true, "what was found")),
      List.of(), List.of());

  /** All output tables, in the order of the data package. */
  public static List<TableSchema> tables() {
    return List.of(SCHOOLS, TEACHERS, STUDENTS, ENG_TEACHER, ENG_MODULE, ENG_MODULE_DAY, ENG_DAY, EFFECTS, EQUITY, MODULES,
        LINKAGE);
  }

  /** Writes everything into {@code out}: the linked tables, the published tables and the report. */
  public static void write(Path out, LinkedStudy st, EngagementMeasures engagement, AnalysisReport report) throws IOException {
    writeLinked(out, st, engagement);
    writeAnalysis(out, st, report);
  }

  /** Writes the linked per-level tables, the linkage problems, {@code datapackage.json} and the codebook. */
  public static void writeLinked(Path out, LinkedStudy st, EngagementMeasures engagement) throws IOException {
    Files.createDirectories(out);
    try (CSVPrinter p = printer(out, SCHOOLS)) {
      int[] count = new int[st.schoolCount()];
      for (int s : st.studentSchool()) {
        count[s]++;
      }
      for (int s = 0; s < st.schoolCount(); s++) {
        p.printRecord(st.schoolIds().get(s), st.schoolUpazila()[s], st.schoolDivision()[s], arm(st.schoolTreated()[s]), count[s]);
      }
    }
    try (CSVPrinter p = printer(out, TEACHERS)) {
      for (int t = 0; t < st.teacherIds().size(); t++) {
        int s = st.teacherSchool()[t];
        p.printRecord(st.teacherIds().get(t), st.schoolIds().get(s), arm(st.schoolTreated()[s]), st.teacherGender()[t],
            st.teacherDevice()[t], st.teacherHasStatements()[t], num(st.teacherModulesStarted()[t]),
            num(st.teacherModulesCompleted()[t]), num(st.teacherSelfReport()[t]));
      }
    }
    try (CSVPrinter p = printer(out, STUDENTS)) {
      for (int i = 0; i < st.studentCount(); i++) {
        int t = st.studentTeacher()[i];
        p.printRecord(st.studentIds().get(i), st.schoolIds().get(st.studentSchool()[i]), t < 0 ? "NA" : st.teacherIds().get(t),
            arm(st.treated(i)), st.studentGender()[i], st.studentGrade()[i], num(st.pre()[i]), num(st.post()[i]),
            num(st.post()[i] - st.pre()[i]));
      }
    }
    EngagementMeasures e = engagement == null ? new EngagementMeasures(java.time.ZoneId.of("Asia/Dhaka")) : engagement;
    try (CSVPrinter p = printer(out, ENG_TEACHER)) {
      each(e::forEachTeacher, t -> p.printRecord(t.teacherId(), t.statements(), t.modulesStarted(),
          t.modulesCompleted(), t.modulesPassed(), t.courseSatisfied(), t.daysActive(), t.sessions(),
          num(t.minutesOnPlatform()), num(t.videoMinutes()), t.quizAttempts(), t.itemsAnswered(), t.communityActions(),
          num(t.lateShare()), num(t.maxSyncLagDays()), t.device() == null ? "NA" : t.device()));
    }
    try (CSVPrinter p = printer(out, ENG_MODULE)) {
      each(e::forEachTeacherModule, m -> p.printRecord(m.teacherId(), m.moduleId(), moduleNo(m.moduleNumber()),
          m.completed(), m.passed(), num(m.bestScore()), m.quizAttempts(), m.itemsAnswered(), m.itemsCorrect(),
          num(m.videoSeconds()), num(m.watchShare()), m.daysActive(), m.firstDay()));
    }
    try (CSVPrinter p = printer(out, ENG_MODULE_DAY)) {
      each(e::forEachTeacherModuleDay, m -> p.printRecord(m.teacherId(), m.moduleId(), moduleNo(m.moduleNumber()),
          m.date(), m.statements(), m.initialized(), num(m.videoSeconds()), m.itemsAnswered(), m.itemsCorrect(),
          m.quizPassed(), m.quizFailed(), m.completed(), m.communityActions(), m.lateSynced()));
    }
    try (CSVPrinter p = printer(out, ENG_DAY)) {
      each(e::forEachTeacherDay, d -> p.printRecord(d.teacherId(), d.date(), d.statements(), d.sessions(),
          num(d.minutes()), d.firstHour()));
    }
    try (CSVPrinter p = printer(out, LINKAGE)) {
      List<RowError> all = new ArrayList<>();
      st.report().reads().forEach(r -> all.addAll(r.errors()));
      all.addAll(st.report().problems());
      for (RowError r : all) {
        p.printRecord(r.file(), r.line(), r.column(), r.rule(), r.detail());
      }
    }
    DataPackage.write(out.resolve("datapackage.json"), "learntrace-study-analysis",
        "LearnTrace linked study: engagement, outcomes and estimates", tables(), "");
    DataPackage.codebook(out.resolve("codebook.md"), "Codebook: LearnTrace linked study exports", tables());
  }

  /** A row printer that may fail with an IOException. */
  private interface RowPrinter<T> {
    void print(T row) throws IOException;
  }

  /** Prints each row of a {@code forEach…} source; an IOException from the printer comes out as itself. */
  private static <T> void each(Consumer<Consumer<T>> rows, RowPrinter<T> printer) throws IOException {
    try {
      rows.accept(row -> {
        try {
          printer.print(row);
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    } catch (UncheckedIOException x) {
      throw x.getCause();
    }
  }

  /** Writes the published tables (suppressed), {@code analysis.json} and {@code report.html}. */
  public static void writeAnalysis(Path out, LinkedStudy st, AnalysisReport report) throws IOException {
    Files.createDirectories(out);
    writeEffects(out, report);
    writeEquity(out, report);
    try (CSVPrinter p = printer(out, MODULES)) {
      for (AnalysisReport.ModuleView m : report.modules()) {
        boolean sup = m.started() < org.learntrace.research.analysis.StudyAnalysis.MIN_CELL;
        p.printRecord(m.module(), sup ? "NA" : m.started(), sup ? "NA" : m.completed(), sup ? "NA" : num(m.completionRate()),
            sup ? "NA" : num(m.meanWatchShare()), sup ? "NA" : num(m.firstAttemptPassRate()),
            sup ? "NA" : num(m.meanBestScore()), sup ? "NA" : num(m.meanDaysActive()), sup);
      }
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("analysis.json").toFile(), report);
    Files.writeString(out.resolve("report.html"), HtmlReport.render(report, st.report()), StandardCharsets.UTF_8);
  }

  private static void writeEffects(Path out, AnalysisReport r) throws IOException {
    try (CSVPrinter p = printer(out, EFFECTS)) {
      regression(p, "ancova", r.ancova());
      regression(p, "did", r.did());
      if (r.dose() != null) {
        regression(p, "dose_response", r.dose());
      }
      p.printRecord("effect_size", "ancova_g", num(r.ancovaEffectSd().g()), "NA", num(r.ancovaEffectSd().seG()),
          num(r.ancovaEffectSd().low()), num(r.ancovaEffectSd().high()), "NA", r.sample().students(), r.sample().schools(),
          r.ancovaEffectSd().sdUsed());
      p.printRecord("effect_size", "endline_hedges_g", num(r.endlineDifference().g()), num(r.endlineDifference().seG()), "NA",
          num(r.endlineDifference().low()), num(r.endlineDifference().high()), "NA", r.sample().students(),
          r.sample().schools(), r.endlineDifference().sdUsed() + "; iid interval");
      p.printRecord("effect_size", "endline_hedges2007_dT", num(r.endlineClustered().g()), "NA",
          num(r.endlineClustered().seG()), num(r.endlineClustered().low()), num(r.endlineClustered().high()), "NA",
          r.sample().students(), r.sample().schools(), r.endlineClustered().sdUsed());
      p.printRecord("clustering", "icc_baseline", num(r.iccBaseline().icc()), "NA", "NA", num(r.iccBaseline().low()),
          num(r.iccBaseline().high()), "NA", r.iccBaseline().n(), r.iccBaseline().clusters(),
          "design effect " + String.format(java.util.Locale.ROOT, "%.3f", r.iccBaseline().designEffect()));
      p.printRecord("clustering", "icc_endline", num(r.iccEndline().icc()), "NA", "NA", num(r.iccEndline().low()),
          num(r.iccEndline().high()), "NA", r.iccEndline().n(), r.iccEndline().clusters(),
          "design effect " + String.format(java.util.Locale.ROOT, "%.3f", r.iccEndline().designEffect()));
      p.printRecord("clustering", "se_ratio_cr1_over_naive", num(r.seRatio()), "NA", "NA", "NA", "NA", "NA",
          r.sample().students(), r.sample().schools(), "ANCOVA treatment term");
      if (r.selfReport() != null) {
        Estimate g = r.selfReport().gap();
        p.printRecord("self_report", "gap_modules", num(g.value()), num(g.se()), "NA", num(g.low()), num(g.high()),
            num(g.p()), r.selfReport().teachers(), "NA", "reported − logged modules completed, t interval over teachers");
      }
      if (r.cost() != null) {
        var c = r.cost();
        p.printRecord("cost", "usd_per_teacher_reached", num(c.perTeacherReached()), "NA", "NA", "NA", "NA", "NA",
            c.teachersReached(), "NA", "constant-year USD");
        p.printRecord("cost", "usd_per_completer", num(c.perCompleter()), "NA", "NA", "NA", "NA", "NA", c.completers(), "NA", "");
        p.printRecord("cost", "usd_per_student", num(c.perStudent()), "NA", "NA", "NA", "NA", "NA", c.students(), "NA", "");
        p.printRecord("cost", "sd_per_100_usd", num(c.sdPer100()), "NA", "NA", num(c.sdPer100Low()), num(c.sdPer100High()),
            "NA", c.students(), "NA", "range: high cost with low g, low cost with high g");
      }
    }
  }

  private static void regression(CSVPrinter p, String analysis, Regression r) throws IOException {
    for (Regression.Coefficient c : r.coefficients()) {
      p.printRecord(analysis, c.term(), num(c.estimate()), num(c.seNaive()), num(c.seClustered()), num(c.low()),
          num(c.high()), num(c.p()), r.n(), r.clusters(), r.model());
    }
  }

  private static void writeEquity(Path out, AnalysisReport r) throws IOException {
    try (CSVPrinter p = printer(out, EQUITY)) {
      for (AnalysisReport.Subgroup s : r.equityEffects()) {
        subgroup(p, "treatment_effect", s);
      }
      for (AnalysisReport.Subgroup s : r.equityEngagement()) {
        subgroup(p, "modules_completed", s);
      }
    }
  }

  private static void subgroup(CSVPrinter p, String measure, AnalysisReport.Subgroup s) throws IOException {
    if (s.suppressed()) {
      p.printRecord(measure, s.dimension(), s.level(), "NA", "NA", "NA", "NA", "NA", true);
    } else {
      p.printRecord(measure, s.dimension(), s.level(), s.n(), s.clusters(), num(s.estimate().value()),
          num(s.estimate().low()), num(s.estimate().high()), false);
    }
  }

  static CSVPrinter printer(Path out, TableSchema t) throws IOException {
    return new CSVPrinter(Files.newBufferedWriter(out.resolve(t.fileName()), StandardCharsets.UTF_8),
        CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(t.header().toArray(String[]::new)).get());
  }

  private static String arm(boolean treated) {
    return treated ? "treatment" : "comparison";
  }

  private static Object moduleNo(int n) {
    return n == Integer.MAX_VALUE ? "NA" : n;
  }

  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "NA";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
