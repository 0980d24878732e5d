package org.learntrace.research.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.XapiVersion;

class SyntheticStudyTest {
  static StudyConfig small(long seed) {
    return StudyConfig.builder().seed(seed).divisions(2).districts(3).upazilas(4).schools(20).teachers(30).learners(200).build();
  }

  @Test
  void sameSeedGivesByteIdenticalFiles(@TempDir Path tmp) throws IOException {
    SyntheticStudy.generate(small(5), tmp.resolve("a"), n -> {});
    SyntheticStudy.generate(small(5), tmp.resolve("b"), n -> {});
    List<Path> files;
    try (Stream<Path> s = Files.walk(tmp.resolve("a"))) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(12);
    for (Path a : files) {
      Path b = tmp.resolve("b").resolve(tmp.resolve("a").relativize(a));
      assertThat(Files.mismatch(a, b)).as("%s differs", a.getFileName()).isEqualTo(-1L);
    }
  }

  @Test
  void countsAreConfigurationAndArmsAreStratifiedByUpazila(@TempDir Path tmp) throws IOException {
    StudyTruth t = SyntheticStudy.generate(StudyConfig.study(3), tmp, n -> {});
    assertThat(t.schools()).isEqualTo(207);
    assertThat(t.teachers()).isEqualTo(300);
    assertThat(t.learners()).isEqualTo(2129);
    assertThat(Files.readAllLines(tmp.resolve("links/schools.csv"))).hasSize(208);
    assertThat(Files.readAllLines(tmp.resolve("outcomes/assessments.csv"))).hasSize(1 + 2 * 2129);
    assertThat(Files.readAllLines(tmp.resolve("links/divisions.csv"))).hasSize(5);
    assertThat(Files.readAllLines(tmp.resolve("links/upazilas.csv"))).hasSize(11);
    assertThat(t.treatedSchools()).isBetween(98, 109);
    assertThat(t.offlineTeachers()).isBetween(15, 50);
  }

  @Test
  void everyStatementIsValidXapi(@TempDir Path tmp) throws IOException {
    SyntheticStudy.generate(small(9), tmp, n -> {});
    StatementValidator v = StatementValidator.forVersion(XapiVersion.V1_0_3);
    List<String> lines = Files.readAllLines(tmp.resolve("statements.ndjson"));
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(v.validate(line).violations()).as(line).isEmpty();
    }
  }

  @Test
  void expectedModulesMatchTheBinomialLogisticModel() {
    // θ ~ N(0, 1.25): E[9·logistic(1 + 0.8θ)] is a little below 9·logistic(1) = 6.58.
    double e = SyntheticStudy.expectedModules(StudyConfig.study(1));
    assertThat(e).isBetween(6.0, 6.58);
  }

  @Test
  void impossibleConfigurationsAreRejectedUpFront() {
    assertThatThrownBy(() -> StudyConfig.builder().schools(5).upazilas(10).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upazilas");
    assertThatThrownBy(() -> StudyConfig.builder().learners(100).build())
        .hasMessageContaining("learners");
  }
}
