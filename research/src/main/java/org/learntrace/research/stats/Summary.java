package org.learntrace.research.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Count, mean and variance of a sample, accumulated in one pass (Welford), with a t interval.
 * Mutable while accumulating; {@link #add} ignores NaN (missing) values.
 */
public final class Summary {
  private long n;
  private double mean;
  private double m2;

  /** A summary of the given values. */
  public static Summary of(double... values) {
    Summary s = new Summary();
    for (double v : values) {
      s.add(v);
    }
    return s;
  }

  /** Adds one value; NaN is skipped. */
  public Summary add(double v) {
    if (Double.isNaN(v)) {
      return this;
    }
    n++;
    double delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
    return this;
  }

  /** Observations (NaN excluded). */
  public long n() {
    return n;
  }

  /** The mean, NaN when empty. */
  public double mean() {
    return n == 0 ? Double.NaN : mean;
  }

  /** The sample variance (n - 1 denominator), NaN with fewer than 2 values. */
  public double variance() {
    return n < 2 ? Double.NaN : m2 / (n - 1);
  }

  /** The sample standard deviation. */
  public double sd() {
    return Math.sqrt(variance());
  }

  /** The mean with a t interval on {@code n - 1} degrees of freedom (independent observations). */
  public Estimate meanEstimate() {
    if (n < 2) {
      return new Estimate(mean(), Double.NaN, n - 1.0, Double.NaN, Double.NaN, Double.NaN);
    }
    double se = sd() / Math.sqrt(n);
    double q = TDistribution.of(n - 1.0).inverseCumulativeProbability(0.975);
    return new Estimate(mean, se, n - 1.0, mean - q * se, mean + q * se,
        se > 0 ? 2 * TDistribution.of(n - 1.0).survivalProbability(Math.abs(mean / se)) : Double.NaN);
  }
}
