package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.SyntheticStudy;

/**
 * {@link EngagementProjection#lineIn}, which reads all the lines of a buffer with one parser, gives
 * every line the verdict and event that {@link EngagementProjection#line} gives it alone — also
 * after invalid lines, around blank ones, and when an object would run on into the next line.
 */
class ProjectionBufferTest {
  @TempDir static Path tmp;

  @BeforeAll
  static void generate() throws IOException {
    Path dir = tmp.resolve("study");
    SyntheticStudy.generate(StudyConfig.study(11), dir, n -> {});
    EngagementProjectionTest.study = Files.readAllLines(dir.resolve("statements.ndjson"), StandardCharsets.UTF_8);
  }

  @Test
  void everyLineOfABufferGetsItsVerdictAlone() throws IOException {
    List<String> study = EngagementProjectionTest.study;
    List<String> edge = new ArrayList<>(EngagementProjectionTest.validVariants().values());
    edge.addAll(EngagementProjectionTest.modelOnlyVariants().values());
    String whole = study.get(3);
    int cut = whole.indexOf(",\"verb\"") + 1;
    // an object split over two lines: neither line is a statement on its own
    edge.add(whole.substring(0, cut) + "\n" + whole.substring(cut));
    edge.add(whole.substring(0, cut) + "\r\n{" + whole.substring(cut));
    edge.add(whole + "\u000c");
    edge.add(whole + " \t");
    edge.add(whole + "\t{}");
    edge.add("\u000c");
    edge.add("{}");
    Random rnd = new Random(9);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      text.append(rnd.nextInt(10) == 0 ? edge.get(rnd.nextInt(edge.size())) : study.get(i % study.size()));
      text.append(switch (rnd.nextInt(8)) {
        case 0 -> "\r\n";
        case 1 -> "\n \t\n";
        case 2 -> "\r";
        default -> "\n";
      });
    }
    byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
    EngagementProjection shared = new EngagementProjection(Vocabulary.TEACHER_SPACE);
    EngagementProjection alone = new EngagementProjection(Vocabulary.TEACHER_SPACE);
    int start = 0;
    int lines = 0;
    int events = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == '\n' || b[i] == '\r') {
        int n = i - start;
        if (n > 0) {
          String line = new String(b, start, n, StandardCharsets.UTF_8);
          int want = alone.line(b, start, n);
          int got = shared.lineIn(b, b.length, start, n);
          assertThat(got).as("line %d: %s", lines, line).isEqualTo(want);
          if (want == EngagementProjection.EVENT) {
            assertThat(shared.event()).as(line).isEqualTo(alone.event());
            events++;
          }
          lines++;
        }
        start = i + 1;
      }
    }
    shared.endBuffer();
    assertThat(lines).isGreaterThan(3000);
    assertThat(events).isGreaterThan(2500);
  }
}
