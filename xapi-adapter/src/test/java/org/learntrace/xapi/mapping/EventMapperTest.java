package org.learntrace.xapi.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.learntrace.sdk.AssessmentResultRecorded;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.LessonObserved;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PlayedSegment;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.InteractionType;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.XapiVersion;

/** What each kind of event becomes, checked IRI by IRI against DOMAIN.md §3. */
class EventMapperTest {
  private static final UUID ID = UUID.fromString("5d3c8f0e-8a6b-4c7e-9b1f-3e2d1c0b9a87");
  private static final Instant AT = Instant.parse("2026-03-14T09:26:53.589Z");
  private static final CourseModule M3 = CourseModule.of("ags", "m3");
  private final EventMapper mapper = EventMapper.create(TestCatalogs.AGS);

  private static Person pseudonymous(Person.Role role, String pseudonym) {
    return new Person(role, null, pseudonym, true);
  }

  private static final Person TEACHER = pseudonymous(Person.Role.TEACHER, "Zk3qTeacherPseudonym");
  private static final Location CLASS_2B = new Location("Rangpur", "Gaibandha", "Saghata", null, "SchoolPseudonym", "ClassPseudonym");

  @Test
  void aPauseFollowsTheVideoProfileWithPlayedSegmentsInItsFormat() {
    Occurrence at = new Occurrence(AT, null, new Device(Device.DeviceClass.PHONE, Device.NetworkType.CELLULAR_3G, true, 52_000L, null, null, null), "k-1", Map.of());
    Statement s = mapper.toStatement(ID, new VideoPaused(at, TEACHER, M3, "m3-v1", "sess-9", 45,
        List.of(new PlayedSegment(0, 12.5), new PlayedSegment(30, 45)), 0.18), XapiVersion.V1_0_3);

    assertThat(s.id()).isEqualTo(ID);
    assertThat(s.timestamp().text()).isEqualTo("2026-03-14T09:26:53.589Z");
    assertThat(s.verb().id()).isEqualTo("https://w3id.org/xapi/video/verbs/paused");
    Activity video = (Activity) s.object();
    assertThat(video.id()).isEqualTo("https://muktopaath.gov.bd/xapi/courses/ags/videos/m3-v1");
    assertThat(video.definition().type()).isEqualTo("https://w3id.org/xapi/video/activity-type/video");
    assertThat(video.definition().name().get("en-US")).isEqualTo("Counting objects");
    assertThat(video.definition().name().get("bn-BD")).isEqualTo("বস্তু গণনা");
    assertThat(s.result().extensions().get("https://w3id.org/xapi/video/extensions/played-segments").asText()).isEqualTo("0[.]12.5[,]30[.]45");
    assertThat(s.result().extensions().get("https://w3id.org/xapi/video/extensions/progress").asDouble()).isEqualTo(0.18);
    assertThat(s.result().extensions().get("https://w3id.org/xapi/video/extensions/time").asDouble()).isEqualTo(45);
    var context = s.context().extensions();
    assertThat(context.get("https://w3id.org/xapi/video/extensions/session-id").asText()).isEqualTo("sess-9");
    assertThat(context.get("https://w3id.org/xapi/video/extensions/length").asDouble()).isEqualTo(312.5);
    assertThat(context.get("https://w3id.org/xapi/video/extensions/completion-threshold").asDouble()).isEqualTo(0.9);
    assertThat(context.get("https://learntrace.org/xapi/extensions/device-class").asText()).isEqualTo("phone");
    assertThat(context.get("https://learntrace.org/xapi/extensions/network").asText()).isEqualTo("cellular-3g");
    assertThat(context.get("https://learntrace.org/xapi/extensions/synced-late").asBoolean()).isTrue();
    assertThat(context.get("https://learntrace.org/xapi/extensions/bytes").asLong()).isEqualTo(52_000L);
    assertThat(context.get("https://learntrace.org/xapi/extensions/natural-key").asText()).isEqualTo("k-1");
    assertThat(s.context().contextActivities().category()).extracting(Activity::id)
        .containsExactly("https://w3id.org/xapi/video", "https://learntrace.org/xapi/profile/v1.0");
    assertThat(s.context().contextActivities().parent()).extracting(Activity::id)
        .containsExactly("https://muktopaath.gov.bd/xapi/courses/ags/modules/m3");
    assertThat(s.context().contextActivities().grouping()).extracting(Activity::id)
        .containsExactly("https://muktopaath.gov.bd/xapi/courses/ags", "https://muktopaath.gov.bd/xapi/studies/3mpower");
  }

