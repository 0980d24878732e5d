package org.learntrace.research.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.learntrace.research.analysis.AnalysisReport.ArmSummary;
import org.learntrace.research.analysis.AnalysisReport.CostEffectiveness;
import org.learntrace.research.analysis.AnalysisReport.DoseBin;
import org.learntrace.research.analysis.AnalysisReport.ModuleView;
import org.learntrace.research.analysis.AnalysisReport.Sample;
import org.learntrace.research.analysis.AnalysisReport.SelfReportGap;
import org.learntrace.research.analysis.AnalysisReport.Sensitivity;
import org.learntrace.research.analysis.AnalysisReport.Subgroup;
import org.learntrace.research.data.StudyRecords.CostItem;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.stats.EffectSize;
import org.learntrace.research.stats.Estimate;
import org.learntrace.research.stats.Icc;
import org.learntrace.research.stats.LinearModel;
import org.learntrace.research.stats.Summary;

/**
 * The analyses of DOMAIN.md §2 on a {@link LinkedStudy}.
 *
 * <p>The analysis sample is the students with both waves. Standard errors are clustered at the
 * school, the unit of assignment (CR1); naive ones are reported beside them. Effect sizes always
 * say which SD they divide by. Dose–response uses platform-logged engagement only, within the
 * treated arm, and is correlational.
 */
public final class StudyAnalysis {
  /** Below this many clusters, the report warns and recommends a wild-cluster bootstrap. */
  public static final int FEW_CLUSTERS = 30;

  /** Published cells with fewer units than this are suppressed. */
  public static final int MIN_CELL = 5;

  private final LinkedStudy st;
  private final EngagementMeasures engagement;
  private final boolean[] analysed;

  private StudyAnalysis(LinkedStudy st, EngagementMeasures engagement) {
    this.st = st;
    this.engagement = engagement;
    this.analysed = new boolean[st.studentCount()];
    for (int i = 0; i < analysed.length; i++) {
      analysed[i] = !Double.isNaN(st.pre()[i]) && !Double.isNaN(st.post()[i]);
    }
  }

  /** Runs every analysis; {@code engagement} may be null (no module view then). */
  public static AnalysisReport analyse(LinkedStudy study, EngagementMeasures engagement) {
    return new StudyAnalysis(study, engagement).run();
  }

  /**
   * The primary ANCOVA alone: {@code endline ~ treatment + baseline + learner_female + grade_2},
   * CR1 by school, on students with both waves (used by the Monte-Carlo tests).
   */
  public static LinearModel.Fit ancova(LinkedStudy study) {
    StudyAnalysis a = new StudyAnalysis(study, null);
    return a.ancovaDesign(i -> true).fit(i -> study.post()[i], study.studentSchool());
  }

