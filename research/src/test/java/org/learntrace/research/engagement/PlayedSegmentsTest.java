package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** {@link PlayedSegments} reads what the regular-expression split it replaced read, and fails where it failed. */
class PlayedSegmentsTest {
  /** The earlier reading: {@code split("\\[,\\]")}, then the two numbers around {@code [.]}. */
  static List<String> bySplit(String segments) {
    List<String> out = new ArrayList<>();
    if (segments == null || segments.isEmpty()) {
      return out;
    }
    try {
      for (String seg : segments.split("\\[,\\]")) {
        int dot = seg.indexOf("[.]");
        if (dot < 0) {
          out.add("error: played-segments part '" + seg + "' has no [.]");
          return out;
        }
        try {
          out.add(Double.parseDouble(seg.substring(0, dot)) + ".." + Double.parseDouble(seg.substring(dot + 3)));
        } catch (NumberFormatException e) {
          out.add("error: played-segments part '" + seg + "' is not two numbers");
          return out;
        }
      }
    } catch (RuntimeException e) {
      out.add("error: " + e.getMessage());
    }
    return out;
  }

  static List<String> byScan(String segments) {
    List<String> out = new ArrayList<>();
    try {
      PlayedSegments.forEach(segments, (a, b) -> out.add(a + ".." + b));
    } catch (IllegalArgumentException e) {
      out.add("error: " + e.getMessage());
    }
    return out;
  }

  @Test
  void cornerCasesReadAsSplitReadThem() {
    for (String s : new String[] {null, "", "[,]", "[,][,]", "0[.]5", "0[.]5[,]", "0[.]5[,][,]", "[,]0[.]5",
        "0[.]5[,][,]6[.]7", "0[.]95.4[,]80[.]150", "0[.]x", "[.]", "0[.]5[.]6", " 1 [.] 2 ", "1e3[.]NaN",
        "0[.]5[,", "0[.]5[,]]", "[[,]]", "0[.]1[,][.]", "1d[.]2f", "0x1p3[.]Infinity"}) {
      assertThat(byScan(s)).as("'%s'", s).isEqualTo(bySplit(s));
    }
  }

  @Property(tries = 2000, seed = "11")
  void anyStringOfSeparatorsAndDigitsReadsAsSplitReadsIt(
      @ForAll @StringLength(max = 24) @Chars({'[', ']', ',', '.', ' '}) @CharRange(from = '0', to = '3') String s) {
    assertThat(byScan(s)).isEqualTo(bySplit(s));
  }
}