  @Test
  void aTeacherIsAnAccountUnderTheConfiguredIdSpaceHomePage() {
    Statement s = mapper.toStatement(ID, new VideoPlayed(Occurrence.at(AT), TEACHER, M3, "m3-v1", null, 0), XapiVersion.V2_0_0);
    assertThat(s.actor()).isEqualTo(Agent.ofAccount("https://muktopaath.gov.bd/xapi/teachers", "Zk3qTeacherPseudonym"));
    assertThat(s.context().extensions().containsKey("https://learntrace.org/xapi/extensions/roles")).isFalse();
  }

  @Test
  void anEntryTheCatalogLacksStillMapsWithoutAName() {
    Statement s = mapper.toStatement(ID, new VideoPlayed(Occurrence.at(AT), TEACHER, CourseModule.of("unknown-course", "x"), "v/9", null, 3), XapiVersion.V1_0_3);
    Activity video = (Activity) s.object();
    assertThat(video.id()).isEqualTo("https://muktopaath.gov.bd/xapi/courses/unknown-course/videos/v%2F9");
    assertThat(video.definition().name()).isNull();
    assertThat(video.definition().type()).isEqualTo("https://w3id.org/xapi/video/activity-type/video");
    assertThat(s.context().extensions()).as("no length, no session, nothing else known").isNull();
  }

  @Test
  void aPassedModuleIsCmi5WithMoveOnMasteryScoreSessionAndRegistration() {
    UUID enrolment = UUID.fromString("0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d");
    Statement s = mapper.toStatement(ID, new ModuleLifecycle(Occurrence.at(AT), TEACHER, M3, ModuleLifecycle.Step.PASSED,
        enrolment.toString(), "launch-7", 0.85, Duration.ofMinutes(42)), XapiVersion.V1_0_3);
    assertThat(s.verb().id()).isEqualTo("http://adlnet.gov/expapi/verbs/passed");
    assertThat(((Activity) s.object()).id()).isEqualTo("https://muktopaath.gov.bd/xapi/courses/ags/modules/m3");
    assertThat(s.context().registration()).isEqualTo(enrolment);
    assertThat(s.context().contextActivities().category()).extracting(Activity::id).containsExactly(
        "https://w3id.org/xapi/cmi5/context/categories/cmi5", "https://w3id.org/xapi/cmi5/context/categories/moveon",
        "https://learntrace.org/xapi/profile/v1.0");
    assertThat(s.context().extensions().get("https://w3id.org/xapi/cmi5/context/extensions/sessionid").asText()).isEqualTo("launch-7");
    assertThat(s.context().extensions().get("https://w3id.org/xapi/cmi5/context/extensions/masteryscore").asDouble()).isEqualTo(0.8);
    assertThat(s.result().success()).isTrue();
    assertThat(s.result().score().scaled()).isEqualTo(0.85);
    assertThat(s.result().duration().text()).isEqualTo("PT42M");
  }

  @Test
  void aQuizItemIsACmiInteractionWithTheCatalogsChoicesWhenTheTypesAgree() {
    Statement s = mapper.toStatement(ID, new QuizItemAnswered(Occurrence.at(AT), TEACHER, M3, "m3-quiz", "att-1", "q1",
        "choice", "b", true, 1.0), XapiVersion.V1_0_3);
    Activity item = (Activity) s.object();
    assertThat(item.definition().type()).isEqualTo("http://adlnet.gov/expapi/activities/cmi.interaction");
    assertThat(item.definition().interactionType()).isEqualTo(InteractionType.CHOICE);
    assertThat(item.definition().choices()).extracting(c -> c.id()).containsExactly("a", "b");
    assertThat(item.definition().correctResponsesPattern()).containsExactly("b");
    assertThat(s.result().response()).isEqualTo("b");
    assertThat(s.result().success()).isTrue();
    assertThat(s.context().contextActivities().parent()).extracting(Activity::id).containsExactly(
        "https://muktopaath.gov.bd/xapi/courses/ags/modules/m3", "https://muktopaath.gov.bd/xapi/courses/ags/quizzes/m3-quiz");

    Statement other = mapper.toStatement(ID, new QuizItemAnswered(Occurrence.at(AT), TEACHER, M3, "m3-quiz", "att-1", "q1",
        "fill-in", "5", true, 1.0), XapiVersion.V1_0_3);
    assertThat(((Activity) other.object()).definition().choices()).isEmpty();
    assertThat(((Activity) other.object()).definition().name().get("bn-BD")).isEqualTo("কয়টি আম?");
  }

