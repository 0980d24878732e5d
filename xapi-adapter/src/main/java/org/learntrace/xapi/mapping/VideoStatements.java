package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PlayedSegment;
import org.learntrace.sdk.VideoCompleted;
import org.learntrace.sdk.VideoEvent;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.sdk.VideoProgressed;
import org.learntrace.sdk.VideoSeeked;

/**
 * ADL Video Profile statements: played, paused, seeked, completed, and the progress heartbeat as
 * {@code interacted}. Object = the video (type {@code …/video/activity-type/video}); result
 * extensions {@code time}, {@code time-from}, {@code time-to}, {@code progress} and
 * {@code played-segments} ({@code "0[.]12.5[,]30[.]45"}); context extensions {@code session-id},
 * {@code length} (the event's, else the catalog's) and {@code completion-threshold} (catalog).
 */
final class VideoStatements {
  private VideoStatements() {}

  static void map(VideoEvent e, StatementDraft d) {
    CourseModule cm = e.module();
    d.actor(e.learner(), Person.Role.TEACHER);
    d.occurrence(e.occurrence());
    d.object(d.videoActivity(cm.course(), e.video()));
    d.courseContext(cm);
    d.category(VIDEO_PROFILE);
    d.contextExtension(SESSION_ID, e.sessionId());
    CourseCatalog.VideoInfo info = d.catalog.video(cm.course(), e.video());
    Double length = info == null ? null : info.length();
    if (e instanceof VideoPlayed p) {
      d.verb(PLAYED);
      d.resultExtension(TIME, p.time());
    } else if (e instanceof VideoPaused p) {
      d.verb(PAUSED);
      watched(d, p.time(), p.progress(), p.playedSegments());
    } else if (e instanceof VideoSeeked s) {
      d.verb(SEEKED);
      d.resultExtension(TIME_FROM, s.timeFrom());
      d.resultExtension(TIME_TO, s.timeTo());
    } else if (e instanceof VideoCompleted c) {
      d.verb(COMPLETED);
      d.completion(true);
      watched(d, c.time(), c.progress(), c.playedSegments());
      length = c.length();
    } else if (e instanceof VideoProgressed p) {
      d.verb(INTERACTED);
      watched(d, p.time(), p.progress(), p.playedSegments());
      length = p.length();
    }
    d.contextExtension(LENGTH, length);
    d.contextExtension(COMPLETION_THRESHOLD, info == null ? null : info.completionThreshold());
  }

  private static void watched(StatementDraft d, double time, double progress, List<PlayedSegment> segments) {
    d.resultExtension(TIME, time);
    d.resultExtension(PROGRESS, progress);
    d.resultExtension(PLAYED_SEGMENTS, TextNode.valueOf(segments(segments)));
  }

  static LearningEvent read(String verb, StatementFacts f) {
    CourseModule cm = f.courseModule();
    Person learner = f.actor(Person.Role.TEACHER);
    String video = f.iris.videoId(cm.course(), f.object().id());
    String session = f.contextText(SESSION_ID);
    return switch (verb) {
      case PLAYED -> new VideoPlayed(f.occurrence(), learner, cm, video, session, f.resultDouble(TIME));
      case PAUSED -> new VideoPaused(f.occurrence(), learner, cm, video, session, f.resultDouble(TIME),
          segments(f), f.resultDouble(PROGRESS));
      case SEEKED -> new VideoSeeked(f.occurrence(), learner, cm, video, session, f.resultDouble(TIME_FROM),
          f.resultDouble(TIME_TO));
      case COMPLETED -> new VideoCompleted(f.occurrence(), learner, cm, video, session, f.resultDouble(TIME),
          segments(f), f.resultDouble(PROGRESS), length(f));
      default -> new VideoProgressed(f.occurrence(), learner, cm, video, session, f.resultDouble(TIME),
          segments(f), f.resultDouble(PROGRESS), length(f));
    };
  }

  private static double length(StatementFacts f) {
    Double length = f.contextDouble(LENGTH);
    if (length == null) {
      throw new IllegalArgumentException("context.extensions['" + LENGTH + "'] is required");
    }
    return length;
  }

  /** The Video Profile's form: {@code start[.]end} pairs joined by {@code [,]}; "" when none. */
  static String segments(List<PlayedSegment> segments) {
    StringBuilder b = new StringBuilder();
    for (PlayedSegment s : segments) {
      if (b.length() > 0) {
        b.append("[,]");
      }
      b.append(number(s.start())).append("[.]").append(number(s.end()));
    }
    return b.toString();
  }

  /** Plain decimal (never 1.0E-5), the shortest that reads back as the same double. */
  static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static List<PlayedSegment> segments(StatementFacts f) {
    JsonNode n = f.resultNode(PLAYED_SEGMENTS);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("result.extensions['" + PLAYED_SEGMENTS + "'] must be a string");
    }
    List<PlayedSegment> out = new ArrayList<>();
    if (n.textValue().isEmpty()) {
      return out;
    }
    for (String part : n.textValue().split("\\[,]")) {
      int dot = part.indexOf("[.]");
      if (dot < 0) {
        throw new IllegalArgumentException("played segment \"" + part + "\" must be start[.]end");
      }
      out.add(new PlayedSegment(Double.parseDouble(part.substring(0, dot)), Double.parseDouble(part.substring(dot + 3))));
    }
    return out;
  }
}
