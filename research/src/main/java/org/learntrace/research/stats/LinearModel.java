package org.learntrace.research.stats;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Ordinary least squares with both the classical (homoskedastic, "naive") covariance and the
 * CR1 cluster-robust sandwich covariance.
 *
 * <p>CR1 is {@code G/(G-1) · (N-1)/(N-K) · (X'X)⁻¹ (Σ_g X_g'e_g e_g'X_g) (X'X)⁻¹}: the estimator
 * that Stata's {@code vce(cluster)} and R's {@code sandwich::vcovCL(fit, cluster, type = "HC1")}
 * report. Inference on the clustered covariance uses a t distribution with {@code G - 1} degrees
 * of freedom; on the naive one, {@code N - K}.
 *
 * <p>The design is given row-major ({@code x[i*k + j]}); the first column is usually the
 * intercept. The normal equations are solved by Cholesky decomposition of {@code X'X}, accumulated
 * with the column means removed so that the agreement with a QR-based fit (R's {@code lm}) is
 * at the level of rounding for well-conditioned designs with up to ~50 columns.
 */
public final class LinearModel {

  private LinearModel() {}

  /**
   * Fits {@code y ~ X}.
   *
   * @param names one name per column of {@code x}
   * @param x the design, row-major, {@code y.length * names.size()} values
   * @param y the response
   * @param cluster the cluster (unit of assignment) of each row, as indexes {@code 0..G-1}; may be
   *     null, in which case the clustered covariance is not computed
   * @throws IllegalArgumentException if sizes disagree, there are no more rows than columns, or
   *     the design is rank deficient (for example a dummy that is constant in the subset)
   */
  public static Fit fit(List<String> names, double[] x, double[] y, int[] cluster) {
    Objects.requireNonNull(names, "names");
    int k = names.size();
    int n = y.length;
    if (x.length != (long) n * k) {
      throw new IllegalArgumentException("design has " + x.length + " values, expected n*k = " + n + "*" + k);
    }
    if (cluster != null && cluster.length != n) {
      throw new IllegalArgumentException("cluster has " + cluster.length + " entries, expected " + n);
    }
    if (n <= k) {
      throw new IllegalArgumentException("need more rows (" + n + ") than columns (" + k + ")");
    }
    // Centre every non-constant column (and y) to condition X'X; the intercept is recovered after.
    double[] mean = new double[k];
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        mean[j] += x[i * k + j];
      }
      meanY += y[i];
    }
    for (int j = 0; j < k; j++) {
      mean[j] /= n;
    }
    meanY /= n;
    int intercept = -1;
    for (int j = 0; j < k && intercept < 0; j++) {
      boolean constantOne = true;
      for (int i = 0; i < n && constantOne; i++) {
        constantOne = x[i * k + j] == 1.0;
      }
      if (constantOne) {
        intercept = j;
      }
    }
    double[] shift = new double[k];
    for (int j = 0; j < k; j++) {
      shift[j] = j == intercept ? 0 : (intercept >= 0 ? mean[j] : 0);
    }
    double yShift = intercept >= 0 ? meanY : 0;
    double[][] xtx = new double[k][k];
    double[] xty = new double[k];
    double[] row = new double[k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        row[j] = x[i * k + j] - shift[j];
      }
      double yi = y[i] - yShift;
      for (int a = 0; a < k; a++) {
        double ra = row[a];
        xty[a] += ra * yi;
        for (int b = 0; b <= a; b++) {
          xtx[a][b] += ra * row[b];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        xtx[b][a] = xtx[a][b];
      }
    }
    RealMatrix inv;
    try {
      inv = new CholeskyDecomposition(new Array2DRowRealMatrix(xtx, false), 1e-12, 1e-10).getSolver().getInverse();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException("design is rank deficient (a column is constant or collinear): " + names, e);
    }
    double[] beta = inv.operate(xty);
    if (intercept >= 0) {
      double b0 = meanY;
      for (int j = 0; j < k; j++) {
        if (j != intercept) {
          b0 -= beta[j] * mean[j];
        }
      }
      beta[intercept] = b0;
    }
    // Covariances are invariant to the centring except for the intercept's entries; recompute
    // the uncentred inverse for exact intercept standard errors.
    double[][] raw = new double[k][k];
    double[] r = new double[k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        r[j] = x[i * k + j];
      }
      for (int a = 0; a < k; a++) {
        for (int b = 0; b <= a; b++) {
          raw[a][b] += r[a] * r[b];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < a; b++) {
        raw[b][a] = raw[a][b];
      }
    }
    RealMatrix bread = intercept >= 0
        ? new CholeskyDecomposition(new Array2DRowRealMatrix(raw, false), 1e-12, 1e-14).getSolver().getInverse()
        : inv;
    double[] resid = new double[n];
    double rss = 0;
    double tss = 0;
    for (int i = 0; i < n; i++) {
      double fitted = 0;
      for (int j = 0; j < k; j++) {
        fitted += x[i * k + j] * beta[j];
      }
      resid[i] = y[i] - fitted;
      rss += resid[i] * resid[i];
      double dy = y[i] - meanY;
      tss += dy * dy;
    }
    int dfResid = n - k;
    double sigma2 = rss / dfResid;
    double[][] naive = bread.scalarMultiply(sigma2).getData();
    double[][] clustered = null;
    int groups = 0;
    if (cluster != null) {
      for (int c : cluster) {
        if (c < 0) {
          throw new IllegalArgumentException("negative cluster index " + c);
        }
        groups = Math.max(groups, c + 1);
      }
      double[][] score = new double[groups][k];
      boolean[] seen = new boolean[groups];
      for (int i = 0; i < n; i++) {
        double[] s = score[cluster[i]];
        seen[cluster[i]] = true;
        for (int j = 0; j < k; j++) {
          s[j] += x[i * k + j] * resid[i];
        }
      }
      int present = 0;
      double[][] meat = new double[k][k];
      for (int g = 0; g < groups; g++) {
        if (!seen[g]) {
          continue;
        }
        present++;
        double[] s = score[g];
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            meat[a][b] += s[a] * s[b];
          }
        }
      }
      groups = present;
      if (groups < 2) {
        throw new IllegalArgumentException("clustered covariance needs at least 2 clusters, got " + groups);
      }
      double c = (double) groups / (groups - 1) * (n - 1.0) / dfResid;
      RealMatrix m = new Array2DRowRealMatrix(meat, false);
      clustered = bread.multiply(m).multiply(bread).scalarMultiply(c).getData();
    }
    return new Fit(List.copyOf(names), beta, naive, clustered, n, groups, rss, tss, dfResid);
  }

  /**
   * A fitted model.
   *
   * @param names the column names
   * @param beta the coefficients
   * @param covNaive the classical covariance {@code σ²(X'X)⁻¹}
   * @param covClustered the CR1 covariance, or null when no clusters were given
   * @param n rows
   * @param clusters distinct clusters (0 when none were given)
   * @param rss residual sum of squares
   * @param tss total sum of squares about the mean of y
   * @param dfResid {@code n - k}
   */
  public record Fit(
      List<String> names,
      double[] beta,
      double[][] covNaive,
      double[][] covClustered,
      int n,
      int clusters,
      double rss,
      double tss,
      int dfResid) {

    /** The index of a named column. */
    public int index(String name) {
      int i = names.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException("no column named " + name + " in " + names);
      }
      return i;
    }

    /** The coefficient of a named column. */
    public double coef(String name) {
      return beta[index(name)];
    }

    /** The classical standard error of a named column. */
    public double seNaive(String name) {
      int i = index(name);
      return Math.sqrt(covNaive[i][i]);
    }

    /** The CR1 cluster-robust standard error of a named column. */
    public double seClustered(String name) {
      if (covClustered == null) {
        throw new IllegalStateException("fit has no clusters");
      }
      int i = index(name);
      return Math.sqrt(covClustered[i][i]);
    }

    /** R² of the fit. */
    public double rSquared() {
      return 1 - rss / tss;
    }

    /** Residual standard error {@code sqrt(RSS / (n - k))}. */
    public double sigma() {
      return Math.sqrt(rss / dfResid);
    }

    /** The estimate of one coefficient with naive or clustered inference. */
    public Estimate estimate(String name, boolean clustered) {
      double b = coef(name);
      double se = clustered ? seClustered(name) : seNaive(name);
      double df = clustered ? clusters - 1 : dfResid;
      return Estimate.t(b, se, df);
    }
  }
}
