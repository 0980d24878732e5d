package org.learntrace.research.synth;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Every number of a synthetic study (DOMAIN.md §6). Counts are configuration: {@link #study(long)}
 * gives the 3MPower study's shape and {@link #national(long)} the national course's; the builder
 * changes any of them.
 *
 * <p>Outcome model, in SD units of the latent skill: school effect u ~ N(0, τ²) with τ² chosen so
 * that the observed baseline total has the configured ICC; pre = u + e·sqrt(1 - τ²);
 * post = growth + ρ·pre + sqrt(1 - ρ²)·(u' + e'·sqrt(1 - τ²)) + treated·(effect + perModule·(m - E[m])),
 * where m is the teacher's modules completed and E[m] its expectation in the treated arm, so the
 * average treatment effect is {@code effectSd}. Item j is correct with probability
 * {@code 0.5 + itemSlope·skill + d_j} (d_j evenly spaced in ±itemSpread), so the expected total is
 * linear in skill: one latent SD is {@code itemSlope·items} raw points.
 *
 * @param seed the seed; the same seed and config give byte-identical files
 * @param divisions divisions
 * @param districts districts
 * @param upazilas upazilas
 * @param schools schools
 * @param teachers teachers
 * @param learners learners, each tested at baseline and endline
 * @param treatedShare share of schools assigned to treatment, stratified by upazila
 * @param modules modules in the course
 * @param engagementIntercept α in modules ~ Binomial(modules, logistic(α + β·θ))
 * @param engagementSlope β
 * @param schoolSupportSd SD of the school support added to each teacher's θ ~ N(0,1)
 * @param offlineShare share of teachers who sync offline, late
 * @param maxSyncLagDays the longest sync lag, days (lags are uniform on 0..max)
 * @param selfReportBias mean over-report of modules in the survey
 * @param selfReportNoiseSd SD of the survey noise
 * @param items test items
 * @param schoolIcc ICC of the observed baseline total across schools
 * @param effectSd average treatment effect, latent SD
 * @param effectPerModuleSd extra effect per module completed by the teacher, latent SD
 * @param prePostCorrelation ρ between baseline and endline latent skill
 * @param growthSd growth in both arms between waves, latent SD
 * @param itemSlope change in an item's probability per latent SD
 * @param itemSpread half-range of item difficulty offsets
 * @param courseStart first day of the course
 * @param baseline baseline test date
 * @param endline endline test date
 * @param zone the study's time zone (days active, time of day)
 * @param writeStatements whether to write engagement statements (tests of outcomes skip them)
 */
public record StudyConfig(
    long seed,
    int divisions,
    int districts,
    int upazilas,
    int schools,
    int teachers,
    int learners,
    double treatedShare,
    int modules,
    double engagementIntercept,
    double engagementSlope,
    double schoolSupportSd,
    double offlineShare,
    int maxSyncLagDays,
    double selfReportBias,
    double selfReportNoiseSd,
    int items,
    double schoolIcc,
    double effectSd,
    double effectPerModuleSd,
    double prePostCorrelation,
    double growthSd,
    double itemSlope,
    double itemSpread,
    LocalDate courseStart,
    LocalDate baseline,
    LocalDate endline,
    ZoneId zone,
    boolean writeStatements) {

  /** Validates the configuration up front. */
  public StudyConfig {
    if (divisions < 1 || districts < divisions || upazilas < districts || schools < upazilas) {
      throw new IllegalArgumentException("need 1 <= divisions <= districts <= upazilas <= schools; got "
          + divisions + ", " + districts + ", " + upazilas + ", " + schools);
    }
    if (teachers < schools) {
      throw new IllegalArgumentException("need at least one teacher per school: teachers " + teachers + " < schools " + schools);
    }
    if (learners < 2 * schools) {
      throw new IllegalArgumentException("need at least two learners per school: learners " + learners + " < 2 x " + schools);
    }
    if (!(treatedShare > 0 && treatedShare < 1)) {
      throw new IllegalArgumentException("treatedShare must be in (0, 1), got " + treatedShare);
    }
    if (modules < 1 || items < 1) {
      throw new IllegalArgumentException("modules and items must be positive");
    }
    if (!(schoolIcc >= 0 && schoolIcc < 1) || !(prePostCorrelation >= 0 && prePostCorrelation < 1)) {
      throw new IllegalArgumentException("schoolIcc and prePostCorrelation must be in [0, 1)");
    }
    if (!(offlineShare >= 0 && offlineShare <= 1) || maxSyncLagDays < 0) {
      throw new IllegalArgumentException("offlineShare must be in [0, 1] and maxSyncLagDays >= 0");
    }
    if (!(itemSlope > 0) || !(itemSpread >= 0) || 0.5 + itemSpread >= 1) {
      throw new IllegalArgumentException("itemSlope must be positive and 0.5 + itemSpread < 1");
    }
  }

  /** The 3MPower study: 4 divisions, 10 upazilas, 207 schools, 300 teachers, 2,129 learners. */
  public static StudyConfig study(long seed) {
    return builder().seed(seed).build();
  }

  /**
   * The national course: 8 divisions, 64 districts, 495 upazilas, 65,000 schools, 180,000
   * teachers and 500,000 learners (1,000,000 outcome rows).
   */
  public static StudyConfig national(long seed) {
    return builder().seed(seed).divisions(8).districts(64).upazilas(495).schools(65_000).teachers(180_000)
        .learners(500_000).build();
  }

  /** A builder with the study defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed; b.divisions = divisions; b.districts = districts; b.upazilas = upazilas; b.schools = schools;
    b.teachers = teachers; b.learners = learners; b.treatedShare = treatedShare; b.modules = modules;
    b.engagementIntercept = engagementIntercept; b.engagementSlope = engagementSlope;
    b.schoolSupportSd = schoolSupportSd; b.offlineShare = offlineShare; b.maxSyncLagDays = maxSyncLagDays;
    b.selfReportBias = selfReportBias; b.selfReportNoiseSd = selfReportNoiseSd; b.items = items;
    b.schoolIcc = schoolIcc; b.effectSd = effectSd; b.effectPerModuleSd = effectPerModuleSd;
    b.prePostCorrelation = prePostCorrelation; b.growthSd = growthSd; b.itemSlope = itemSlope;
    b.itemSpread = itemSpread; b.courseStart = courseStart; b.baseline = baseline; b.endline = endline;
    b.zone = zone; b.writeStatements = writeStatements;
    return b;
  }

  /** Raw test points per latent SD: {@code itemSlope · items}. */
  public double pointsPerSd() {
    return itemSlope * items;
  }

  /** Builds a {@link StudyConfig}; defaults are the study's (see the record's fields). */
  public static final class Builder {
    private long seed = 20260314L;
    private int divisions = 4;
    private int districts = 8;
    private int upazilas = 10;
    private int schools = 207;
    private int teachers = 300;
    private int learners = 2_129;
    private double treatedShare = 0.5;
    private int modules = 9;
    private double engagementIntercept = 1.0;
    private double engagementSlope = 0.8;
    private double schoolSupportSd = 0.5;
    private double offlineShare = 0.2;
    private int maxSyncLagDays = 14;
    private double selfReportBias = 1.5;
    private double selfReportNoiseSd = 1.0;
    private int items = 25;
    private double schoolIcc = 0.2;
    private double effectSd = 0.20;
    private double effectPerModuleSd = 0.03;
    private double prePostCorrelation = 0.7;
    private double growthSd = 0.3;
    private double itemSlope = 0.1;
    private double itemSpread = 0.15;
    private LocalDate courseStart = LocalDate.of(2026, 2, 1);
    private LocalDate baseline = LocalDate.of(2026, 1, 20);
    private LocalDate endline = LocalDate.of(2026, 11, 2);
    private ZoneId zone = ZoneId.of("Asia/Dhaka");
    private boolean writeStatements = true;

    private Builder() {}

    public Builder seed(long v) { seed = v; return this; }
    public Builder divisions(int v) { divisions = v; return this; }
    public Builder districts(int v) { districts = v; return this; }
    public Builder upazilas(int v) { upazilas = v; return this; }
    public Builder schools(int v) { schools = v; return this; }
    public Builder teachers(int v) { teachers = v; return this; }
    public Builder learners(int v) { learners = v; return this; }
    public Builder treatedShare(double v) { treatedShare = v; return this; }
    public Builder modules(int v) { modules = v; return this; }
    public Builder engagementIntercept(double v) { engagementIntercept = v; return this; }
    public Builder engagementSlope(double v) { engagementSlope = v; return this; }
    public Builder schoolSupportSd(double v) { schoolSupportSd = v; return this; }
    public Builder offlineShare(double v) { offlineShare = v; return this; }
    public Builder maxSyncLagDays(int v) { maxSyncLagDays = v; return this; }
    public Builder selfReportBias(double v) { selfReportBias = v; return this; }
    public Builder selfReportNoiseSd(double v) { selfReportNoiseSd = v; return this; }
    public Builder items(int v) { items = v; return this; }
    public Builder schoolIcc(double v) { schoolIcc = v; return this; }
    public Builder effectSd(double v) { effectSd = v; return this; }
    public Builder effectPerModuleSd(double v) { effectPerModuleSd = v; return this; }
    public Builder prePostCorrelation(double v) { prePostCorrelation = v; return this; }
    public Builder growthSd(double v) { growthSd = v; return this; }
    public Builder itemSlope(double v) { itemSlope = v; return this; }
    public Builder itemSpread(double v) { itemSpread = v; return this; }
    public Builder courseStart(LocalDate v) { courseStart = v; return this; }
    public Builder baseline(LocalDate v) { baseline = v; return this; }
    public Builder endline(LocalDate v) { endline = v; return this; }
    public Builder zone(ZoneId v) { zone = v; return this; }
    public Builder writeStatements(boolean v) { writeStatements = v; return this; }

    /** Builds and validates. */
    public StudyConfig build() {
      return new StudyConfig(seed, divisions, districts, upazilas, schools, teachers, learners, treatedShare, modules,
          engagementIntercept, engagementSlope, schoolSupportSd, offlineShare, maxSyncLagDays, selfReportBias,
          selfReportNoiseSd, items, schoolIcc, effectSd, effectPerModuleSd, prePostCorrelation, growthSd, itemSlope,
          itemSpread, courseStart, baseline, endline, zone, writeStatements);
    }
  }
}