  private AnalysisReport run() {
    List<String> notes = new ArrayList<>();
    int n = 0;
    int nt = 0;
    boolean[] schoolSeen = new boolean[st.schoolCount()];
    for (int i = 0; i < analysed.length; i++) {
      if (analysed[i]) {
        n++;
        nt += st.treated(i) ? 1 : 0;
        schoolSeen[st.studentSchool()[i]] = true;
      }
    }
    int schools = 0;
    int treatedSchools = 0;
    for (int s = 0; s < schoolSeen.length; s++) {
      if (schoolSeen[s]) {
        schools++;
        treatedSchools += st.schoolTreated()[s] ? 1 : 0;
      }
    }
    if (nt == 0 || nt == n) {
      throw new IllegalArgumentException("the analysis needs students in both arms; found " + nt + " treated of " + n);
    }
    var rep = st.report();
    Sample sample = new Sample(n, nt, schools, treatedSchools, rep.teachersInLinks(), rep.treatedTeachers(),
        rep.outcomeMatchRate(), rep.engagementMatchRate());
    int minArm = Math.min(treatedSchools, schools - treatedSchools);
    if (schools < FEW_CLUSTERS || minArm < FEW_CLUSTERS / 2) {
      notes.add(String.format(Locale.ROOT, "Only %d schools (%d treated): CR1 standard errors are unreliable with "
          + "fewer than ~%d clusters. Confirm the inference with a wild-cluster bootstrap (R: fwildclusterboot::boottest; "
          + "Stata: boottest) or CR2 with Satterthwaite df (R: clubSandwich).", schools, treatedSchools, FEW_CLUSTERS));
    }
    if (rep.problemCount() > 0 || rep.rowErrorCount() > 0) {
      notes.add(String.format(Locale.ROOT, "%d row errors and %d linkage problems were reported; %.1f%% of outcome rows "
          + "resolved to one school. See linkage_problems.csv.", rep.rowErrorCount(), rep.problemCount(),
          100 * rep.outcomeMatchRate()));
    }
    List<ArmSummary> arms = List.of(arm(true), arm(false));
    double[] pre = masked(st.pre());
    double[] post = masked(st.post());
    Icc iccPre = Icc.anova(pre, st.studentSchool());
    Icc iccPost = Icc.anova(post, st.studentSchool());
    Summary postT = new Summary();
    Summary postC = new Summary();
    Summary postAll = new Summary();
    Summary preT = new Summary();
    Summary preC = new Summary();
    for (int i = 0; i < analysed.length; i++) {
      if (analysed[i]) {
        (st.treated(i) ? postT : postC).add(st.post()[i]);
        (st.treated(i) ? preT : preC).add(st.pre()[i]);
        postAll.add(st.post()[i]);
      }
    }
    EffectSize unadjusted = EffectSize.pooled(postT, postC, "the endline total");
    EffectSize clustered = EffectSize.clustered(postT.mean() - postC.mean(), postAll.sd(), postT.n(), postC.n(),
        schools, Math.max(0, iccPost.icc()));
    LinearModel.Fit fit = ancovaDesign(i -> true).fit(i -> st.post()[i], st.studentSchool());
    Regression ancova = Regression.of(ancovaDesign(i -> true).formula("endline"), fit);
    double baselineSd = Math.sqrt(((preT.n() - 1) * preT.variance() + (preC.n() - 1) * preC.variance())
        / (preT.n() + preC.n() - 2));
    Estimate effect = fit.estimate(AnalysisReport.TREATMENT, true);
    EffectSize ancovaSd = EffectSize.of(effect.value(), baselineSd, preT.n(), preC.n(), "pooled within-arm SD of the baseline total");
    // Carry the clustered uncertainty into the standardised interval rather than the iid formula.
    Estimate scaled = effect.scaled(1 / baselineSd);
    ancovaSd = new EffectSize(ancovaSd.d(), ancovaSd.g(), ancovaSd.j(), scaled.se() * ancovaSd.j(),
        scaled.low() * ancovaSd.j(), scaled.high() * ancovaSd.j(), baselineSd,
        ancovaSd.sdUsed() + "; interval from the CR1 standard error");
    double seRatio = fit.seClustered(AnalysisReport.TREATMENT) / fit.seNaive(AnalysisReport.TREATMENT);
    Regression did = did();
    Regression dose = null;
    List<DoseBin> bins = List.of();
    if (hasEngagement()) {
      dose = dose();
      bins = doseBins();
    }
    List<Subgroup> equity = equityEffects();
    List<Subgroup> equityEngagement = hasEngagement() ? equityEngagement() : List.of();
    SelfReportGap gap = selfReport();
    CostEffectiveness cost = st.costs().isEmpty() ? null : cost(ancovaSd, nt);
    List<ModuleView> modules = engagement == null ? List.of() : modules();
    return new AnalysisReport(sample, notes, arms, iccPre, iccPost, unadjusted, clustered, ancova, ancovaSd, seRatio,
        did, dose, bins, equity, equityEngagement, gap, cost, modules);
  }

  private boolean hasEngagement() {
    for (double m : st.teacherModulesCompleted()) {
      if (!Double.isNaN(m)) {
        return true;
      }
    }
    return false;
  }

