package org.learntrace.research.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.research.data.RowError;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.SyntheticStudy;

/** Broken rows are reported with file, line, column and rule, and never silently linked. */
class LinkageProblemsTest {
  static Path study(Path tmp) throws IOException {
    SyntheticStudy.generate(StudyConfig.builder().seed(11).divisions(1).districts(1).upazilas(2).schools(6).teachers(6)
        .learners(30).writeStatements(false).build(), tmp, n -> {});
    return tmp;
  }

  static String firstDataRow(Path file) throws IOException {
    return Files.readAllLines(file).get(1);
  }

  @Test
  void anOutcomeRowWithAnUnknownClassIsReportedAsUnresolved(@TempDir Path tmp) throws IOException {
    Path dir = study(tmp);
    Path a = dir.resolve("outcomes/assessments.csv");
    String[] cells = firstDataRow(a).split(",");
    cells[0] = "p-orphan";
    cells[2] = "c-nowhere";
    Files.writeString(a, String.join(",", cells) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    LinkedStudy st = StudyLinker.link(dir, null, n -> {});
    assertThat(st.report().outcomeRows()).isEqualTo(61);
    assertThat(st.report().outcomeRowsResolved()).isEqualTo(60);
    assertThat(st.report().problems()).containsExactly(new RowError("assessments.csv", 62, "class_id",
        "unresolved-school", "class 'c-nowhere' is not in classes.csv, so the row has no school"));
    assertThat(st.studentIds()).doesNotContain("p-orphan");
  }

  @Test
  void aRowWhoseSchoolDisagreesWithItsClassIsAmbiguous(@TempDir Path tmp) throws IOException {
    Path dir = study(tmp);
    Path a = dir.resolve("outcomes/assessments.csv");
    List<String> lines = Files.readAllLines(a);
    String[] cells = lines.get(1).split(",");
    cells[4] = "s-elsewhere";
    lines.set(1, String.join(",", cells));
    Files.write(a, lines);
    LinkedStudy st = StudyLinker.link(dir, null, n -> {});
    assertThat(st.report().problems()).extracting(RowError::rule, RowError::line, RowError::column)
        .contains(org.assertj.core.groups.Tuple.tuple("ambiguous-school", 2L, "school_id"));
    assertThat(st.report().studentsOneWave()).isEqualTo(1);
  }

  @Test
  void cellErrorsNameFileLineColumnAndRule(@TempDir Path tmp) throws IOException {
    Path dir = study(tmp);
    Path a = dir.resolve("outcomes/assessments.csv");
    List<String> lines = Files.readAllLines(a);
    String[] cells = lines.get(3).split(",");
    cells[1] = "midline";
    cells[12] = "7";
    lines.set(3, String.join(",", cells));
    Files.write(a, lines);
    Files.writeString(dir.resolve("links/teachers.csv"), "t-x,s-missing,F,phone\n", StandardOpenOption.APPEND);
    LinkedStudy st = StudyLinker.link(dir, null, n -> {});
    List<RowError> errors = st.report().reads().stream().flatMap(r -> r.errors().stream()).toList();
    assertThat(errors).contains(
        new RowError("assessments.csv", 4, "wave", "enum", "'midline' is not one of [baseline, endline]"),
        new RowError("assessments.csv", 4, "item_01", "maximum", "7 is above 1"));
    assertThat(st.report().problems()).contains(
        new RowError("teachers.csv", 8, "school_id", "foreign-key", "'s-missing' is not in schools.csv"));
    assertThat(st.report().clean()).isFalse();
  }
}
