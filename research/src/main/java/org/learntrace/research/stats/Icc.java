package org.learntrace.research.stats;

import org.apache.commons.statistics.distribution.FDistribution;

/**
 * The one-way ANOVA estimator of the intra-class correlation and the design effect it implies.
 *
 * <p>{@code ICC = (MSB - MSW) / (MSB + (n0 - 1)·MSW)} with
 * {@code n0 = (N - Σ n_i² / N) / (k - 1)} (the adjusted mean cluster size for unequal clusters);
 * the design effect is {@code 1 + (m̄ - 1)·ICC} with {@code m̄ = N / k}. The 95% interval is the
 * F-based one (Searle 1971), exact for balanced data and approximate otherwise. A negative
 * estimate is reported as it is (it means no detectable clustering).
 *
 * @param icc the estimate
 * @param low lower 95% bound
 * @param high upper 95% bound
 * @param msb between-cluster mean square
 * @param msw within-cluster mean square
 * @param n0 the adjusted mean cluster size
 * @param meanClusterSize {@code N / k}
 * @param clusters k
 * @param n N
 */
public record Icc(double icc, double low, double high, double msb, double msw, double n0,
    double meanClusterSize, int clusters, long n) {

  /** The design effect {@code 1 + (m̄ - 1)·ICC}. */
  public double designEffect() {
    return 1 + (meanClusterSize - 1) * icc;
  }

  /**
   * Estimates the ICC of {@code y} over clusters given as indexes {@code 0..G-1}; NaN values of y
   * are skipped.
   */
  public static Icc anova(double[] y, int[] cluster) {
    if (y.length != cluster.length) {
      throw new IllegalArgumentException("y has " + y.length + " values but cluster has " + cluster.length);
    }
    int g = 0;
    for (int c : cluster) {
      g = Math.max(g, c + 1);
    }
    long[] count = new long[g];
    double[] sum = new double[g];
    long n = 0;
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      if (Double.isNaN(y[i])) {
        continue;
      }
      count[cluster[i]]++;
      sum[cluster[i]] += y[i];
      total += y[i];
      n++;
    }
    int k = 0;
    double sumSq = 0;
    for (int c = 0; c < g; c++) {
      if (count[c] > 0) {
        k++;
        sumSq += (double) count[c] * count[c];
      }
    }
    if (k < 2 || n <= k) {
      throw new IllegalArgumentException("ICC needs at least 2 clusters and more observations than clusters; got "
          + k + " clusters, " + n + " observations");
    }
    double grand = total / n;
    double ssb = 0;
    for (int c = 0; c < g; c++) {
      if (count[c] > 0) {
        double d = sum[c] / count[c] - grand;
        ssb += count[c] * d * d;
      }
    }
    double ssw = 0;
    for (int i = 0; i < y.length; i++) {
      if (!Double.isNaN(y[i])) {
        double d = y[i] - sum[cluster[i]] / count[cluster[i]];
        ssw += d * d;
      }
    }
    double msb = ssb / (k - 1);
    double msw = ssw / (n - k);
    double n0 = (n - sumSq / n) / (k - 1);
    double icc = (msb - msw) / (msb + (n0 - 1) * msw);
    FDistribution f = FDistribution.of(k - 1, n - k);
    double fObs = msb / msw;
    double fl = fObs / f.inverseCumulativeProbability(0.975);
    double fu = fObs / f.inverseCumulativeProbability(0.025);
    double low = (fl - 1) / (fl + n0 - 1);
    double high = (fu - 1) / (fu + n0 - 1);
    return new Icc(icc, low, high, msb, msw, n0, (double) n / k, k, n);
  }
}
