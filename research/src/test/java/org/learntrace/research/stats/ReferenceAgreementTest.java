package org.learntrace.research.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our OLS, CR1 and ICC agree with R's {@code lm}, {@code sandwich::vcovCL(type = "HC1")} and
 * {@code anova} on the committed dataset; the figures were produced by
 * {@code src/test/resources/reference/reference.R} (R 4.2.2, sandwich 3.0.2). R is not needed to
 * run this test.
 */
class ReferenceAgreementTest {
  private static final double REL = 1e-8;

  static List<String[]> csv(String name) throws IOException {
    try (InputStream in = ReferenceAgreementTest.class.getResourceAsStream("/reference/" + name)) {
      List<String[]> rows = new ArrayList<>();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          rows.add(lines[i].trim().split(","));
        }
      }
      return rows;
    }
  }

  static LinearModel.Fit fitReferenceData() throws IOException {
    List<String[]> rows = csv("ancova.csv");
    int n = rows.size();
    double[] x = new double[n * 4];
    double[] y = new double[n];
    int[] cl = new int[n];
    for (int i = 0; i < n; i++) {
      String[] r = rows.get(i);
      cl[i] = Integer.parseInt(r[0]) - 1;
      x[i * 4] = 1;
      x[i * 4 + 1] = Double.parseDouble(r[1]);
      x[i * 4 + 2] = Double.parseDouble(r[2]);
      x[i * 4 + 3] = Double.parseDouble(r[3]);
      y[i] = Double.parseDouble(r[4]);
    }
    return LinearModel.fit(List.of("(Intercept)", "treatment", "baseline", "learner_female"), x, y, cl);
  }

  @Test
  void coefficientsNaiveAndCr1StandardErrorsMatchRLmAndSandwich() throws IOException {
    LinearModel.Fit fit = fitReferenceData();
    List<String[]> ref = csv("ancova-reference.csv");
    assertThat(ref).hasSize(4);
    for (String[] r : ref) {
      String term = r[0];
      double est = Double.parseDouble(r[1]);
      double naive = Double.parseDouble(r[2]);
      double cr1 = Double.parseDouble(r[3]);
      assertThat(fit.coef(term)).as("estimate of %s", term).isCloseTo(est, within(Math.abs(est) * REL));
      assertThat(fit.seNaive(term)).as("naive SE of %s", term).isCloseTo(naive, within(naive * REL));
      assertThat(fit.seClustered(term)).as("CR1 SE of %s", term).isCloseTo(cr1, within(cr1 * REL));
    }
  }

  @Test
  void anovaIccMatchesR() throws IOException {
    List<String[]> rows = csv("ancova.csv");
    double[] y = new double[rows.size()];
    int[] cl = new int[rows.size()];
    for (int i = 0; i < y.length; i++) {
      cl[i] = Integer.parseInt(rows.get(i)[0]) - 1;
      y[i] = Double.parseDouble(rows.get(i)[4]);
    }
    Icc icc = Icc.anova(y, cl);
    String[] ref = csv("icc-reference.csv").get(0);
    assertThat(icc.msb()).isCloseTo(Double.parseDouble(ref[0]), within(Double.parseDouble(ref[0]) * REL));
    assertThat(icc.msw()).isCloseTo(Double.parseDouble(ref[1]), within(Double.parseDouble(ref[1]) * REL));
    assertThat(icc.n0()).isCloseTo(Double.parseDouble(ref[2]), within(Double.parseDouble(ref[2]) * REL));
    assertThat(icc.icc()).isCloseTo(Double.parseDouble(ref[3]), within(Math.abs(Double.parseDouble(ref[3])) * 1e-7));
  }
}
