package org.learntrace.xapi.collector;

import static org.learntrace.xapi.mapping.Vocabulary.ANSWERED;
import static org.learntrace.xapi.mapping.Vocabulary.COMPLETED;
import static org.learntrace.xapi.mapping.Vocabulary.FAILED;
import static org.learntrace.xapi.mapping.Vocabulary.LENGTH;
import static org.learntrace.xapi.mapping.Vocabulary.PASSED;
import static org.learntrace.xapi.mapping.Vocabulary.PAUSED;
import static org.learntrace.xapi.mapping.Vocabulary.PLAYED;
import static org.learntrace.xapi.mapping.Vocabulary.PLAYED_SEGMENTS;
import static org.learntrace.xapi.mapping.Vocabulary.PROGRESS;
import static org.learntrace.xapi.mapping.Vocabulary.SEEKED;
import static org.learntrace.xapi.mapping.Vocabulary.SESSION_ID;
import static org.learntrace.xapi.mapping.Vocabulary.TIME;
import static org.learntrace.xapi.mapping.Vocabulary.TIME_FROM;
import static org.learntrace.xapi.mapping.Vocabulary.TIME_TO;
import static org.learntrace.xapi.mapping.Vocabulary.VIDEO_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PlayedSegment;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.VideoCompleted;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.sdk.VideoSeeked;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.mapping.EventMapper;

/**
 * The xAPI statements from players the collector turns into sdk-core events: the ADL Video Profile
 * (played, paused, seeked, completed of a video) and quiz items and attempts (answered; passed or
 * failed). Anything else is refused with the reason, never guessed at. The conventions are in
 * {@code xapi-adapter/README.md} ("Collector"): the course and module come from two LearnTrace
 * context extensions, the quiz of an answer from {@code context.contextActivities.parent}, the
 * attempt from {@code context.registration}, the device time from {@code timestamp}; the statement
 * id becomes the event's natural key, so a re-sent statement is the same event.
 */
final class StatementEvents {
  static final String COURSE = "https://learntrace.org/xapi/extensions/course";
  static final String MODULE = "https://learntrace.org/xapi/extensions/module";
  static final String NATURAL_KEY_PREFIX = "xapi-statement:";

  private StatementEvents() {}

