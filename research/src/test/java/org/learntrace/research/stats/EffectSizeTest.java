package org.learntrace.research.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EffectSizeTest {
  @Test
  void hedgesGAppliesTheSmallSampleCorrectionToCohensD() {
    // Two groups of 10 with means 1 apart and SD 2: d = 0.5, df = 18, J = 1 - 3/71.
    EffectSize e = EffectSize.of(1.0, 2.0, 10, 10, "test SD");
    assertThat(e.d()).isEqualTo(0.5);
    assertThat(e.j()).isCloseTo(1 - 3.0 / 71, within(1e-15));
    assertThat(e.g()).isCloseTo(0.5 * (1 - 3.0 / 71), within(1e-15));
    double varD = 20.0 / 100 + 0.25 / 40;
    assertThat(e.seG()).isCloseTo(e.j() * Math.sqrt(varD), within(1e-15));
    assertThat(e.low()).isLessThan(e.g()).isGreaterThan(e.g() - 1);
    assertThat(e.sdUsed()).isEqualTo("test SD");
  }

  @Test
  void pooledSdIsTheWithinGroupSd() {
    EffectSize e = EffectSize.pooled(Summary.of(1, 2, 3, 4), Summary.of(0, 1, 2, 3), "x");
    assertThat(e.sd()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
    assertThat(e.sdUsed()).contains("pooled within-arm SD of x");
  }

  @Test
  void clusteredEffectSizeShrinksAndWidensWithTheIcc() {
    EffectSize none = EffectSize.clustered(0.2, 1, 500, 500, 100, 0.0);
    EffectSize some = EffectSize.clustered(0.2, 1, 500, 500, 100, 0.2);
    assertThat(none.d()).isCloseTo(0.2, within(1e-12));
    assertThat(some.d()).isLessThan(none.d());
    assertThat(some.seG()).isGreaterThan(none.seG() * 1.5);
  }

  @Test
  void designEffectIsOnePlusMMinusOneTimesIcc() {
    double[] y = {1, 2, 3, 6, 7, 8, 2, 3, 4};
    int[] cl = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    Icc icc = Icc.anova(y, cl);
    assertThat(icc.designEffect()).isCloseTo(1 + 2 * icc.icc(), within(1e-12));
    assertThat(icc.icc()).isBetween(icc.low(), icc.high());
  }

  @Test
  void rankDeficientDesignsAreRejectedNamingTheColumns() {
    double[] x = {1, 0, 1, 0, 1, 0};
    assertThatThrownBy(() -> LinearModel.fit(List.of("(Intercept)", "z"), x, new double[] {1, 2, 3}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank deficient").hasMessageContaining("z");
  }
}
