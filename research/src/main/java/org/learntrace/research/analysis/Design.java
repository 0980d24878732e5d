package org.learntrace.research.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.learntrace.research.stats.LinearModel;

/**
 * Builds a design matrix column by column over a subset of rows, dropping columns that are
 * constant in the subset (a dummy with one level present), and fits it with cluster indexes
 * renumbered to the clusters present.
 */
final class Design {
  private final int[] rows;
  private final List<String> names = new ArrayList<>();
  private final List<double[]> columns = new ArrayList<>();

  Design(int n, IntPredicate include) {
    int[] r = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (include.test(i)) {
        r[k++] = i;
      }
    }
    rows = Arrays.copyOf(r, k);
    names.add("(Intercept)");
    double[] one = new double[k];
    Arrays.fill(one, 1);
    columns.add(one);
  }

  int size() {
    return rows.length;
  }

  int row(int j) {
    return rows[j];
  }

  /** Adds a column; returns false (and adds nothing) when it is constant in the subset. */
  boolean add(String name, IntToDoubleFunction value) {
    double[] c = new double[rows.length];
    boolean varies = false;
    for (int j = 0; j < rows.length; j++) {
      c[j] = value.applyAsDouble(rows[j]);
      varies |= j > 0 && c[j] != c[0];
    }
    if (!varies) {
      return false;
    }
    names.add(name);
    columns.add(c);
    return true;
  }

  /** Whether a column was kept. */
  boolean has(String name) {
    return names.contains(name);
  }

  LinearModel.Fit fit(IntToDoubleFunction y, int[] clusterOfRow) {
    int n = rows.length;
    int k = names.size();
    double[] x = new double[n * k];
    double[] yy = new double[n];
    int[] cl = new int[n];
    int[] renumber = new int[Arrays.stream(clusterOfRow).max().orElse(0) + 1];
    Arrays.fill(renumber, -1);
    int next = 0;
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < k; c++) {
        x[j * k + c] = columns.get(c)[j];
      }
      yy[j] = y.applyAsDouble(rows[j]);
      int g = clusterOfRow[rows[j]];
      if (renumber[g] < 0) {
        renumber[g] = next++;
      }
      cl[j] = renumber[g];
    }
    return LinearModel.fit(names, x, yy, cl);
  }

  String formula(String outcome) {
    return outcome + " ~ " + String.join(" + ", names.subList(1, names.size()));
  }
}
