package org.learntrace.research.analysis;

import java.util.List;
import org.learntrace.research.stats.EffectSize;
import org.learntrace.research.stats.Estimate;
import org.learntrace.research.stats.Icc;

/**
 * Every figure of the analysis (DOMAIN.md §2), ready for the report, the exports and tests.
 * Scores are raw test points unless a field says SD.
 *
 * @param sample counts
 * @param notes warnings and caveats, in words, for the report's first screen
 * @param arms descriptives per arm
 * @param iccBaseline ICC of the baseline total across schools
 * @param iccEndline ICC of the endline total across schools
 * @param endlineDifference unadjusted endline difference as Cohen's d / Hedges' g (pooled within-arm endline SD)
 * @param endlineClustered Hedges (2007) δ_T of the endline difference (total endline SD, clustering-corrected)
 * @param ancova the primary estimate: endline ~ treatment + baseline + covariates, CR1 by school
 * @param ancovaEffectSd the ANCOVA treatment effect over the pooled baseline SD, as Hedges' g
 * @param seRatio CR1 / naive standard error of the ANCOVA treatment effect
 * @param did difference-in-differences on the stacked waves, CR1 by school
 * @param dose dose–response within the treated arm (correlational), or null without statements
 * @param doseBins mean gain by logged modules completed, treated arm
 * @param equityEffects the ANCOVA treatment effect per subgroup
 * @param equityEngagement logged modules completed per subgroup, treated teachers
 * @param selfReport the self-report vs logged gap, or null when either is missing
 * @param cost cost-effectiveness, or null without a ledger
 * @param modules the per-module view for course designers
 */
public record AnalysisReport(
    Sample sample,
    List<String> notes,
    List<ArmSummary> arms,
    Icc iccBaseline,
    Icc iccEndline,
    EffectSize endlineDifference,
    EffectSize endlineClustered,
    Regression ancova,
    EffectSize ancovaEffectSd,
    double seRatio,
    Regression did,
    Regression dose,
    List<DoseBin> doseBins,
    List<Subgroup> equityEffects,
    List<Subgroup> equityEngagement,
    SelfReportGap selfReport,
    CostEffectiveness cost,
    List<ModuleView> modules) {

  /** The treatment term's name in the regressions. */
  public static final String TREATMENT = "treatment";

  /**
   * Counts.
   *
   * @param students students with both waves (the analysis sample)
   * @param treatedStudents of those, in treated schools
   * @param schools schools with at least one analysed student
   * @param treatedSchools of those, treated
   * @param teachers teachers in the link tables
   * @param treatedTeachers teachers in treated schools
   * @param outcomeMatchRate share of outcome rows resolved to one school
   * @param engagementMatchRate share of treated teachers found in the statements
   */
  public record Sample(int students, int treatedStudents, int schools, int treatedSchools, long teachers,
      long treatedTeachers, double outcomeMatchRate, double engagementMatchRate) {}

  /** Descriptives of one arm: means with school-clustered 95% intervals. */
  public record ArmSummary(String arm, int students, int schools, Estimate baseline, double baselineSd,
      Estimate endline, double endlineSd, Estimate gain, double gainSd) {}

  /** Mean gain of treated-arm students whose teacher completed {@code modules} modules. */
  public record DoseBin(int modules, int students, int teachers, double meanGain, double meanEndline) {}

  /**
   * One subgroup.
   *
   * @param dimension teacher gender, learner gender, division or device
   * @param level the subgroup
   * @param n students (effects) or teachers (engagement)
   * @param clusters schools
   * @param estimate the estimate with a 95% interval (clustered for effects)
   * @param suppressed whether n is below the publication threshold (5)
   */
  public record Subgroup(String dimension, String level, int n, int clusters, Estimate estimate, boolean suppressed) {}

  /**
   * Self-report minus platform-logged modules completed, per treated teacher with both.
   *
   * @param teachers teachers with both
   * @param meanReported mean self-reported modules
   * @param meanLogged mean logged modules completed
   * @param gap mean gap with a t interval (teachers are independent units here)
   * @param correlation Pearson correlation of reported and logged
   */
  public record SelfReportGap(int teachers, double meanReported, double meanLogged, Estimate gap, double correlation) {}

  /**
   * Cost-effectiveness (J-PAL): costs in constant-year USD over the units reached, and SD gained
   * per US$100 spent per student.
   *
   * @param totalUsd central total
   * @param lowUsd low total
   * @param highUsd high total
   * @param teachersReached treated teachers with any statement
   * @param completers treated teachers who completed every module
   * @param students treated-arm students in the analysis
   * @param perTeacherReached cost per teacher reached
   * @param perCompleter cost per completer
   * @param perStudent cost per student
   * @param sdPer100 effect (Hedges' g of the ANCOVA estimate) per US$100 per student
   * @param sdPer100Low pessimistic: high cost, lower 95% bound of g
   * @param sdPer100High optimistic: low cost, upper 95% bound of g
   * @param sensitivity the central ratio recomputed with each ledger line at its low and high value
   */
  public record CostEffectiveness(double totalUsd, double lowUsd, double highUsd, long teachersReached, long completers,
      long students, double perTeacherReached, double perCompleter, double perStudent, double sdPer100,
      double sdPer100Low, double sdPer100High, List<Sensitivity> sensitivity) {}

  /** The SD-per-US$100 ratio with one ledger line at its low and at its high value. */
  public record Sensitivity(String item, double sdPer100AtLow, double sdPer100AtHigh) {}

  /**
   * One module as a course designer sees it (treated teachers).
   *
   * @param module module number
   * @param started teachers who started it
   * @param completed teachers who completed it
   * @param completionRate completed / started
   * @param meanWatchShare mean share of the module's videos watched (union of segments)
   * @param firstAttemptPassRate share of quiz takers who passed with a single attempt
   * @param meanBestScore mean best quiz score (scaled)
   * @param meanDaysActive mean distinct days the module was worked on
   */
  public record ModuleView(int module, int started, int completed, double completionRate, double meanWatchShare,
      double firstAttemptPassRate, double meanBestScore, double meanDaysActive) {}
}
