package org.learntrace.xapi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.mapping.Vocabulary;

/** Statements from players naming the platform's activities by their canonical IRIs. */
class StatementEventsTest {
  static final String PLATFORM = "https://platform.example.org";
  static final String HOME = "https://platform.example.org/id";
  static final Agent AMINA = Agent.ofAccount(HOME, "amina");
  static final EventMapper MAPPER = EventMapper.create(CourseCatalog.empty(PLATFORM));
  static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");

  static String statement(String verb, String object, String type, String extra) {
    return "{\"actor\":{\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"amina\"}},"
        + "\"verb\":{\"id\":\"" + verb + "\"},\"object\":{\"id\":\"" + object + "\",\"definition\":{\"type\":\"" + type + "\"}},"
        + "\"result\":{\"extensions\":{\"https://w3id.org/xapi/video/extensions/time\":12.5},\"response\":\"b\",\"success\":true},"
        + "\"context\":{" + extra + "\"extensions\":{\"" + StatementEvents.COURSE + "\":\"ags\",\"" + StatementEvents.MODULE
        + "\":\"m3\"}},\"timestamp\":\"2026-03-14T11:59:00.000Z\"}";
  }

  static Object event(String json, EventMapper ids) throws EventItems.Invalid {
    return StatementEvents.toEvent(XapiJson.readStatement(json), "$", Person.teacher("amina"), AMINA, ClockSkew.NONE, NOW, ids);
  }

  @Test
  void aCanonicalVideoIriIsReadBackToTheLocalIdAndMapsToTheSameIriAgain() throws Exception {
    String canonical = PLATFORM + "/courses/ags/videos/m3-intro";
    String json = statement(Vocabulary.PLAYED, canonical, Vocabulary.VIDEO_TYPE, "");

    VideoPlayed played = (VideoPlayed) event(json, MAPPER);
    assertThat(played.video()).isEqualTo("m3-intro");
    assertThat(MAPPER.toStatement(java.util.UUID.randomUUID(), played, XapiVersion.V2_0_0).object())
        .extracting(o -> ((org.learntrace.xapi.Activity) o).id()).isEqualTo(canonical);

    assertThat(((VideoPlayed) event(json, null)).video()).as("without activityIds the IRI is the id").isEqualTo(canonical);
    String external = "https://videos.example.net/counting.mp4";
    assertThat(((VideoPlayed) event(statement(Vocabulary.PLAYED, external, Vocabulary.VIDEO_TYPE, ""), MAPPER)).video())
        .as("an external video keeps its IRI").isEqualTo(external);
  }

  @Test
  void canonicalQuizAndItemIrisAreReadBackToLocalIds() throws Exception {
    String quiz = PLATFORM + "/courses/ags/quizzes/quiz-3";
    String json = statement(Vocabulary.ANSWERED, quiz + "/items/q%201", "http://adlnet.gov/expapi/activities/cmi.interaction",
        "\"contextActivities\":{\"parent\":[{\"id\":\"" + quiz + "\"}]},");
    QuizItemAnswered answered = (QuizItemAnswered) event(json, MAPPER);
    assertThat(answered.quiz()).isEqualTo("quiz-3");
    assertThat(answered.item()).isEqualTo("q 1");
    assertThat(answered.module()).isEqualTo(CourseModule.of("ags", "m3"));
  }
}
