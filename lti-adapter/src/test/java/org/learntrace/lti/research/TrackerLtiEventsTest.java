package org.learntrace.lti.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.learntrace.lti.DeepLinkSelection;
import org.learntrace.lti.LtiEvent.Side;
import org.learntrace.lti.LtiLaunchEvent;
import org.learntrace.lti.ResearchRole;
import org.learntrace.lti.ScorePublished;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;

/** The mapping of each LTI research event, against a tracker that records what it is handed. */
class TrackerLtiEventsTest {
  private static final Instant AT = Instant.parse("2026-03-14T09:26:53Z");
  private static final String ISS = "https://lms.example";
  private static final String ACTOR = "pXkZ3u0c9-Wn1mQxLr4aTq7yV2sB8dEfGhJkLmNoPqR";

  private final List<LearningEvent> tracked = new CopyOnWriteArrayList<>();
  private final Tracker recording = e -> {
    tracked.add(e);
    return Receipt.filtered(FilterReason.DISABLED);
  };
  private final TrackerLtiEvents bridge = TrackerLtiEvents.builder(recording).passThreshold(0.8).build();

  private static LtiLaunchEvent launch(String actor, ResearchRole role, String context, String link, String type) {
    return new LtiLaunchEvent(AT, Side.TOOL, ISS, "dep-1", actor, role, context, link, type, "1.3.0");
  }

  private static ScorePublished score(Double given, Double max, String grading) {
    return new ScorePublished(AT, Side.TOOL, ISS, ACTOR, "course-1", "link-1", "https://lms.example/lineitems/7", given, max,
        "Completed", grading);
  }

  @Test
  void aResourceLinkLaunchBecomesModuleLaunched() {
    bridge.accept(launch(ACTOR, ResearchRole.OBSERVER, "course-1", "link-1", "LtiResourceLinkRequest"));

    ModuleLifecycle m = (ModuleLifecycle) tracked.get(0);
    assertThat(m.step()).isEqualTo(ModuleLifecycle.Step.LAUNCHED);
    assertThat(m.learner()).isEqualTo(new Person(Person.Role.OBSERVER, TrackerLtiEvents.DEFAULT_ID_SPACE, ACTOR, true));
    assertThat(m.module()).isEqualTo(CourseModule.of("course-1", "link-1"));
    assertThat(m.occurrence().occurredAt()).isEqualTo(AT);
    assertThat(m.occurrence().attributes()).containsEntry(TrackerLtiEvents.ROLE_ATTRIBUTE, "OBSERVER")
        .containsEntry(TrackerLtiEvents.PLATFORM_ATTRIBUTE, ISS);
  }

  @Test
  void theRegistrationIsOneUuidPerPlatformContextAndActor() {
    bridge.accept(launch(ACTOR, ResearchRole.LEARNER, "course-1", "link-1", "LtiResourceLinkRequest"));
    bridge.accept(launch(ACTOR, ResearchRole.LEARNER, "course-1", "link-2", "LtiResourceLinkRequest"));
    bridge.accept(launch(ACTOR, ResearchRole.LEARNER, "course-2", "link-1", "LtiResourceLinkRequest"));
    bridge.accept(launch("another-actor", ResearchRole.LEARNER, "course-1", "link-1", "LtiResourceLinkRequest"));

    List<String> registrations = tracked.stream().map(e -> ((ModuleLifecycle) e).registration()).toList();
    assertThat(registrations.get(0)).isEqualTo(registrations.get(1)).isNotEqualTo(registrations.get(2))
        .isNotEqualTo(registrations.get(3)).doesNotContain("course-1").doesNotContain(ACTOR);
  }

  @Test
  void anLti11LaunchIsAModuleLaunchToo() {
    bridge.accept(launch(ACTOR, ResearchRole.LEARNER, "course-1", "link-1", "basic-lti-launch-request"));

    assertThat(tracked).singleElement().isInstanceOf(ModuleLifecycle.class);
  }

  @Test
  void learnersAreTeachersByDefaultAndTheRoleMappingIsConfigurable() {
    TrackerLtiEvents children = TrackerLtiEvents.builder(recording).role(ResearchRole.LEARNER, Person.Role.STUDENT).build();

    bridge.accept(launch(ACTOR, ResearchRole.LEARNER, "course-1", "link-1", "LtiResourceLinkRequest"));
    children.accept(launch(ACTOR, ResearchRole.LEARNER, "course-1", "link-1", "LtiResourceLinkRequest"));

    assertThat(tracked).extracting(e -> ((ModuleLifecycle) e).learner().role())
        .containsExactly(Person.Role.TEACHER, Person.Role.STUDENT);
  }