  @Test
  void aRepliedActionUsesTheTinCanReplyVerbAndTheRepliedPostAsParent() {
    Statement s = mapper.toStatement(ID, new CommunityAction(Occurrence.at(AT), TEACHER, M3, "group-4", CommunityAction.Verb.REPLIED,
        "post-9", "post-8"), XapiVersion.V1_0_3);
    assertThat(s.verb().id()).isEqualTo("http://id.tincanapi.com/verb/replied");
    assertThat(s.context().contextActivities().parent()).extracting(Activity::id)
        .contains("https://muktopaath.gov.bd/xapi/courses/ags/posts/post-8");
  }

  private AssessmentResultRecorded assessment() {
    return new AssessmentResultRecorded(Occurrence.at(AT), pseudonymous(Person.Role.STUDENT, "StudentPseudonym"), TEACHER,
        pseudonymous(Person.Role.OBSERVER, "AssessorPseudonym"), CourseModule.course("ags"), CLASS_2B,
        AssessmentResultRecorded.Gender.FEMALE, 2, "treatment", AssessmentResultRecorded.Wave.ENDLINE, "egma-25", "v2", "A",
        LocalDate.of(2026, 2, 10), List.of(new AssessmentResultRecorded.ItemScore("i1", 1.0, 1, null)), 18.0, 0.72);
  }

  @Test
  void anAssessmentLinksStudentTeacherClassAndSchool() {
    Statement s = mapper.toStatement(ID, assessment(), XapiVersion.V2_0_0);
    assertThat(s.actor()).isEqualTo(Agent.ofAccount("https://muktopaath.gov.bd/xapi/id/student", "StudentPseudonym"));
    assertThat(s.verb().id()).isEqualTo("http://adlnet.gov/expapi/verbs/attempted");
    assertThat(((Activity) s.object()).id()).isEqualTo("https://muktopaath.gov.bd/xapi/courses/ags/instruments/egma-25/waves/endline");
    assertThat(s.context().instructor()).isEqualTo(Agent.ofAccount("https://muktopaath.gov.bd/xapi/teachers", "Zk3qTeacherPseudonym"));
    assertThat(s.context().team().account().homePage()).isEqualTo("https://muktopaath.gov.bd/xapi/id/class");
    assertThat(s.context().team().account().name()).isEqualTo("ClassPseudonym");
    assertThat(s.context().revision()).isEqualTo("v2");
    assertThat(s.context().contextActivities().grouping()).extracting(Activity::id).contains(
        "https://muktopaath.gov.bd/xapi/schools/SchoolPseudonym", "https://muktopaath.gov.bd/xapi/upazilas/Saghata",
        "https://muktopaath.gov.bd/xapi/districts/Gaibandha", "https://muktopaath.gov.bd/xapi/divisions/Rangpur",
        "https://muktopaath.gov.bd/xapi/waves/endline", "https://muktopaath.gov.bd/xapi/courses/ags/arms/treatment",
        "https://muktopaath.gov.bd/xapi/studies/3mpower");
    assertThat(s.result().score().raw()).isEqualTo(18.0);
    assertThat(s.result().score().scaled()).isEqualTo(0.72);
    assertThat(s.context().contextAgents()).extracting(a -> a.relevantTypes().get(0)).containsExactly(
        "https://learntrace.org/xapi/roles/teacher", "https://learntrace.org/xapi/roles/assessor");
    assertThat(s.context().contextGroups()).singleElement().satisfies(g -> assertThat(g.group()).isEqualTo(s.context().team()));
  }

  @Test
  void anAssessmentFor103HasNoContextAgentsAndCarriesTheAssessorInAnExtension() {
    Statement s = mapper.toStatement(ID, assessment(), XapiVersion.V1_0_3);
    assertThat(s.context().usesVersion2Properties()).isFalse();
    assertThat(s.context().extensions().get("https://learntrace.org/xapi/extensions/assessor").path("name").asText())
        .isEqualTo("AssessorPseudonym");
  }

