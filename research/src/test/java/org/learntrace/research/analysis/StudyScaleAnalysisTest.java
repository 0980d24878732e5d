package org.learntrace.research.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.engagement.NdjsonStatements;
import org.learntrace.research.engagement.Vocabulary;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.linkage.StudyLinker;
import org.learntrace.research.output.StudyExport;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.StudyTruth;
import org.learntrace.research.synth.SyntheticStudy;

/** The whole pipeline on one study-scale synthetic study (seed 42): statements → measures → linkage → analysis → exports. */
class StudyScaleAnalysisTest {
  @TempDir static Path tmp;
  static StudyTruth truth;
  static EngagementMeasures measures;
  static LinkedStudy study;
  static AnalysisReport report;

  @BeforeAll
  static void pipeline() throws IOException {
    Path dir = tmp.resolve("study");
    truth = SyntheticStudy.generate(StudyConfig.study(42), dir, n -> {});
    var pass = NdjsonStatements.engagement(dir.resolve("statements.ndjson"), Vocabulary.TEACHER_SPACE,
        java.time.ZoneId.of("Asia/Dhaka"), 2, n -> {});
    assertThat(pass.errors()).isEmpty();
    measures = pass.measures();
    study = StudyLinker.link(dir, measures, n -> {});
    report = StudyAnalysis.analyse(study, measures);
  }

  @Test
  void everyOutcomeRowResolvesAndEveryTreatedTeacherIsFound() {
    assertThat(study.report().clean()).as("%s", study.report().problems()).isTrue();
    assertThat(report.sample().outcomeMatchRate()).isEqualTo(1.0);
    assertThat(report.sample().students()).isEqualTo(2129);
    assertThat(report.sample().schools()).isEqualTo(207);
    assertThat(study.report().treatedTeachersWithStatements()).isEqualTo(truth.teachersReached());
  }

  @Test
  void loggedModulesFromStatementsEqualWhatWasPlanted() {
    double sum = 0;
    int n = 0;
    for (double m : study.teacherModulesCompleted()) {
      if (!Double.isNaN(m)) {
        sum += m;
        n++;
      }
    }
    assertThat(n).isEqualTo(truth.treatedTeachers());
    assertThat(sum / n).isCloseTo(truth.meanModulesTreated(), within(1e-12));
  }

  @Test
  void selfReportGapIsRecovered() {
    var gap = report.selfReport();
    assertThat(gap.gap().value()).isCloseTo(truth.meanSelfReportGap(), within(1e-9));
    assertThat(gap.gap().covers(truth.selfReportBias())).as("CI %s covers 1.5", gap.gap()).isTrue();
  }

  @Test
  void clusteredStandardErrorExceedsTheNaiveOne() {
    var t = report.ancova().coefficient(AnalysisReport.TREATMENT);
    assertThat(t.seClustered()).isGreaterThan(t.seNaive());
    assertThat(report.seRatio()).isGreaterThan(1.2);
    assertThat(report.iccBaseline().designEffect()).isGreaterThan(2);
  }

  @Test
  void ancovaCoversThePlantedEffectAndDidAgreesInSign() {
    var t = report.ancova().coefficient(AnalysisReport.TREATMENT);
    assertThat(t.low()).isLessThan(truth.effectPoints());
    assertThat(t.high()).isGreaterThan(truth.effectPoints());
    assertThat(report.did().coefficient("treatment:endline").estimate()).isPositive();
    assertThat(report.ancovaEffectSd().sdUsed()).contains("baseline");
  }

  @Test
  void manyClustersMeanNoFewClustersWarning() {
    assertThat(report.notes()).noneMatch(n -> n.contains("wild-cluster"));
  }

  @Test
  void funnelNeverGrowsFromOneModuleToTheNext() {
    var modules = report.modules();
    assertThat(modules).hasSize(9);
    for (int i = 1; i < modules.size(); i++) {
      assertThat(modules.get(i).started()).isLessThanOrEqualTo(modules.get(i - 1).started());
    }
    assertThat(modules.get(0).meanWatchShare()).isBetween(0.3, 1.0);
  }

  @Test
  void costEffectivenessUsesTheLedgerTotal() {
    var c = report.cost();
    assertThat(c.totalUsd()).isCloseTo(truth.totalCostUsd(), within(0.05));
    assertThat(c.perTeacherReached()).isCloseTo(c.totalUsd() / truth.teachersReached(), within(1e-9));
    assertThat(c.completers()).isEqualTo(truth.completers());
    assertThat(c.sdPer100Low()).isLessThan(c.sdPer100()).isLessThan(c.sdPer100High());
  }

  @Test
  void exportsAFrictionlessPackageAndASelfContainedReport() throws IOException {
    Path out = tmp.resolve("out");
    StudyExport.write(out, study, measures, report);
    JsonNode dp = new ObjectMapper().readTree(out.resolve("datapackage.json").toFile());
    assertThat(dp.get("resources")).hasSize(StudyExport.tables().size());
    JsonNode students = dp.get("resources").get(2);
    assertThat(students.get("path").asText()).isEqualTo("students.csv");
    assertThat(students.at("/schema/primaryKey/0").asText()).isEqualTo("student_id");
    assertThat(students.at("/schema/foreignKeys/0/reference/resource").asText()).isEqualTo("schools");
    assertThat(students.at("/schema/missingValues").toString()).contains("NA");
    assertThat(Files.readAllLines(out.resolve("students.csv"))).hasSize(2130);
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("<svg", "viewport", "Engagement funnel", "Dose", "Equity", "Self-report")
        .doesNotContain("<script", "http://", "src=");
    assertThat(Files.readString(out.resolve("codebook.md"))).contains("## students.csv");
  }
}
