package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.learntrace.lti.research.TrackerLtiEvents;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.InMemorySink;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.TrackedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our platform launches our tool over real HTTP; the tool's research port is {@link TrackerLtiEvents},
 * which tracks into a real {@link LearnTrace} (durable outbox in a temporary directory) delivering to
 * an {@link InMemorySink}.
 */
class ResearchBridgeEndToEndTest {
  private static final List<String> PERSONAL = List.of("Rahima", "Begum", "rahima@example.org", "pics.example");
  private static final byte[] STUDY_KEY = "study-key-for-the-lti-bridge-0123".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path outbox;
  private final InMemorySink sink = new InMemorySink("research");
  private LearnTrace learnTrace;
  private TrackerLtiEvents bridge;
  private LtiWorld world;

  private void start() {
    learnTrace = LearnTrace.builder()
        .setOutboxDirectory(outbox)
        .setPseudonymKey("k1", STUDY_KEY)
        .addSink(sink)
        .setBatching(50, 1 << 20, Duration.ofMillis(2))
        .setBackoff(Duration.ofMillis(1), Duration.ofMillis(20))
        .setPolicyPollInterval(Duration.ZERO)
        .setMetricsLogInterval(Duration.ZERO)
        .setShutdownTimeout(Duration.ofSeconds(10))
        .build();
    bridge = TrackerLtiEvents.builder(learnTrace.tracker()).passThreshold(0.6).build();
    world = new LtiWorld(bridge);
  }

  @AfterEach
  void close() {
    if (world != null) {
      world.close();
    }
    if (learnTrace != null) {
      learnTrace.close();
    }
  }

  private String actorOf(String userId) {
    return new Pseudonyms(LtiWorld.KEY).actor(world.issuer, userId);
  }

  private void consent(String userId) {
    learnTrace.consent().grant(bridge.person(actorOf(userId), ResearchRole.LEARNER), "research", 1);
  }

  @Test
  void aLaunchAndItsScoreReachTheSinkWithThePseudonymousActorAndNoPersonalClaims() throws Exception {
    start();
    consent("u-17");
    new Browser().navigate(world.hostLaunch("l1", world.learnerLaunch("u-17").withLineItem(20)));
    LtiLaunch launch = world.received.get(0);
    assertThat(launch.person().name()).as("the launch carried a name for display").isEqualTo("Rahima Begum");
    world.tool.services().publishScore(launch, launch.ags().lineItem(), new AdvantageServices.Score("u-17", 15.0, 20.0,
        "Completed", "FullyGraded", Instant.now(), null));

    assertThat(learnTrace.flush(Duration.ofSeconds(30))).isTrue();

    List<TrackedEvent> got = sink.received();
    assertThat(got).hasSize(2);
    String actor = actorOf("u-17");
    ModuleLifecycle launched = (ModuleLifecycle) got.get(0).event();
    assertThat(launched.step()).isEqualTo(ModuleLifecycle.Step.LAUNCHED);
    assertThat(launched.learner()).isEqualTo(new Person(Person.Role.TEACHER, TrackerLtiEvents.DEFAULT_ID_SPACE, actor, true));
    assertThat(launched.module()).isEqualTo(CourseModule.of(LtiWorld.CONTEXT, "module-3"));
    assertThat(UUID.fromString(launched.registration()).toString()).isEqualTo(launched.registration());
    assertThat(launched.occurrence().attributes()).containsEntry(TrackerLtiEvents.ROLE_ATTRIBUTE, "LEARNER");
    QuizAttemptFinished quiz = (QuizAttemptFinished) got.get(1).event();
    assertThat(quiz.learner().id()).isEqualTo(actor);
    assertThat(quiz.learner().pseudonymous()).isTrue();
    assertThat(quiz.module()).isEqualTo(CourseModule.of(LtiWorld.CONTEXT, "module-3"));
    assertThat(quiz.quiz()).isEqualTo(launch.ags().lineItem().toString());
    assertThat(quiz.scoreScaled()).isEqualTo(0.75);
    assertThat(quiz.passed()).as("0.75 against a threshold of 0.6").isTrue();
    assertThat(quiz.attempt()).isNotBlank();
    assertThat(bridge.launchesTracked()).isEqualTo(1);
    assertThat(bridge.scoresTracked()).isEqualTo(1);

    String json = got.get(0).eventJson() + got.get(1).eventJson();
    assertThat(json).contains(actor).doesNotContain("u-17");
    PERSONAL.forEach(p -> assertThat(json).as("stored event JSON must not contain %s", p).doesNotContain(p));
    String stored = outboxBytes();
    assertThat(stored).as("the outbox holds the launch").contains(actor);
    PERSONAL.forEach(p -> assertThat(stored).as("outbox files must not contain %s", p).doesNotContain(p));
  }

  @Test
  void aLaunchOfSomeoneWithoutConsentIsFilteredBySdkCore() throws Exception {
    start();
    new Browser().navigate(world.hostLaunch("l1", world.learnerLaunch("u-18")));

    assertThat(learnTrace.flush(Duration.ofSeconds(30))).isTrue();

    assertThat(world.received).hasSize(1);
    assertThat(bridge.launchesTracked()).isEqualTo(1);
    assertThat(sink.received()).isEmpty();
    assertThat(learnTrace.metrics().filtered(FilterReason.NO_CONSENT)).isEqualTo(1);
  }

  @Test
  void aScoreBelowTheThresholdIsAFailedAttempt() throws Exception {
    start();
    consent("u-19");
    new Browser().navigate(world.hostLaunch("l1", world.learnerLaunch("u-19").withLineItem(20)));
    LtiLaunch launch = world.received.get(0);
    world.tool.services().publishScore(launch, launch.ags().lineItem(), new AdvantageServices.Score("u-19", 11.0, 20.0,
        "Completed", "FullyGraded", Instant.now(), null));

    assertThat(learnTrace.flush(Duration.ofSeconds(30))).isTrue();

    QuizAttemptFinished quiz = sink.received().stream().map(TrackedEvent::event)
        .filter(QuizAttemptFinished.class::isInstance).map(QuizAttemptFinished.class::cast).findFirst().orElseThrow();
    assertThat(quiz.scoreScaled()).isEqualTo(0.55);
    assertThat(quiz.passed()).as("0.55 against a threshold of 0.6").isFalse();
  }

  private String outboxBytes() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(outbox)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
