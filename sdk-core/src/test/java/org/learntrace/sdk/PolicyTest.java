package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
  @TempDir Path dir;

  private Path policies() throws Exception {
    return Files.createDirectories(dir.resolve("policies"));
  }

  private static void write(Path file, String json) throws Exception {
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  private static final String VIDEO_OFF = """
      { "course": "ags",
        "defaults": { "families": { "video": "off" } } }
      """;

  private static final String VIDEO_ON = """
      { "course": "ags",
        "defaults": { "families": { "video": "on", "quiz": "off" } } }
      """;

  private static Receipt track(LearnTrace lt) {
    return lt.tracker().track(Fixtures.played("t-1", 1));
  }

  @Test
  void aFamilySwitchedOffIsFilteredAndCounted() throws Exception {
    Path p = policies();
    write(p.resolve("ags.json"), VIDEO_OFF);
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), new InMemorySink("research")).setPolicyDirectory(p).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      assertThat(track(lt).filterReason()).isEqualTo(FilterReason.POLICY_OFF);
      assertThat(lt.metrics().filtered(FilterReason.POLICY_OFF)).isEqualTo(1);
    }
  }

  @Test
  void anEditedPolicyIsPickedUpWithoutARestart() throws Exception {
    Path p = policies();
    write(p.resolve("ags.json"), VIDEO_OFF);
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), new InMemorySink("research"))
        .setPolicyDirectory(p).setPolicyPollInterval(Duration.ofMillis(20)).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      assertThat(track(lt).status()).isEqualTo(Receipt.Status.FILTERED);
      write(p.resolve("ags.json"), VIDEO_ON);
      await().atMost(Duration.ofSeconds(30)).until(() -> track(lt).status() != Receipt.Status.FILTERED);
    }
  }

  @Test
  void aBrokenFileIsRejectedWithLineAndFieldAndTheLastGoodPolicyStays() throws Exception {
    Path p = policies();
    Path file = p.resolve("ags.json");
    write(file, VIDEO_OFF);
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), new InMemorySink("research")).setPolicyDirectory(p).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      write(file, """
          { "course": "ags",
            "defaults": {
              "families": {
                "video-progress": { "mode": "sampled", "rate": 1.5 } } } }
          """);
      List<PolicyProblem> problems = lt.reloadPolicies();
      assertThat(problems).singleElement().satisfies(pr -> {
        assertThat(pr.line()).as("%s", pr).isEqualTo(4);
        assertThat(pr.field()).as("%s", pr).isEqualTo("defaults.families.video-progress");
        assertThat(pr.message()).contains("rate must be in (0, 1], was 1.5");
      });
      assertThat(track(lt).filterReason()).as("last good policy in force").isEqualTo(FilterReason.POLICY_OFF);
      assertThat(lt.policyProblems()).hasSize(1);
    }
  }

  @Test
  void anUnknownFamilyOrFieldIsNamedInTheProblem() throws Exception {
    Path p = policies();
    write(p.resolve("ags.json"), """
        { "course": "ags",
          "defaults": { "families": { "vidoe": "off" } } }
        """);
    write(p.resolve("other.json"), """
        { "course": "other",
          "defaults": {
            "pseudonymization": "identified" } }
        """);
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), new InMemorySink("research")).setPolicyDirectory(p).build()) {
      List<PolicyProblem> problems = lt.policyProblems();
      assertThat(problems).extracting(PolicyProblem::field)
          .containsExactlyInAnyOrder("defaults.families.vidoe", "defaults.pseudonymization");
      assertThat(problems).allSatisfy(pr -> assertThat(pr.line()).isPositive());
      assertThat(problems.toString()).contains("unknown event family 'vidoe'");
    }
  }

  @Test
  void consentNotRequiredNeedsNoVersionButRequiredConsentDoes() throws Exception {
    Path p = policies();
    write(p.resolve("ags.json"), """
        { "course": "ags",
          "defaults": { "consent": { "required": false } } }
        """);
    write(p.resolve("other.json"), """
        { "course": "other",
          "defaults": {
            "consent": { "required": true, "scope": "research" } } }
        """);
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), new InMemorySink("research")).setPolicyDirectory(p).build()) {
      assertThat(lt.policyProblems()).singleElement().satisfies(pr -> {
        assertThat(pr.file().getFileName()).hasToString("other.json");
        assertThat(pr.line()).as("%s", pr).isEqualTo(3);
        assertThat(pr.field()).as("%s", pr).isEqualTo("defaults.consent");
        assertThat(pr.message()).contains("minVersion is needed when consent is required");
      });
      assertThat(track(lt).status()).as("no consent asked for in ags: the event is kept without any grant")
          .isNotEqualTo(Receipt.Status.FILTERED);
    }
  }

  @Test
  void aDestinationThatIsNotConfiguredIsAProblem() throws Exception {
    Path p = policies();
    write(p.resolve("ags.json"), """
        { "course": "ags",
          "defaults": {
            "destinations": { "nowhere": ["*"] } } }
        """);
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), new InMemorySink("research")).setPolicyDirectory(p).build()) {
      assertThat(lt.policyProblems()).singleElement().satisfies(pr -> {
        assertThat(pr.line()).isEqualTo(3);
        assertThat(pr.field()).isEqualTo("destinations.nowhere");
      });
    }
  }

  @Test
  void moduleRulesOverrideTheCourseAndRouteFamiliesToDestinations() throws Exception {
    Path p = policies();
    write(p.resolve("ags.json"), """
        { "course": "ags",
          "defaults": { "destinations": { "research": ["*"], "platform": ["quiz"] } },
          "modules": { "m3": { "families": { "video": "off" } } } }
        """);
    InMemorySink research = new InMemorySink("research");
    InMemorySink platform = new InMemorySink("platform");
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), research, platform).setPolicyDirectory(p).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      assertThat(track(lt).filterReason()).isEqualTo(FilterReason.POLICY_OFF);
      Receipt other = lt.tracker().track(new VideoPlayed(Occurrence.at(Instant.EPOCH), Person.teacher("t-1"),
          CourseModule.of("ags", "m4"), "v", null, 1));
      Receipt quiz = lt.tracker().track(new QuizItemAnswered(Occurrence.at(Instant.EPOCH), Person.teacher("t-1"),
          Fixtures.AGS_M3, "q", "a", "i", "choice", "b", true, 1.0));
      assertThat(other.awaitStored(Duration.ofSeconds(30)) && quiz.awaitStored(Duration.ofSeconds(30))).isTrue();
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(research.received()).extracting(TrackedEvent::id).containsExactlyInAnyOrder(other.eventId(), quiz.eventId());
      assertThat(platform.received()).extracting(TrackedEvent::id).containsExactly(quiz.eventId());
    }
  }

  @Test
  void theVideoHeartbeatIsSampledByInterval() throws Exception {
    Path p = policies();
    write(p.resolve("ags.json"), """
        { "course": "ags",
          "defaults": { "families": { "video-progress": { "mode": "sampled", "interval": "PT30S" } } } }
        """);
    try (LearnTrace lt = Fixtures.builder(dir.resolve("o"), new InMemorySink("research")).setPolicyDirectory(p).build()) {
      lt.consent().grant(Person.teacher("t-1"), "research", 1);
      int kept = 0;
      for (int s = 0; s < 120; s += 5) {
        Receipt r = lt.tracker().track(new VideoProgressed(Occurrence.at(Fixtures.T0.plusSeconds(s)), Person.teacher("t-1"),
            Fixtures.AGS_M3, "m3-video-1", "s", s, List.of(new PlayedSegment(0, s)), s / 120.0, 120));
        kept += r.status() == Receipt.Status.FILTERED ? 0 : 1;
      }
      assertThat(kept).isEqualTo(4);
      assertThat(lt.metrics().filtered(FilterReason.SAMPLED_OUT)).isEqualTo(20);
    }
  }
}