  private double[] masked(double[] v) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      if (!analysed[i]) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }

  Design ancovaDesign(java.util.function.IntPredicate subset) {
    Design d = new Design(analysed.length, i -> analysed[i] && subset.test(i));
    d.add(AnalysisReport.TREATMENT, i -> st.treated(i) ? 1 : 0);
    d.add("baseline", i -> st.pre()[i]);
    d.add("learner_female", i -> "F".equals(st.studentGender()[i]) ? 1 : 0);
    d.add("grade_2", i -> st.studentGrade()[i] == 2 ? 1 : 0);
    return d;
  }

  private ArmSummary arm(boolean treated) {
    Design d = new Design(analysed.length, i -> analysed[i] && st.treated(i) == treated);
    int[] cl = st.studentSchool();
    Estimate pre = d.fit(i -> st.pre()[i], cl).estimate("(Intercept)", true);
    Estimate post = d.fit(i -> st.post()[i], cl).estimate("(Intercept)", true);
    Estimate gain = d.fit(i -> st.post()[i] - st.pre()[i], cl).estimate("(Intercept)", true);
    Summary a = new Summary();
    Summary b = new Summary();
    Summary g = new Summary();
    java.util.Set<Integer> schools = new java.util.HashSet<>();
    for (int j = 0; j < d.size(); j++) {
      int i = d.row(j);
      a.add(st.pre()[i]);
      b.add(st.post()[i]);
      g.add(st.post()[i] - st.pre()[i]);
      schools.add(cl[i]);
    }
    return new ArmSummary(treated ? "treatment" : "comparison", d.size(), schools.size(), pre, a.sd(), post, b.sd(), gain,
        g.sd());
  }

  private Regression did() {
    int n = 0;
    for (boolean b : analysed) {
      n += b ? 2 : 0;
    }
    int k = 4;
    double[] x = new double[n * k];
    double[] y = new double[n];
    int[] cl = new int[n];
    int r = 0;
    for (int i = 0; i < analysed.length; i++) {
      if (!analysed[i]) {
        continue;
      }
      double t = st.treated(i) ? 1 : 0;
      for (int wave = 0; wave < 2; wave++) {
        x[r * k] = 1;
        x[r * k + 1] = t;
        x[r * k + 2] = wave;
        x[r * k + 3] = t * wave;
        y[r] = wave == 0 ? st.pre()[i] : st.post()[i];
        cl[r] = st.studentSchool()[i];
        r++;
      }
    }
    List<String> names = List.of("(Intercept)", AnalysisReport.TREATMENT, "endline", "treatment:endline");
    return Regression.of("score ~ treatment * endline (students x waves)", LinearModel.fit(names, x, y, renumber(cl)));
  }

  private static int[] renumber(int[] cl) {
    Map<Integer, Integer> m = new java.util.HashMap<>();
    int[] out = new int[cl.length];
    for (int i = 0; i < cl.length; i++) {
      out[i] = m.computeIfAbsent(cl[i], x -> m.size());
    }
    return out;
  }

  private double modules(int i) {
    int t = st.studentTeacher()[i];
    return t < 0 ? Double.NaN : st.teacherModulesCompleted()[t];
  }

  private Regression dose() {
    Design d = new Design(analysed.length, i -> analysed[i] && st.treated(i) && !Double.isNaN(modules(i)));
    d.add("modules_completed", this::modules);
    d.add("baseline", i -> st.pre()[i]);
    d.add("learner_female", i -> "F".equals(st.studentGender()[i]) ? 1 : 0);
    d.add("grade_2", i -> st.studentGrade()[i] == 2 ? 1 : 0);
    return Regression.of(d.formula("endline") + " (treated arm, logged modules; correlational)",
        d.fit(i -> st.post()[i], st.studentSchool()));
  }

  private List<DoseBin> doseBins() {
    Map<Integer, Summary> gain = new TreeMap<>();
    Map<Integer, Summary> end = new TreeMap<>();
    Map<Integer, java.util.Set<Integer>> teachers = new TreeMap<>();
    for (int i = 0; i < analysed.length; i++) {
      double m = modules(i);
      if (analysed[i] && st.treated(i) && !Double.isNaN(m)) {
        int b = (int) m;
        gain.computeIfAbsent(b, x -> new Summary()).add(st.post()[i] - st.pre()[i]);
        end.computeIfAbsent(b, x -> new Summary()).add(st.post()[i]);
        teachers.computeIfAbsent(b, x -> new java.util.HashSet<>()).add(st.studentTeacher()[i]);
      }
    }
    List<DoseBin> out = new ArrayList<>();
    for (Map.Entry<Integer, Summary> e : gain.entrySet()) {
      out.add(new DoseBin(e.getKey(), (int) e.getValue().n(), teachers.get(e.getKey()).size(), e.getValue().mean(),
          end.get(e.getKey()).mean()));
    }
    return out;
  }

  private Map<String, IntFunction<String>> dimensions() {
    Map<String, IntFunction<String>> dims = new LinkedHashMap<>();
    dims.put("teacher gender", i -> {
      int t = st.studentTeacher()[i];
      return t < 0 ? null : st.teacherGender()[t];
    });
    dims.put("learner gender", i -> st.studentGender()[i]);
    dims.put("division", i -> st.schoolDivision()[st.studentSchool()[i]]);
    dims.put("device", i -> {
      int t = st.studentTeacher()[i];
      return t < 0 ? null : st.teacherDevice()[t];
    });
    return dims;
  }

  private List<Subgroup> equityEffects() {
    List<Subgroup> out = new ArrayList<>();
    for (Map.Entry<String, IntFunction<String>> dim : dimensions().entrySet()) {
      TreeMap<String, Integer> levels = new TreeMap<>();
      for (int i = 0; i < analysed.length; i++) {
        String v = analysed[i] ? dim.getValue().apply(i) : null;
        if (v != null) {
          levels.merge(v, 1, Integer::sum);
        }
      }
      for (String level : levels.keySet()) {
        Design d = ancovaDesign(i -> level.equals(dim.getValue().apply(i)));
        int clusters = (int) java.util.stream.IntStream.range(0, d.size())
            .map(j -> st.studentSchool()[d.row(j)]).distinct().count();
        Estimate e;
        if (!d.has(AnalysisReport.TREATMENT) || clusters < 3 || d.size() <= 6) {
          e = new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        } else {
          try {
            e = d.fit(i -> st.post()[i], st.studentSchool()).estimate(AnalysisReport.TREATMENT, true);
          } catch (IllegalArgumentException ex) {
            e = new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
          }
        }
        out.add(new Subgroup(dim.getKey(), level, d.size(), clusters, e, d.size() < MIN_CELL));
      }
    }
    return out;
  }

  private List<Subgroup> equityEngagement() {
    List<Subgroup> out = new ArrayList<>();
    Map<String, IntFunction<String>> dims = new LinkedHashMap<>();
    dims.put("teacher gender", t -> st.teacherGender()[t]);
    dims.put("division", t -> st.schoolDivision()[st.teacherSchool()[t]]);
    dims.put("device", t -> st.teacherDevice()[t]);
    for (Map.Entry<String, IntFunction<String>> dim : dims.entrySet()) {
      TreeMap<String, Summary> by = new TreeMap<>();
      TreeMap<String, java.util.Set<Integer>> schools = new TreeMap<>();
      for (int t = 0; t < st.teacherIds().size(); t++) {
        double m = st.teacherModulesCompleted()[t];
        if (!Double.isNaN(m)) {
          String level = dim.getValue().apply(t);
          by.computeIfAbsent(level, x -> new Summary()).add(m);
          schools.computeIfAbsent(level, x -> new java.util.HashSet<>()).add(st.teacherSchool()[t]);
        }
      }
      for (Map.Entry<String, Summary> e : by.entrySet()) {
        int n = (int) e.getValue().n();
        out.add(new Subgroup(dim.getKey(), e.getKey(), n, schools.get(e.getKey()).size(), e.getValue().meanEstimate(),
            n < MIN_CELL));
      }
    }
    return out;
  }

  private SelfReportGap selfReport() {
    Summary gap = new Summary();
    Summary rep = new Summary();
    Summary log = new Summary();
    double sxy = 0;
    List<double[]> pairs = new ArrayList<>();
    for (int t = 0; t < st.teacherIds().size(); t++) {
      double r = st.teacherSelfReport()[t];
      double l = st.teacherModulesCompleted()[t];
      if (!Double.isNaN(r) && !Double.isNaN(l)) {
        gap.add(r - l);
        rep.add(r);
        log.add(l);
        pairs.add(new double[] {r, l});
      }
    }
    if (gap.n() < 2) {
      return null;
    }
    for (double[] p : pairs) {
      sxy += (p[0] - rep.mean()) * (p[1] - log.mean());
    }
    double corr = sxy / (pairs.size() - 1) / (rep.sd() * log.sd());
    return new SelfReportGap((int) gap.n(), rep.mean(), log.mean(), gap.meanEstimate(), corr);
  }

  private CostEffectiveness cost(EffectSize g, int treatedStudents) {
    double total = 0;
    double low = 0;
    double high = 0;
    for (CostItem c : st.costs()) {
      total += c.amountUsd();
      low += c.lowUsd();
      high += c.highUsd();
    }
    long reached = 0;
    long completers = 0;
    for (int t = 0; t < st.teacherIds().size(); t++) {
      if (st.teacherHasStatements()[t]) {
        reached++;
        if (st.teacherModulesCompleted()[t] >= st.modules()) {
          completers++;
        }
      }
    }
    double perStudent = total / treatedStudents;
    double ratio = g.g() / perStudent * 100;
    double pessimistic = g.low() / (high / treatedStudents) * 100;
    double optimistic = g.high() / (low / treatedStudents) * 100;
    List<Sensitivity> sens = new ArrayList<>();
    for (CostItem c : st.costs()) {
      double atLow = total - c.amountUsd() + c.lowUsd();
      double atHigh = total - c.amountUsd() + c.highUsd();
      sens.add(new Sensitivity(c.item(), g.g() / (atLow / treatedStudents) * 100, g.g() / (atHigh / treatedStudents) * 100));
    }
    return new CostEffectiveness(total, low, high, reached, completers, treatedStudents,
        reached == 0 ? Double.NaN : total / reached, completers == 0 ? Double.NaN : total / completers, perStudent, ratio,
        pessimistic, optimistic, sens);
  }

  private List<ModuleView> modules() {
    java.util.Set<String> treatedTeachers = new java.util.HashSet<>();
    for (int t = 0; t < st.teacherIds().size(); t++) {
      if (st.schoolTreated()[st.teacherSchool()[t]]) {
        treatedTeachers.add(st.teacherIds().get(t));
      }
    }
    Map<Integer, double[]> acc = new TreeMap<>();
    engagement.forEachTeacherModule(m -> {
      if (!treatedTeachers.contains(m.teacherId()) || m.moduleNumber() == Integer.MAX_VALUE) {
        return;
      }
      // started, completed, watch sum, watch n, takers, single-attempt passes, score sum, score n, days sum
      double[] a = acc.computeIfAbsent(m.moduleNumber(), x -> new double[9]);
      a[0]++;
      a[1] += m.completed() ? 1 : 0;
      if (!Double.isNaN(m.watchShare())) {
        a[2] += m.watchShare();
        a[3]++;
      }
      if (m.quizAttempts() > 0) {
        a[4]++;
        a[5] += m.quizAttempts() == 1 && m.passed() ? 1 : 0;
      }
      if (!Double.isNaN(m.bestScore())) {
        a[6] += m.bestScore();
        a[7]++;
      }
      a[8] += m.daysActive();
    });
    List<ModuleView> out = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : acc.entrySet()) {
      double[] a = e.getValue();
      out.add(new ModuleView(e.getKey(), (int) a[0], (int) a[1], a[1] / a[0], a[3] == 0 ? Double.NaN : a[2] / a[3],
          a[4] == 0 ? Double.NaN : a[5] / a[4], a[7] == 0 ? Double.NaN : a[6] / a[7], a[8] / a[0]));
    }
    return out;
  }
}
