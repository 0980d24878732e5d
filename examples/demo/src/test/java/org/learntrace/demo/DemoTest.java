package org.learntrace.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path dir;

  static String run(int[] status, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    status[0] = Demo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theBundledSampleIsValidXapi2AndRoundTrips() {
    int[] status = new int[1];
    String out = run(status, "--validate-sample");
    assertThat(status[0]).isZero();
    assertThat(out).contains("6 of 6 statements are valid xAPI 2.0.0").contains("round-trips unchanged");
  }

  @Test
  void underXapi103TheSampleShowsTheVersionDifferences() {
    int[] status = new int[1];
    String out = run(status, "--validate-sample", "--xapi-version", "1.0.3");
    assertThat(status[0]).isEqualTo(1);
    assertThat(out).contains("$.context.contextAgents").contains("$.version").contains("5 of 6");
  }

  @Test
  void aFileWithABadStatementFailsNamingLinePathAndRule() throws Exception {
    Path file = dir.resolve("statements.ndjson");
    Files.writeString(file, """
        {"actor": {"mbox": "mailto:a@b.org"}, "verb": {"id": "http://x.org/v"}, "object": {"id": "http://x.org/a"}}
        {"actor": {"mbox": "a@b.org"}, "verb": {"id": "http://x.org/v"}, "object": {"id": "http://x.org/a"}}
        """, StandardCharsets.UTF_8);
    int[] status = new int[1];
    String out = run(status, "--validate", file.toString());
    assertThat(status[0]).isEqualTo(1);
    assertThat(out).contains("line 2 (xAPI 2.0.0): $.actor.mbox").contains("XAPI-00038").contains("1 of 2");
  }

  @Test
  void aBadOptionIsAUsageError() {
    int[] status = new int[1];
    assertThat(run(status, "--frobnicate")).contains("unknown option --frobnicate");
    assertThat(status[0]).isEqualTo(2);
  }

  @Test
  void inconsistentMissionOptionsAreUsageErrorsNamingTheOption() {
    int[] status = new int[1];
    assertThat(run(status, "--lrs-user", "u", "--lrs-password", "p")).contains("--lrs-user and --lrs-password need --lrs-url");
    assertThat(status[0]).isEqualTo(2);
    assertThat(run(status, "--lrs-url", "http://127.0.0.1:1/xapi/", "--lrs-user", "u"))
        .contains("give both --lrs-user and --lrs-password");
    assertThat(status[0]).isEqualTo(2);
    assertThat(run(status, "--schools", "10", "--teachers", "5")).contains("--teachers must be at least --schools");
    assertThat(status[0]).isEqualTo(2);
    assertThat(run(status, "--seed", "x")).contains("--seed must be an integer");
    assertThat(status[0]).isEqualTo(2);
    assertThat(run(status, "--xapi-version", "3.0")).startsWith("error:");
    assertThat(status[0]).isEqualTo(2);
    assertThat(run(status, "--lti-launches", "3", "--direct")).contains("--lti-launches needs the SDK pipeline");
    assertThat(status[0]).isEqualTo(2);
    assertThat(run(status, "--lti-launches", "-1")).contains("--lti-launches must be between 0 and 1000, got -1");
    assertThat(status[0]).isEqualTo(2);
  }

  @Test
  void ltiLaunchesDefaultToAHandfulAndAreOffWithTheDirectRoute() {
    assertThat(DemoOptions.parse(new String[0]).ltiLaunches()).isEqualTo(LtiLaunches.DEFAULT_LAUNCHES).isEqualTo(5);
    assertThat(DemoOptions.parse(new String[] {"--lti-launches", "0"}).ltiLaunches()).isZero();
    assertThat(DemoOptions.parse(new String[] {"--lti-launches", "12"}).ltiLaunches()).isEqualTo(12);
    assertThat(DemoOptions.parse(new String[] {"--direct"}).ltiLaunches()).isZero();
  }

  @Test
  void theCourseCatalogPutsLtiPseudonymsUnderTheirOwnHomePage() {
    assertThat(SdkDelivery.catalog().homePage(org.learntrace.lti.research.TrackerLtiEvents.DEFAULT_ID_SPACE))
        .isEqualTo(LtiLaunches.ACTOR_HOME_PAGE)
        .isNotEqualTo(SdkDelivery.catalog().homePage(org.learntrace.sdk.Person.Role.TEACHER.defaultIdSpace()));
  }

  @Test
  void helpPrintsTheUsage() {
    int[] status = new int[1];
    assertThat(run(status, "--help")).contains("--validate FILE").contains("--lrs-url URL").contains("--serve")
        .contains("--lti-launches N");
    assertThat(status[0]).isZero();
  }

  @Test
  void scaleOptionsMapOntoTheStudyConfiguration() {
    var study = DemoOptions.parse(new String[0]).studyConfig();
    assertThat(study.schools()).isEqualTo(207);
    assertThat(study.teachers()).isEqualTo(300);
    assertThat(study.learners()).isEqualTo(2_129);
    assertThat(study.upazilas()).isEqualTo(10);
    assertThat(study.offlineShare()).isEqualTo(0.2);
    var small = DemoOptions.parse(new String[] {"--schools", "12"}).studyConfig();
    assertThat(small.schools()).isEqualTo(12);
    assertThat(small.teachers()).isEqualTo(17);
    assertThat(small.learners()).isEqualTo(123);
    assertThat(small.upazilas()).isEqualTo(1);
    var teachers = DemoOptions.parse(new String[] {"--teachers", "50"}).studyConfig();
    assertThat(teachers.schools()).isEqualTo(50);
    assertThat(teachers.teachers()).isEqualTo(50);
    var big = DemoOptions.parse(new String[] {"--schools", "1000", "--teachers", "3000", "--seed", "7"}).studyConfig();
    assertThat(big.upazilas()).isEqualTo(10);
    assertThat(big.teachers()).isEqualTo(3_000);
    assertThat(big.seed()).isEqualTo(7);
  }
}
