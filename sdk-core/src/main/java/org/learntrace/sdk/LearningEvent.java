package org.learntrace.sdk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Something that happened in a course player or a classroom, handed to {@link Tracker#track}.
 *
 * <p>Every event carries an {@link Occurrence}: when it happened on the device, when the platform
 * received it, the device and network, and an optional natural key from which its id is derived.
 * Events hold local ids in clear; the pipeline pseudonymises them per destination before they are
 * written to the outbox, and the fields on the never-send list never reach the outbox at all.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ModuleLifecycle.class, name = "module-lifecycle"),
  @JsonSubTypes.Type(value = VideoPlayed.class, name = "video-played"),
  @JsonSubTypes.Type(value = VideoPaused.class, name = "video-paused"),
  @JsonSubTypes.Type(value = VideoSeeked.class, name = "video-seeked"),
  @JsonSubTypes.Type(value = VideoCompleted.class, name = "video-completed"),
  @JsonSubTypes.Type(value = VideoProgressed.class, name = "video-progressed"),
  @JsonSubTypes.Type(value = QuizItemAnswered.class, name = "quiz-item-answered"),
  @JsonSubTypes.Type(value = QuizAttemptFinished.class, name = "quiz-attempt-finished"),
  @JsonSubTypes.Type(value = CommunityAction.class, name = "community-action"),
  @JsonSubTypes.Type(value = AttendanceRecorded.class, name = "attendance-recorded"),
  @JsonSubTypes.Type(value = SupportVisitRecorded.class, name = "support-visit-recorded"),
  @JsonSubTypes.Type(value = SurveyAnswered.class, name = "survey-answered"),
  @JsonSubTypes.Type(value = AssessmentResultRecorded.class, name = "assessment-result-recorded"),
  @JsonSubTypes.Type(value = LessonObserved.class, name = "lesson-observed"),
  @JsonSubTypes.Type(value = ConsentWithdrawn.class, name = "consent-withdrawn")
})
public sealed interface LearningEvent
    permits ModuleLifecycle,
        VideoEvent,
        QuizItemAnswered,
        QuizAttemptFinished,
        CommunityAction,
        AttendanceRecorded,
        SupportVisitRecorded,
        SurveyAnswered,
        AssessmentResultRecorded,
        LessonObserved,
        ConsentWithdrawn {

  /** When and where it happened; never null. */
  Occurrence occurrence();

  /** The family a policy switches on, off or samples. */
  EventFamily family();

  /** The course and module whose policy applies; never null. */
  CourseModule module();

  /** The people whose data this is: each must have consent when the policy requires it. */
  List<Person> subjects();
}
