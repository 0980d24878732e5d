package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.AssessmentResultRecorded;
import org.learntrace.sdk.AttendanceRecorded;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.LessonObserved;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PlayedSegment;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.SupportVisitRecorded;
import org.learntrace.sdk.SurveyAnswered;
import org.learntrace.sdk.VideoCompleted;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.sdk.VideoProgressed;
import org.learntrace.sdk.VideoSeeked;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.mapping.EventReader;
import org.learntrace.xapi.sink.LrsSink;

/**
 * The mission's delivery path with nothing stubbed, for both xAPI versions: one event of every
 * kind → {@link LearnTrace} (policy, pseudonyms, durable outbox, dispatcher) → {@link LrsSink} with
 * the real {@link EventMapper} → HTTP → this LRS. Each event is stored once under its event id as
 * a valid statement, names no person in clear, and reads back into an event of the same kind,
 * moment and module.
 */
class SdkPipelineTest {
  static final Duration PATIENCE = Duration.ofSeconds(120);
  @TempDir Path dir;

  static List<LearningEvent> oneOfEach() {
    Instant t0 = Instant.parse("2026-03-14T09:00:00.000Z");
    CourseModule m3 = CourseModule.of("ags", "m3");
    Person teacher = Person.teacher("teacher-0042");
    Person student = Person.student("student-0917");
    Person observer = Person.observer("officer-07");
    Location school = new Location("Dhaka", "Gazipur", "Kaliakair", "cluster-3", "school-118", "class-2B");
    Occurrence phone = new Occurrence(t0, t0.plusSeconds(3 * 86_400),
        new Device(Device.DeviceClass.PHONE, Device.NetworkType.CELLULAR_2G, true, 48_000L, null, null, null), null, Map.of());
    List<PlayedSegment> seen = List.of(new PlayedSegment(0, 95.4));
    return List.of(
        new ModuleLifecycle(phone, teacher, m3, ModuleLifecycle.Step.INITIALIZED, "enrolment-42", "s-1", null, null),
        new VideoPlayed(Occurrence.at(t0.plusSeconds(5)), teacher, m3, "v1", "s-1", 0),
        new VideoPaused(Occurrence.at(t0.plusSeconds(100)), teacher, m3, "v1", "s-1", 95.4, seen, 0.45),
        new VideoSeeked(Occurrence.at(t0.plusSeconds(101)), teacher, m3, "v1", "s-1", 95.4, 120),
        new VideoProgressed(Occurrence.at(t0.plusSeconds(150)), teacher, m3, "v1", "s-1", 150, seen, 0.5, 212),
        new VideoCompleted(Occurrence.at(t0.plusSeconds(260)), teacher, m3, "v1", "s-1", 212,
            List.of(new PlayedSegment(0, 212)), 1.0, 212),
        new QuizItemAnswered(Occurrence.at(t0.plusSeconds(400)), teacher, m3, "q3", "a1", "i2", "choice", "b", true, 1.0),
        new QuizAttemptFinished(Occurrence.at(t0.plusSeconds(700)), teacher, m3, "q3", "a1", 0.8, true, Duration.ofMinutes(6)),
        new CommunityAction(Occurrence.at(t0.plusSeconds(900)), teacher, m3, "peer-group-7", CommunityAction.Verb.ASKED, "post-1", null),
        new AttendanceRecorded(Occurrence.at(t0.plusSeconds(1000)), teacher, m3, "f2f-week-1", LocalDate.of(2026, 3, 20), true, school),
        new SupportVisitRecorded(Occurrence.at(t0.plusSeconds(1100)), teacher, Person.headteacher("head-3"), m3, school,
            LocalDate.of(2026, 3, 22), "mentoring"),
        new SurveyAnswered(Occurrence.at(t0.plusSeconds(1200)), teacher, m3, "self-report", "modules-completed",
            "modules-completed", "5", 5.0),
        new AssessmentResultRecorded(Occurrence.at(t0.plusSeconds(1300)), student, teacher, observer, CourseModule.course("ags"),
            school, AssessmentResultRecorded.Gender.FEMALE, 2, "treatment", AssessmentResultRecorded.Wave.ENDLINE,
            "egma-25", "v2", "A", LocalDate.of(2026, 11, 2),
            List.of(new AssessmentResultRecorded.ItemScore("i1", 1.0, 1, null),
                new AssessmentResultRecorded.ItemScore("i2", null, 1, "absent")), 19.0, 0.76),
        new LessonObserved(Occurrence.at(t0.plusSeconds(1400)), teacher, observer, CourseModule.course("ags"), school,
            "tsp-rubric", "1", LocalDate.of(2026, 10, 5),
            List.of(new LessonObserved.IndicatorScore("questioning", 3, 4)), 3));
  }

