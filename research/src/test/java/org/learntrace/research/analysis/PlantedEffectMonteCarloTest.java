package org.learntrace.research.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.linkage.StudyLinker;
import org.learntrace.research.stats.LinearModel;
import org.learntrace.research.stats.Summary;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.StudyTruth;
import org.learntrace.research.synth.SyntheticStudy;

/**
 * A Monte Carlo over synthetic studies with a planted effect (seeds 1..80, 80 schools, 800
 * learners each): the ANCOVA estimate is unbiased for the planted effect, its CR1 intervals cover
 * it about 95% of the time, and clustered standard errors exceed naive ones.
 */
class PlantedEffectMonteCarloTest {
  static final int REPLICATIONS = 80;

  record McResult(Summary estimate, Summary seCr1, Summary seNaive, int covered, int naiveCovered, double planted) {}

  static McResult run(Path tmp) throws IOException {
    Summary est = new Summary();
    Summary cr1 = new Summary();
    Summary naive = new Summary();
    int covered = 0;
    int naiveCovered = 0;
    double planted = Double.NaN;
    for (int rep = 1; rep <= REPLICATIONS; rep++) {
      StudyConfig cfg = StudyConfig.builder().seed(rep).divisions(2).districts(4).upazilas(8).schools(80).teachers(120)
          .learners(800).writeStatements(false).build();
      Path dir = tmp.resolve("rep" + rep);
      StudyTruth truth = SyntheticStudy.generate(cfg, dir, n -> {});
      planted = truth.effectPoints();
      LinkedStudy st = StudyLinker.link(dir, null, n -> {});
      LinearModel.Fit fit = StudyAnalysis.ancova(st);
      est.add(fit.coef(AnalysisReport.TREATMENT));
      cr1.add(fit.seClustered(AnalysisReport.TREATMENT));
      naive.add(fit.seNaive(AnalysisReport.TREATMENT));
      covered += fit.estimate(AnalysisReport.TREATMENT, true).covers(planted) ? 1 : 0;
      naiveCovered += fit.estimate(AnalysisReport.TREATMENT, false).covers(planted) ? 1 : 0;
    }
    return new McResult(est, cr1, naive, covered, naiveCovered, planted);
  }

  @Test
  void ancovaRecoversThePlantedEffectWithHonestClusteredIntervals(@TempDir Path tmp) throws IOException {
    McResult r = run(tmp);
    double mcSe = r.estimate().sd() / Math.sqrt(r.estimate().n());
    String figures = String.format(java.util.Locale.ROOT,
        "planted %.3f, mean estimate %.4f, MC-SE %.4f, SD of estimates %.4f, mean CR1 SE %.4f, mean naive SE %.4f, "
            + "CR1 coverage %d/%d, naive coverage %d/%d", r.planted(), r.estimate().mean(), mcSe, r.estimate().sd(),
        r.seCr1().mean(), r.seNaive().mean(), r.covered(), REPLICATIONS, r.naiveCovered(), REPLICATIONS);
    System.out.println("Monte Carlo: " + figures);
    assertThat(Math.abs(r.estimate().mean() - r.planted())).as(figures).isLessThanOrEqualTo(3 * mcSe);
    // 95% intervals: with 80 replications coverage below 86% would be implausible (binomial, p < 0.001).
    assertThat(r.covered()).as(figures).isGreaterThanOrEqualTo(69);
    assertThat(r.seCr1().mean()).as(figures).isGreaterThan(r.seNaive().mean() * 1.2);
    // The CR1 SE tracks the real sampling SD of the estimates; the naive one understates it.
    assertThat(r.seCr1().mean() / r.estimate().sd()).as(figures).isBetween(0.8, 1.25);
    assertThat(r.seNaive().mean()).as(figures).isLessThan(r.estimate().sd());
  }
}