  @Test
  void anObservationHasTheObserverAsActorAndTheTeacherAsInstructor() {
    Statement s = mapper.toStatement(ID, new LessonObserved(Occurrence.at(AT), TEACHER, pseudonymous(Person.Role.OBSERVER, "Obs"),
        CourseModule.course("ags"), CLASS_2B, "lesson-obs", "1.1", LocalDate.of(2026, 2, 11),
        List.of(new LessonObserved.IndicatorScore("uses-materials", 3, 4)), 3), XapiVersion.V1_0_3);
    assertThat(s.actor()).isEqualTo(Agent.ofAccount("https://muktopaath.gov.bd/xapi/id/observer", "Obs"));
    assertThat(s.verb().id()).isEqualTo("https://learntrace.org/xapi/verbs/observed");
    assertThat(((Activity) s.object()).id()).isEqualTo("https://muktopaath.gov.bd/xapi/lessons/ClassPseudonym/2026-02-11");
    assertThat(s.context().instructor()).isEqualTo(Agent.ofAccount("https://muktopaath.gov.bd/xapi/teachers", "Zk3qTeacherPseudonym"));
    assertThat(s.context().contextActivities().other()).singleElement()
        .satisfies(r -> assertThat(r.definition().name().get("en-US")).isEqualTo("Lesson observation rubric"));
  }

  @Test
  void aConsentWithdrawalIsAStatementTheSinkRecognises() {
    Statement s = mapper.toStatement(ID, new ConsentWithdrawn(Occurrence.at(AT), TEACHER, CourseModule.course("ags"), "research"), XapiVersion.V1_0_3);
    assertThat(EventMapper.isConsentWithdrawal(s)).isTrue();
    assertThat(s.verb().id()).isEqualTo(EventMapper.CONSENT_WITHDRAWN_VERB);
    assertThat(((Activity) s.object()).id()).isEqualTo("https://muktopaath.gov.bd/xapi/courses/ags/consent/research");
    assertThat(s.actor()).isEqualTo(Agent.ofAccount("https://muktopaath.gov.bd/xapi/teachers", "Zk3qTeacherPseudonym"));
    assertThat(EventMapper.isConsentWithdrawal(mapper.toStatement(ID, new VideoPlayed(Occurrence.at(AT), TEACHER, M3, "v", null, 0), XapiVersion.V1_0_3))).isFalse();
  }

  @Test
  void anIdSpaceThatIsNoIriAndHasNoHomePageIsRejectedByName() {
    Person odd = new Person(Person.Role.TEACHER, "teachers of dhaka", "p", true);
    assertThatThrownBy(() -> mapper.toStatement(ID, new VideoPlayed(Occurrence.at(AT), odd, M3, "v", null, 0), XapiVersion.V1_0_3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor.idSpace").hasMessageContaining("teachers of dhaka");
  }

  @Test
  void aNegativeDurationIsRejectedByName() {
    assertThatThrownBy(() -> mapper.toStatement(ID, new ModuleLifecycle(Occurrence.at(AT), TEACHER, M3, ModuleLifecycle.Step.TERMINATED,
        null, null, null, Duration.ofSeconds(-1)), XapiVersion.V1_0_3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
  }

  @Test
  void aScaledScoreOutOfRangeIsRejectedByTheValidator() {
    assertThatThrownBy(() -> mapper.toStatement(ID, new ModuleLifecycle(Occurrence.at(AT), TEACHER, M3, ModuleLifecycle.Step.PASSED,
        null, null, 1.5, null), XapiVersion.V1_0_3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.result.score.scaled");
  }

  @Test
  void theReaderRejectsAStatementLearnTraceDoesNotWrite() {
    Statement foreign = Statement.builder().id(ID).actor(Agent.ofMbox("mailto:a@example.org"))
        .verb(Verb.of("http://adlnet.gov/expapi/verbs/experienced")).object(Activity.of("https://example.org/a")).timestamp(AT).build();
    assertThatThrownBy(() -> EventReader.create(TestCatalogs.AGS).toEvent(foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://adlnet.gov/expapi/verbs/experienced");
  }
}
