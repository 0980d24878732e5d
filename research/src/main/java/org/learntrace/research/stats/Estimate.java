package org.learntrace.research.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A point estimate with its standard error, a 95% confidence interval and a two-sided p-value.
 *
 * @param value the estimate
 * @param se its standard error
 * @param df the degrees of freedom of the reference t distribution, or infinity for a normal one
 * @param low lower 95% bound
 * @param high upper 95% bound
 * @param p two-sided p-value for {@code value = 0}
 */
public record Estimate(double value, double se, double df, double low, double high, double p) {

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  /** An estimate with a t-based interval on {@code df} degrees of freedom. */
  public static Estimate t(double value, double se, double df) {
    if (!(df > 0) || Double.isInfinite(df)) {
      return normal(value, se);
    }
    TDistribution t = TDistribution.of(df);
    double q = t.inverseCumulativeProbability(0.975);
    double p = se > 0 ? 2 * t.survivalProbability(Math.abs(value / se)) : Double.NaN;
    return new Estimate(value, se, df, value - q * se, value + q * se, p);
  }

  /** An estimate with a normal-approximation interval. */
  public static Estimate normal(double value, double se) {
    double q = STANDARD_NORMAL.inverseCumulativeProbability(0.975);
    double p = se > 0 ? 2 * STANDARD_NORMAL.survivalProbability(Math.abs(value / se)) : Double.NaN;
    return new Estimate(value, se, Double.POSITIVE_INFINITY, value - q * se, value + q * se, p);
  }

  /** Whether the 95% interval contains {@code x}. */
  public boolean covers(double x) {
    return low <= x && x <= high;
  }

  /** This estimate and its interval multiplied by a positive constant (a change of units). */
  public Estimate scaled(double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("scale factor must be positive, got " + factor);
    }
    return new Estimate(value * factor, se * factor, df, low * factor, high * factor, p);
  }
}
