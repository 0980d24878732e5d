package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IntervalSetTest {
  @Test
  void overlappingPlayedSegmentsCountOnce() {
    IntervalSet s = new IntervalSet(0);
    s.addPlayedSegments("0[.]95.4[,]80[.]150");
    assertThat(s.length()).isCloseTo(150, within(1e-9));
    assertThat(s.size()).isEqualTo(1);
  }

  @Test
  void malformedPlayedSegmentsNameThePart() {
    assertThatThrownBy(() -> new IntervalSet(0).addPlayedSegments("0[.]5[,]x[.]7"))
        .hasMessageContaining("'x[.]7'");
  }

  @Test
  void sessionsSplitAfterThirtyIdleMinutes() {
    IntervalSet s = new IntervalSet(EngagementMeasures.SESSION_GAP_MS);
    long min = 60_000;
    for (long t : new long[] {0, 10 * min, 40 * min, 71 * min, 72 * min}) {
      s.add(t, t);
    }
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.length()).isEqualTo(40 * min + 1 * min);
  }

  /** Integer grid brute force: the union length does not depend on the order of insertion. */
  @Property(tries = 200, seed = "7")
  void unionLengthEqualsBruteForceInAnyOrder(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 200) Integer> starts,
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 20) Integer> lengths) {
    int n = Math.min(starts.size(), lengths.size());
    boolean[] covered = new boolean[260];
    List<int[]> intervals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      intervals.add(new int[] {starts.get(i), starts.get(i) + lengths.get(i)});
      for (int u = starts.get(i); u < starts.get(i) + lengths.get(i); u++) {
        covered[u] = true;
      }
    }
    int expected = 0;
    for (boolean c : covered) {
      expected += c ? 1 : 0;
    }
    IntervalSet forward = new IntervalSet(0);
    intervals.forEach(iv -> forward.add(iv[0], iv[1]));
    Collections.reverse(intervals);
    IntervalSet backward = new IntervalSet(0);
    intervals.forEach(iv -> backward.add(iv[0], iv[1]));
    assertThat(forward.length()).isEqualTo(expected);
    assertThat(backward.length()).isEqualTo(expected);
    assertThat(backward.size()).isEqualTo(forward.size());
  }
}
