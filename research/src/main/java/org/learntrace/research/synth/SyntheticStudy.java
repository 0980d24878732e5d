package org.learntrace.research.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.learntrace.research.data.StudySchema;
import org.learntrace.research.data.TableSchema;

/**
 * The synthetic study generator of DOMAIN.md §6: deterministic from {@link StudyConfig#seed()},
 * streaming (one school at a time, nothing else held), at study or national scale.
 *
 * <p>Writes into a directory the layout of {@link StudySchema}: link tables, outcomes, the
 * self-report survey, the cost ledger, {@code statements.ndjson} (engagement statements of the
 * treated arm; the comparison arm has no course access during the study) and {@code truth.json}
 * ({@link StudyTruth}).
 *
 * <pre>{@code
 * StudyTruth truth = SyntheticStudy.generate(StudyConfig.study(42), Path.of("study"), done -> {});
 * }</pre>
 */
public final class SyntheticStudy {
  private static final String[] DIVISION_NAMES = {
    "Dhaka", "Chattogram", "Rajshahi", "Khulna", "Barishal", "Sylhet", "Rangpur", "Mymensingh"};
  private static final String[] NETWORKS = {"2g", "3g", "4g", "wifi"};

  private SyntheticStudy() {}

  /**
   * Generates a study into {@code dir} (created if needed; existing files are overwritten).
   *
   * @param progress told the number of schools written so far, after each school
   * @return what was planted and counted
   */
  public static StudyTruth generate(StudyConfig cfg, Path dir, LongConsumer progress) throws IOException {
    return new Run(cfg, dir, progress).run();
  }