  @Test
  void launchesWithoutActorContextOrResourceLinkAreSkipped() {
    bridge.accept(launch(null, ResearchRole.LEARNER, "course-1", "link-1", "LtiResourceLinkRequest"));
    bridge.accept(launch(ACTOR, ResearchRole.LEARNER, null, "link-1", "LtiResourceLinkRequest"));
    bridge.accept(launch(ACTOR, ResearchRole.TEACHER, "course-1", null, "LtiDeepLinkingRequest"));

    assertThat(tracked).isEmpty();
    assertThat(bridge.skipped()).isEqualTo(3);
    assertThat(bridge.launchesTracked()).isZero();
  }

  @Test
  void aFinalScoreBecomesAQuizAttempt() {
    bridge.accept(score(8.0, 10.0, "FullyGraded"));

    QuizAttemptFinished q = (QuizAttemptFinished) tracked.get(0);
    assertThat(q.learner()).isEqualTo(new Person(Person.Role.TEACHER, TrackerLtiEvents.DEFAULT_ID_SPACE, ACTOR, true));
    assertThat(q.module()).isEqualTo(CourseModule.of("course-1", "link-1"));
    assertThat(q.quiz()).isEqualTo("https://lms.example/lineitems/7");
    assertThat(q.scoreScaled()).isEqualTo(0.8);
    assertThat(q.passed()).as("0.8 is at the threshold").isTrue();
    assertThat(q.attempt()).isNotBlank();
    assertThat(q.occurrence().attributes()).doesNotContainKey(TrackerLtiEvents.ROLE_ATTRIBUTE);
  }

  @Test
  void theAttemptIdIsDeterministicPerScoreEvent() {
    bridge.accept(score(8.0, 10.0, "FullyGraded"));
    bridge.accept(score(8.0, 10.0, "FullyGraded"));
    bridge.accept(new ScorePublished(AT.plusSeconds(1), Side.TOOL, ISS, ACTOR, "course-1", "link-1",
        "https://lms.example/lineitems/7", 8.0, 10.0, "Completed", "FullyGraded"));

    List<String> attempts = tracked.stream().map(e -> ((QuizAttemptFinished) e).attempt()).toList();
    assertThat(attempts.get(0)).isEqualTo(attempts.get(1)).isNotEqualTo(attempts.get(2));
  }

  @Test
  void aScoreBelowTheThresholdFailsAndExtraCreditIsClampedToOne() {
    bridge.accept(score(7.9, 10.0, "FullyGraded"));
    bridge.accept(score(12.0, 10.0, null));

    assertThat(tracked).extracting(e -> ((QuizAttemptFinished) e).passed()).containsExactly(false, true);
    assertThat(((QuizAttemptFinished) tracked.get(1)).scoreScaled()).isEqualTo(1.0);
  }

  @Test
  void scoresWithoutAFinalScoreAreSkipped() {
    bridge.accept(score(null, 10.0, "FullyGraded"));
    bridge.accept(score(5.0, null, "FullyGraded"));
    bridge.accept(score(5.0, 0.0, "FullyGraded"));
    bridge.accept(score(5.0, 10.0, "PendingManual"));

    assertThat(tracked).isEmpty();
    assertThat(bridge.skipped()).isEqualTo(4);
  }

  @Test
  void aDeepLinkSelectionIsCountedAndLoggedAtDebugWithoutTitlesOrUrls() {
    List<LogRecord> records = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger(TrackerLtiEvents.class.getName());
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(capture);
    try {
      bridge.accept(new DeepLinkSelection(AT, Side.PLATFORM, ISS, "dep-1", ACTOR, "course-1",
          List.of(new DeepLinkSelection.Item("ltiResourceLink", "Quiz 3", URI.create("https://tool.example/quiz-3")))));
    } finally {
      logger.removeHandler(capture);
      logger.setLevel(before);
    }

    assertThat(tracked).isEmpty();
    assertThat(bridge.deepLinkSelections()).isEqualTo(1);
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.FINE);
      assertThat(r.getMessage()).contains("course-1", "1 item(s)", "ltiResourceLink")
          .doesNotContain("Quiz 3", "tool.example", ACTOR);
    });
  }

  @Test
  void thePassThresholdMustBeAScaledScore() {
    assertThatThrownBy(() -> TrackerLtiEvents.builder(recording).passThreshold(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> TrackerLtiEvents.builder(recording).passThreshold(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
