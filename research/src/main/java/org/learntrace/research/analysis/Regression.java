package org.learntrace.research.analysis;

import java.util.ArrayList;
import java.util.List;
import org.learntrace.research.stats.Estimate;
import org.learntrace.research.stats.LinearModel;

/**
 * A fitted regression as reported: each coefficient with its naive and CR1 cluster-robust
 * standard errors; intervals and p-values use the clustered ones (t on G − 1 df).
 *
 * @param model the formula, in R notation
 * @param n rows
 * @param clusters schools
 * @param rSquared R²
 * @param coefficients one row per column
 */
public record Regression(String model, int n, int clusters, double rSquared, List<Coefficient> coefficients) {

  /** Copies the list. */
  public Regression {
    coefficients = List.copyOf(coefficients);
  }

  /**
   * One coefficient.
   *
   * @param term the column name
   * @param estimate the coefficient
   * @param seNaive the classical standard error
   * @param seClustered the CR1 standard error (clustered by school)
   * @param low lower 95% bound (clustered)
   * @param high upper 95% bound (clustered)
   * @param p two-sided p (clustered)
   */
  public record Coefficient(String term, double estimate, double seNaive, double seClustered, double low, double high,
      double p) {}

  /** The coefficient of {@code term}. */
  public Coefficient coefficient(String term) {
    for (Coefficient c : coefficients) {
      if (c.term().equals(term)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no term " + term + " in " + model);
  }

  static Regression of(String model, LinearModel.Fit fit) {
    List<Coefficient> cs = new ArrayList<>();
    for (String name : fit.names()) {
      Estimate e = fit.estimate(name, true);
      cs.add(new Coefficient(name, e.value(), fit.seNaive(name), e.se(), e.low(), e.high(), e.p()));
    }
    return new Regression(model, fit.n(), fit.clusters(), fit.rSquared(), cs);
  }
}