  /** E[modules completed] with θ ~ N(0, 1 + supportSd²), by quadrature on ±10 SD. */
  static double expectedModules(StudyConfig cfg) {
    double sd = Math.sqrt(1 + cfg.schoolSupportSd() * cfg.schoolSupportSd());
    int steps = 4000;
    double h = 20.0 / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double z = -10 + i * h;
      double w = (i == 0 || i == steps) ? 1 : (i % 2 == 1 ? 4 : 2);
      double dens = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
      sum += w * dens * logistic(cfg.engagementIntercept() + cfg.engagementSlope() * sd * z);
    }
    return cfg.modules() * sum * h / 3;
  }

  /** τ² such that the observed baseline total has the configured ICC under the item model. */
  static double latentSchoolVariance(StudyConfig cfg) {
    double[] d = difficulties(cfg);
    double signal = cfg.pointsPerSd() * cfg.pointsPerSd();
    double noise = 0;
    for (double dj : d) {
      noise += 0.25 - cfg.itemSlope() * cfg.itemSlope() - dj * dj;
    }
    return Math.min(0.95, cfg.schoolIcc() * (signal + noise) / signal);
  }

  static double[] difficulties(StudyConfig cfg) {
    double[] d = new double[cfg.items()];
    for (int j = 0; j < d.length; j++) {
      d[j] = d.length == 1 ? 0 : -cfg.itemSpread() + 2 * cfg.itemSpread() * j / (d.length - 1);
    }
    return d;
  }

  static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Start of block {@code i} when {@code total} things are split into {@code blocks} nearly equal blocks. */
  static long blockStart(long i, long total, long blocks) {
    return i * total / blocks;
  }

  private static final class Run {
    final StudyConfig cfg;
    final Path dir;
    final LongConsumer progress;
    final double tau2;
    final double expectedModules;
    final double[] difficulty;
    final EngagementScript script;
    final List<CSVPrinter> printers = new ArrayList<>();
    CSVPrinter divisions, districts, upazilas, schools, classes, teachers, teacherClasses, studentClasses, assessments,
        selfReport, costLedger;
    OutputStream statements;
    int treatedSchools, treatedTeachers, reached, completers, offline;
    long modulesSum;
    double gapSum;

    Run(StudyConfig cfg, Path dir, LongConsumer progress) {
      this.cfg = cfg;
      this.dir = dir;
      this.progress = progress;
      this.tau2 = latentSchoolVariance(cfg);
      this.expectedModules = expectedModules(cfg);
      this.difficulty = difficulties(cfg);
      this.script = new EngagementScript(cfg);
    }

    CSVPrinter open(String folder, TableSchema schema) throws IOException {
      Path p = folder == null ? dir.resolve(schema.fileName()) : dir.resolve(folder).resolve(schema.fileName());
      Files.createDirectories(p.getParent());
      Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
      CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n')
          .setHeader(schema.header().toArray(String[]::new)).get());
      printers.add(printer);
      return printer;
    }

    StudyTruth run() throws IOException {
      Files.createDirectories(dir);
      String l = StudySchema.LINKS;
      divisions = open(l, StudySchema.DIVISIONS);
      districts = open(l, StudySchema.DISTRICTS);
      upazilas = open(l, StudySchema.UPAZILAS);
      schools = open(l, StudySchema.SCHOOLS);
      classes = open(l, StudySchema.CLASSES);
      teachers = open(l, StudySchema.TEACHERS);
      teacherClasses = open(l, StudySchema.TEACHER_CLASSES);
      studentClasses = open(l, StudySchema.STUDENT_CLASSES);
      assessments = open(StudySchema.OUTCOMES, StudySchema.assessments(cfg.items()));
      selfReport = open(StudySchema.SURVEY, StudySchema.SELF_REPORT);
      costLedger = open(null, StudySchema.COST_LEDGER);
      Path statementsPath = dir.resolve(StudySchema.STATEMENTS);
      if (cfg.writeStatements()) {
        statements = new BufferedOutputStream(Files.newOutputStream(statementsPath), 1 << 16);
      } else {
        Files.deleteIfExists(statementsPath);
      }
      try {
        hierarchy();
        for (int u = 0; u < cfg.upazilas(); u++) {
          upazila(u);
        }
        double cost = costs();
        double meanModules = treatedTeachers == 0 ? Double.NaN : (double) modulesSum / treatedTeachers;
        StudyTruth truth = new StudyTruth(cfg.seed(), cfg.schools(), treatedSchools, cfg.teachers(), treatedTeachers,
            reached, completers, cfg.learners(), script.written(), offline, expectedModules, meanModules, cfg.effectSd(),
            cfg.effectSd() * cfg.pointsPerSd(), cfg.effectPerModuleSd() * cfg.pointsPerSd(), cfg.pointsPerSd(), tau2,
            cfg.selfReportBias(), treatedTeachers == 0 ? Double.NaN : gapSum / treatedTeachers, cost);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("truth.json").toFile(), truth);
        return truth;
      } finally {
        for (CSVPrinter p : printers) {
          p.close(true);
        }
        if (statements != null) {
          statements.close();
        }
      }
    }

    void hierarchy() throws IOException {
      for (int d = 0; d < cfg.divisions(); d++) {
        String name = d < DIVISION_NAMES.length ? DIVISION_NAMES[d] : "Division " + (d + 1);
        divisions.printRecord(divisionId(d), name);
      }
      for (int d = 0; d < cfg.districts(); d++) {
        districts.printRecord(districtId(d), "District " + (d + 1), divisionId(parent(d, cfg.districts(), cfg.divisions())));
      }
      for (int u = 0; u < cfg.upazilas(); u++) {
        upazilas.printRecord(upazilaId(u), "Upazila " + (u + 1), districtId(parent(u, cfg.upazilas(), cfg.districts())));
      }
    }

    /** The block (of {@code parents}) that child {@code i} of {@code children} falls in. */
    int parent(long i, long children, long parents) {
      return (int) (((i + 1) * parents - 1) / children);
    }

    String divisionId(int d) {
      return String.format(Locale.ROOT, "div-%02d", d + 1);
    }

    String districtId(int d) {
      return String.format(Locale.ROOT, "dis-%02d", d + 1);
    }

    String upazilaId(int u) {
      return String.format(Locale.ROOT, "upz-%03d", u + 1);
    }

    void upazila(int u) throws IOException {
      int lo = (int) blockStart(u, cfg.schools(), cfg.upazilas());
      int hi = (int) blockStart(u + 1, cfg.schools(), cfg.upazilas());
      int n = hi - lo;
      SplittableRandom r = Seeds.stream(cfg.seed(), Seeds.ARM, u);
      double want = cfg.treatedShare() * n;
      int treated = (int) Math.floor(want) + (r.nextDouble() < want - Math.floor(want) ? 1 : 0);
      treated = Math.max(1, Math.min(n - 1, treated));
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      boolean[] isTreated = new boolean[n];
      for (int i = 0; i < treated; i++) {
        isTreated[order[i]] = true;
      }
      for (int s = lo; s < hi; s++) {
        school(s, u, isTreated[s - lo]);
        progress.accept(s + 1L);
      }
    }

    /** Learners of school s: nearly equal blocks, then moved within pairs of schools for varied sizes. */
    long[] learnerRange(int s) {
      long total = cfg.learners();
      long schoolsN = cfg.schools();
      int pair = s / 2;
      int first = pair * 2;
      long base0 = blockStart(first, total, schoolsN);
      long base1 = blockStart(first + 1, total, schoolsN);
      if (first + 1 >= schoolsN) {
        return new long[] {base0, blockStart(first + 1, total, schoolsN)};
      }
      long base2 = blockStart(first + 2, total, schoolsN);
      long n0 = base1 - base0;
      long n1 = base2 - base1;
      long maxMove = Math.max(0, Math.min(n0, n1) / 2 - 1);
      long move = maxMove == 0 ? 0 : Seeds.stream(cfg.seed(), Seeds.PAIR, pair).nextLong(-maxMove, maxMove + 1);
      long mid = base1 + move;
      return s == first ? new long[] {base0, mid} : new long[] {mid, base2};
    }

    void school(int s, int u, boolean treated) throws IOException {
      SplittableRandom r = Seeds.stream(cfg.seed(), Seeds.SCHOOL, s);
      String schoolId = Seeds.pseudonym("s-", cfg.seed(), Seeds.SCHOOL, s);
      double support = cfg.schoolSupportSd() * r.nextGaussian();
      double tau = Math.sqrt(tau2);
      double uPre = tau * r.nextGaussian();
      double uPost = tau * r.nextGaussian();
      schools.printRecord(schoolId, upazilaId(u), treated ? "treatment" : "comparison");
      if (treated) {
        treatedSchools++;
      }
      long tLo = blockStart(s, cfg.teachers(), cfg.schools());
      long tHi = blockStart(s + 1, cfg.teachers(), cfg.schools());
      int nClasses = (int) (tHi - tLo);
      String[] classIds = new String[nClasses];
      String[] teacherIds = new String[nClasses];
      int[] grades = new int[nClasses];
      int[] modules = new int[nClasses];
      for (int c = 0; c < nClasses; c++) {
        long t = tLo + c;
        SplittableRandom tr = Seeds.stream(cfg.seed(), Seeds.TEACHER, t);
        teacherIds[c] = Seeds.pseudonym("t-", cfg.seed(), Seeds.TEACHER, t);
        classIds[c] = Seeds.pseudonym("c-", cfg.seed(), Seeds.NAME, t);
        grades[c] = 1 + tr.nextInt(2);
        String gender = tr.nextDouble() < 0.6 ? "F" : "M";
        double dv = tr.nextDouble();
        String device = dv < 0.85 ? "phone" : dv < 0.93 ? "tablet" : "computer";
        String network = NETWORKS[tr.nextInt(NETWORKS.length)];
        double theta = tr.nextGaussian() + support;
        double p = logistic(cfg.engagementIntercept() + cfg.engagementSlope() * theta);
        int completed = 0;
        for (int m = 0; m < cfg.modules(); m++) {
          completed += tr.nextDouble() < p ? 1 : 0;
        }
        boolean isOffline = tr.nextDouble() < cfg.offlineShare();
        int lag = isOffline ? tr.nextInt(cfg.maxSyncLagDays() + 1) : 0;
        double noise = cfg.selfReportNoiseSd() * tr.nextGaussian();
        boolean startsAnyway = tr.nextDouble() < 0.7;
        classes.printRecord(classIds[c], schoolId, grades[c]);
        teachers.printRecord(teacherIds[c], schoolId, gender, device);
        teacherClasses.printRecord(teacherIds[c], classIds[c], "class-teacher");
        if (treated) {
          modules[c] = completed;
          treatedTeachers++;
          modulesSum += completed;
          int started = completed < cfg.modules() ? (completed > 0 || startsAnyway ? completed + 1 : 0) : completed;
          if (started > 0) {
            reached++;
          }
          if (completed == cfg.modules()) {
            completers++;
          }
          if (isOffline) {
            offline++;
          }
          // A survey answer cannot be negative; truncating at 0 touches only teachers who logged ~0 modules.
          double reported = Math.max(0, Math.round((completed + cfg.selfReportBias() + noise) * 10) / 10.0);
          gapSum += reported - completed;
          selfReport.printRecord(teacherIds[c], fmt(reported));
          if (statements != null && started > 0) {
            script.write(new EngagementScript.TeacherPlan(t, teacherIds[c], schoolId, device, network, started,
                completed, isOffline, lag), statements);
          }
        }
      }
      long[] range = learnerRange(s);
      long nLearners = range[1] - range[0];
      double within = Math.sqrt(1 - tau2);
      double rho = cfg.prePostCorrelation();
      double innovation = Math.sqrt(1 - rho * rho);
      String assessor = Seeds.pseudonym("a-", cfg.seed(), Seeds.ASSESSOR, u(s));
      for (long k = 0; k < nLearners; k++) {
        long l = range[0] + k;
        int c = (int) (k * nClasses / nLearners);
        SplittableRandom lr = Seeds.stream(cfg.seed(), Seeds.STUDENT, l);
        String studentId = Seeds.pseudonym("p-", cfg.seed(), Seeds.STUDENT, l);
        String gender = lr.nextDouble() < 0.5 ? "F" : "M";
        double pre = uPre + within * lr.nextGaussian();
        double post = cfg.growthSd() + rho * pre + innovation * (uPost + within * lr.nextGaussian());
        if (treated) {
          post += cfg.effectSd() + cfg.effectPerModuleSd() * (modules[c] - expectedModules);
        }
        studentClasses.printRecord(studentId, classIds[c], "baseline");
        studentClasses.printRecord(studentId, classIds[c], "endline");
        assessment(studentId, "baseline", classIds[c], teacherIds[c], schoolId, "A", cfg.baseline(), assessor, gender,
            grades[c], pre, lr);
        assessment(studentId, "endline", classIds[c], teacherIds[c], schoolId, "B", cfg.endline(), assessor, gender,
            grades[c], post, lr);
      }
    }

    int u(int s) {
      return parent(s, cfg.schools(), cfg.upazilas());
    }

    void assessment(String studentId, String wave, String classId, String teacherId, String schoolId, String form,
        java.time.LocalDate date, String assessor, String gender, int grade, double skill, SplittableRandom r)
        throws IOException {
      List<Object> row = new ArrayList<>(14 + cfg.items());
      row.add(studentId);
      row.add(wave);
      row.add(classId);
      row.add(teacherId);
      row.add(schoolId);
      row.add("egma-" + cfg.items());
      row.add("2");
      row.add(form);
      row.add(date.toString());
      row.add(assessor);
      row.add(gender);
      row.add(grade);
      int total = 0;
      for (double dj : difficulty) {
        double p = Math.min(0.99, Math.max(0.01, 0.5 + cfg.itemSlope() * skill + dj));
        int x = r.nextDouble() < p ? 1 : 0;
        total += x;
        row.add(x);
      }
      row.add(total);
      assessments.printRecord(row);
    }

    /** The known cost ledger, 2026 USD; returns its central total. */
    double costs() throws IOException {
      double total = 0;
      total += cost("content-development", "development", "per_completer", 1.25 * completers, 0.6, 1.6, 
          "national content cost US$150,000 amortised over 120,000 expected national completers");
      total += cost("platform-hosting", "delivery", "per_teacher_reached", 0.40 * reached, 0.5, 2.0,
          "hosting and bandwidth on the national platform, per teacher reached");
      total += cost("teacher-data", "participant", "per_teacher_reached", 2.50 * reached, 0.6, 1.5,
          "mobile data bought by teachers to stream the videos");
      total += cost("face-to-face-week", "delivery", "per_treated_teacher", 60.0 * treatedTeachers, 0.8, 1.25,
          "venue, meals and travel for the week of face-to-face training");
      total += cost("trainer-time", "personnel", "fixed", 9_000.0, 0.75, 1.5, "trainers' fees for the face-to-face week");
      total += cost("teacher-time", "participant", "per_teacher_reached", 18.0 * reached, 0.5, 1.5,
          "opportunity cost: 12 hours at US$1.50 an hour");
      return total;
    }

    double cost(String item, String category, String basis, double amount, double low, double high, String note)
        throws IOException {
      costLedger.printRecord(item, category, basis, fmt(amount), fmt(amount * low), fmt(amount * high), 2026, note);
      return amount;
    }

    static String fmt(double v) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
  }
}