  /** The event a valid statement {@code s} from {@code caller} stands for. */
  static LearningEvent toEvent(Statement s, String path, Person caller, Agent expectedActor, ClockSkew skew,
      Instant receivedAt, EventMapper ids) throws EventItems.Invalid {
    if (!(s.actor() instanceof Agent a) || !sameAgent(a, expectedActor)) {
      throw new EventItems.Invalid(path + ".actor", "actor-mismatch",
          "the statement's actor must be the signed-in user, " + org.learntrace.xapi.XapiJson.toJson(expectedActor));
    }
    if (s.timestamp() == null) {
      throw new EventItems.Invalid(path + ".timestamp", "required", "the collector needs the device time of the statement");
    }
    if (!(s.object() instanceof Activity object)) {
      throw new EventItems.Invalid(path + ".object", "unsupported-statement", "the object must be an Activity");
    }
    Context c = s.context();
    Extensions cx = c == null ? null : c.extensions();
    String course = text(cx, COURSE);
    if (course == null) {
      throw new EventItems.Invalid(path + ".context.extensions", "required",
          "the course id must be given in the context extension " + COURSE);
    }
    CourseModule cm = CourseModule.of(course, text(cx, MODULE));
    Instant deviceTime = s.timestamp().instant();
    Instant corrected;
    try {
      corrected = skew.correct(deviceTime);
    } catch (java.time.DateTimeException e) {
      throw new EventItems.Invalid(path + ".timestamp", "range", "the device time corrected by the device's clock"
          + " offset " + skew.offset() + " (header " + StatementCollector.SENT_AT_HEADER + ") is out of range");
    }
    Occurrence occ = new Occurrence(corrected, receivedAt, null,
        s.id() == null ? null : NATURAL_KEY_PREFIX + s.id(), skew.record(deviceTime, Map.of()));
    Extensions rx = s.result() == null ? null : s.result().extensions();
    String verb = s.verb().id();
    String session = text(cx, SESSION_ID);
    String videoId = ids == null ? object.id() : ids.videoId(course, object.id());
    boolean video = object.definition() != null && VIDEO_TYPE.equals(object.definition().type());
    switch (verb) {
      case PLAYED:
        return new VideoPlayed(occ, caller, cm, videoId, session, number(rx, TIME, path, true));
      case PAUSED:
        return new VideoPaused(occ, caller, cm, videoId, session, number(rx, TIME, path, true),
            segments(rx, path), number(rx, PROGRESS, path, false));
      case SEEKED:
        return new VideoSeeked(occ, caller, cm, videoId, session, number(rx, TIME_FROM, path, true),
            number(rx, TIME_TO, path, true));
      case COMPLETED:
        if (!video) {
          break;
        }
        return new VideoCompleted(occ, caller, cm, videoId, session, number(rx, TIME, path, true),
            segments(rx, path), number(rx, PROGRESS, path, false), cx == null || cx.get(LENGTH) == null ? 0
                : numberIn(cx, LENGTH, path + ".context.extensions"));
      case ANSWERED: {
        List<Activity> parents = c == null || c.contextActivities() == null ? List.of() : c.contextActivities().parent();
        if (parents.isEmpty()) {
          throw new EventItems.Invalid(path + ".context.contextActivities.parent", "required",
              "an answer needs its quiz as the parent activity");
        }
        Result r = s.result();
        String interaction = object.definition() == null || object.definition().interactionType() == null ? null
            : object.definition().interactionType().text();
        String quiz = ids == null ? parents.get(0).id() : ids.quizId(course, parents.get(0).id());
        String item = ids == null ? object.id() : ids.quizItemId(course, quiz, object.id());
        return new QuizItemAnswered(occ, caller, cm, quiz, attempt(c), item, interaction,
            r == null ? null : r.response(), r == null ? null : r.success(),
            r == null || r.score() == null ? null : r.score().raw());
      }
      case PASSED:
      case FAILED: {
        Result r = s.result();
        if (r == null || r.score() == null || r.score().scaled() == null) {
          throw new EventItems.Invalid(path + ".result.score.scaled", "required", "a finished attempt needs its scaled score");
        }
        Duration d = r.duration() == null ? null : r.duration().toDuration();
        return new QuizAttemptFinished(occ, caller, cm, ids == null ? object.id() : ids.quizId(course, object.id()), attempt(c), r.score().scaled(), PASSED.equals(verb), d);
      }
      default:
        break;
    }
    throw new EventItems.Invalid(path + ".verb.id", "unsupported-statement", "the collector converts Video Profile"
        + " played/paused/seeked/completed and quiz answered/passed/failed statements, not " + verb
        + (COMPLETED.equals(verb) ? " of an activity that is not of type " + VIDEO_TYPE : "")
        + "; send an sdk-core event instead");
  }

  private static boolean sameAgent(Agent a, Agent b) {
    return java.util.Objects.equals(a.account(), b.account()) && java.util.Objects.equals(a.mbox(), b.mbox())
        && java.util.Objects.equals(a.openid(), b.openid()) && java.util.Objects.equals(a.mboxSha1sum(), b.mboxSha1sum());
  }

  private static String attempt(Context c) {
    return c == null || c.registration() == null ? null : c.registration().toString();
  }

  private static String text(Extensions x, String key) {
    JsonNode v = x == null ? null : x.get(key);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }

  private static double number(Extensions x, String key, String path, boolean required) throws EventItems.Invalid {
    if (x == null || x.get(key) == null) {
      if (required) {
        throw new EventItems.Invalid(path + ".result.extensions", "required", "the result extension " + key + " is required");
      }
      return 0;
    }
    return numberIn(x, key, path + ".result.extensions");
  }

  private static double numberIn(Extensions x, String key, String where) throws EventItems.Invalid {
    JsonNode v = x.get(key);
    if (!v.isNumber()) {
      throw new EventItems.Invalid(where + "['" + key + "']", "type", "must be a number, was " + v);
    }
    return v.asDouble();
  }

  /** The Video Profile's played-segments, {@code "0[.]5.5[,]8[.]12"}. */
  private static List<PlayedSegment> segments(Extensions x, String path) throws EventItems.Invalid {
    String text = text(x, PLAYED_SEGMENTS);
    List<PlayedSegment> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split("\\[,\\]")) {
      String[] ends = part.split("\\[\\.\\]");
      try {
        out.add(new PlayedSegment(Double.parseDouble(ends[0]), Double.parseDouble(ends[1])));
      } catch (RuntimeException e) {
        throw new EventItems.Invalid(path + ".result.extensions['" + PLAYED_SEGMENTS + "']", "format",
            "played segments are start[.]end pairs joined by [,], was \"" + text + "\"");
      }
    }
    return out;
  }
}
