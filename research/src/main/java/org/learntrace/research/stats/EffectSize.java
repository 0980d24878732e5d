package org.learntrace.research.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A standardised mean difference, always with the standard deviation it was divided by.
 *
 * <p>Cohen's {@code d = (m1 - m2) / s}; Hedges' {@code g = J·d} with the small-sample correction
 * {@code J = 1 - 3 / (4·df - 1)}, {@code df = n1 + n2 - 2}. The interval for g is
 * {@code g ± 1.96·J·sqrt((n1 + n2)/(n1·n2) + d²/(2(n1 + n2)))} (Hedges &amp; Olkin 1985).
 *
 * @param d Cohen's d
 * @param g Hedges' g
 * @param j the correction factor J
 * @param seG the standard error of g
 * @param low lower 95% bound of g
 * @param high upper 95% bound of g
 * @param sd the standard deviation used as the denominator
 * @param sdUsed what that standard deviation is, in words (for reports)
 */
public record EffectSize(double d, double g, double j, double seG, double low, double high, double sd, String sdUsed) {

  private static final double Z975 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);

  /**
   * Cohen's d and Hedges' g of {@code mean1 - mean2} over the pooled within-group SD.
   */
  public static EffectSize pooled(Summary group1, Summary group2, String what) {
    double n1 = group1.n();
    double n2 = group2.n();
    if (n1 < 2 || n2 < 2) {
      throw new IllegalArgumentException("each group needs at least 2 observations, got " + n1 + " and " + n2);
    }
    double pooledVar = ((n1 - 1) * group1.variance() + (n2 - 1) * group2.variance()) / (n1 + n2 - 2);
    return of(group1.mean() - group2.mean(), Math.sqrt(pooledVar), n1, n2,
        "pooled within-arm SD of " + what);
  }

  /**
   * Cohen's d and Hedges' g of a difference over a given SD (for example a regression-adjusted
   * difference over the pooled baseline SD).
   */
  public static EffectSize of(double difference, double sd, double n1, double n2, String sdUsed) {
    if (!(sd > 0)) {
      throw new IllegalArgumentException("standard deviation must be positive, got " + sd);
    }
    double d = difference / sd;
    double df = n1 + n2 - 2;
    double j = 1 - 3 / (4 * df - 1);
    double varD = (n1 + n2) / (n1 * n2) + d * d / (2 * (n1 + n2));
    double g = j * d;
    double seG = j * Math.sqrt(varD);
    return new EffectSize(d, g, j, seG, g - Z975 * seG, g + Z975 * seG, sd, sdUsed);
  }

  /**
   * Hedges' (2007) effect size for a two-arm cluster-randomised design, standardised by the total
   * (between + within cluster) SD and corrected for clustering, with its variance.
   *
   * <p>Uses the equal-cluster-size formulas (Hedges 2007, eqs. 15 and 16 for δ_T) evaluated at the
   * mean cluster size {@code n = N/m}; with moderately unequal clusters this is the usual
   * approximation.
   *
   * @param difference {@code mean1 - mean2}
   * @param totalSd the total SD of the outcome, ignoring clusters
   * @param n1 individuals in arm 1
   * @param n2 individuals in arm 2
   * @param clusters clusters in both arms
   * @param icc the intra-class correlation
   */
  public static EffectSize clustered(double difference, double totalSd, double n1, double n2, int clusters, double icc) {
    double bigN = n1 + n2;
    double n = bigN / clusters;
    double rho = icc;
    double dT = difference / totalSd * Math.sqrt(1 - 2 * (n - 1) * rho / (bigN - 2));
    double varD = (bigN / (n1 * n2)) * (1 + (n - 1) * rho)
        + dT * dT * ((bigN - 2) * (1 - rho) * (1 - rho) + n * (bigN - 2 * n) * rho * rho
            + 2 * (bigN - 2 * n) * rho * (1 - rho))
        / (2 * (bigN - 2) * ((bigN - 2) - 2 * (n - 1) * rho));
    double se = Math.sqrt(varD);
    return new EffectSize(dT, dT, 1, se, dT - Z975 * se, dT + Z975 * se, totalSd,
        "total SD (Hedges 2007 δ_T, ICC " + String.format(java.util.Locale.ROOT, "%.3f", icc) + ")");
  }
}
