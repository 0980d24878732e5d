package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PlayedSegment;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;

/**
 * The engagement reader on statements made by the SDK's xAPI mapping ({@link EventMapper}), as the
 * demo delivers them through the SDK pipeline: teacher accounts in {@link Vocabulary#TEACHER_SPACE}
 * via the catalog, modules under the platform IRI, the quiz as a second parent, the platform's
 * receipt time in {@code received-at}, and the Tin Can "replied".
 */
class EventMapperStatementsTest {
  static final Instant T = Instant.parse("2026-02-03T12:00:00Z");
  static final Instant SYNCED = Instant.parse("2026-02-10T08:30:00Z");
  static final CourseCatalog CATALOG = CourseCatalog.builder("https://muktopaath.gov.bd/xapi")
      .idSpace(Person.Role.TEACHER.defaultIdSpace(), Vocabulary.TEACHER_SPACE).build();
  static final Person TEACHER = Person.teacher("t-42");
  static final CourseModule M3 = CourseModule.of("ags", "m3");

  static EngagementEvent read(LearningEvent e) {
    Statement s = EventMapper.create(CATALOG).toStatement(UUID.randomUUID(), e, XapiVersion.V2_0_0);
    return EngagementEvent.of(s, Vocabulary.TEACHER_SPACE);
  }

  static Occurrence offline() {
    return new Occurrence(T, SYNCED, new Device(Device.DeviceClass.PHONE, Device.NetworkType.CELLULAR_2G, true, null,
        null, null, null), "k-1", java.util.Map.of());
  }

  @Test
  void aPausedVideoIsTheTeachersWithItsModuleSegmentsAndTheSyncTime() {
    EngagementEvent e = read(new VideoPaused(offline(), TEACHER, M3, "m3-v1", "s-1", 95.4,
        List.of(new PlayedSegment(0, 95.4)), 0.45));
    assertThat(e).isNotNull();
    assertThat(e.teacherId()).isEqualTo("t-42");
    assertThat(e.verb()).isEqualTo(Vocabulary.VIDEO_PAUSED);
    assertThat(e.moduleId()).isEqualTo("https://muktopaath.gov.bd/xapi/courses/ags/modules/m3");
    assertThat(EngagementMeasures.moduleNumber(e.moduleId())).isEqualTo(3);
    assertThat(e.playedSegments()).isEqualTo("0[.]95.4");
    assertThat(e.timestampMs()).isEqualTo(T.toEpochMilli());
    assertThat(e.storedMs()).as("received-at, not the LRS's stored").isEqualTo(SYNCED.toEpochMilli());
    assertThat(e.syncedLate()).isTrue();
    assertThat(e.device()).isEqualTo("phone");
  }

  @Test
  void quizAndLifecycleStatementsNameTheirModule() {
    EngagementEvent item = read(new QuizItemAnswered(Occurrence.at(T), TEACHER, M3, "m3-quiz", "a1", "q1", "choice", "b",
        true, null));
    assertThat(item.moduleId()).endsWith("/modules/m3");
    assertThat(item.success()).isTrue();
    EngagementEvent passed = read(new QuizAttemptFinished(Occurrence.at(T), TEACHER, M3, "m3-quiz", "a1", 0.8, true, null));
    assertThat(passed.verb()).isEqualTo(Vocabulary.PASSED);
    assertThat(passed.moduleId()).endsWith("/modules/m3");
    assertThat(passed.scoreScaled()).isEqualTo(0.8);
    EngagementEvent completed = read(new ModuleLifecycle(Occurrence.at(T), TEACHER, M3, ModuleLifecycle.Step.COMPLETED,
        null, null, null, null));
    assertThat(completed.verb()).isEqualTo(Vocabulary.COMPLETED);
    assertThat(completed.objectId()).isEqualTo(completed.moduleId()).endsWith("/modules/m3");
    assertThat(completed.storedMs()).as("no receipt time and no stored: unknown").isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aReplyCountsAsCommunityActivity() {
    EngagementEvent reply = read(new CommunityAction(Occurrence.at(T), TEACHER, M3, "peer-group-m3",
        CommunityAction.Verb.REPLIED, "post-2", "post-1"));
    assertThat(EngagementEvent.COMMUNITY).contains(reply.verb());
    assertThat(reply.moduleId()).endsWith("/modules/m3");
  }

  @Test
  void aStudentsStatementIsNotATeachersEngagement() {
    Statement s = EventMapper.create(CATALOG).toStatement(UUID.randomUUID(),
        new VideoPaused(Occurrence.at(T), Person.student("p-1"), M3, "m3-v1", "s-1", 1, List.of(), 0), XapiVersion.V2_0_0);
    assertThat(EngagementEvent.of(s, Vocabulary.TEACHER_SPACE)).isNull();
  }
}