  @Test
  void everyKindOfEventArrivesOnceAsAValidPseudonymousStatementIn103() throws Exception {
    deliverAndCheck(XapiVersion.V1_0_3);
  }

  @Test
  void everyKindOfEventArrivesOnceAsAValidPseudonymousStatementIn200() throws Exception {
    deliverAndCheck(XapiVersion.V2_0_0);
  }

  void deliverAndCheck(XapiVersion version) throws Exception {
    List<LearningEvent> events = oneOfEach();
    CourseCatalog catalog = CourseCatalog.empty("https://muktopaath.gov.bd");
    List<Receipt> receipts = new ArrayList<>();
    try (EmbeddedLrs lrs = EmbeddedLrs.builder().dataDirectory(dir.resolve("lrs"))
        .credential(Credential.all("sdk", "sdk-secret")).start()) {
      LrsClient client = LrsClient.builder(lrs.baseUri()).credentials(Credentials.basic("sdk", "sdk-secret"))
          .negotiateUpTo(version).build();
      assertThat(client.version()).isEqualTo(version);
      AnalyticsPolicy everything = new AnalyticsPolicy("base",
          new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null), Map.of());
      try (LearnTrace lt = LearnTrace.builder()
          .setOutboxDirectory(dir.resolve("outbox"))
          .setPseudonymKey("k1", "0123456789abcdef-learntrace-e2e".getBytes(StandardCharsets.UTF_8))
          .setBasePolicy(everything)
          .setPolicyPollInterval(Duration.ZERO)
          .setMetricsLogInterval(Duration.ZERO)
          .setShutdownTimeout(Duration.ofSeconds(30))
          .addSink(LrsSink.builder("research-lrs", client, EventMapper.create(catalog)).build())
          .build()) {
        for (LearningEvent e : events) {
          receipts.add(lt.tracker().track(e));
        }
        for (Receipt r : receipts) {
          assertThat(r.awaitStored(PATIENCE)).as("stored: %s", r.status()).isTrue();
        }
        assertThat(lt.flush(PATIENCE)).as("delivered; %s; dead letters %s", lt.metrics(), lt.deadLetters()).isTrue();
        assertThat(lt.deadLetters()).isEmpty();
      }
      StatementValidator validator = StatementValidator.forVersion(version);
      EventReader reader = EventReader.create(catalog);
      for (int i = 0; i < events.size(); i++) {
        UUID id = receipts.get(i).eventId();
        Statement stored = client.getStatement(id).orElseThrow(() -> new AssertionError("not stored: " + id));
        String json = org.learntrace.xapi.XapiJson.toJson(stored);
        assertThat(json).as("no local id in clear").doesNotContain("teacher-0042").doesNotContain("student-0917")
            .doesNotContain("school-118");
        Statement asSent = stored.withStored(null, null, null);
        assertThat(validator.validate(asSent)).as("%s", json).isEmpty();
        LearningEvent back = reader.toEvent(asSent);
        assertThat(back.getClass()).isEqualTo(events.get(i).getClass());
        assertThat(back.occurrence().occurredAt()).isEqualTo(events.get(i).occurrence().occurredAt());
        assertThat(back.module()).isEqualTo(events.get(i).module());
      }
      assertThat(client.streamStatements(org.learntrace.xapi.lrs.StatementQuery.builder().build()).count())
          .as("stored once each").isEqualTo(events.size());
    }
  }
}
