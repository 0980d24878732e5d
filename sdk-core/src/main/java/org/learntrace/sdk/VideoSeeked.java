package org.learntrace.sdk;

import java.util.Objects;

/**
 * The learner jumped within the video.
 *
 * @param occurrence when and how
 * @param learner the teacher
 * @param module the course and module
 * @param video the video
 * @param sessionId the player session, or null
 * @param timeFrom where the jump started, seconds
 * @param timeTo where it landed, seconds
 */
public record VideoSeeked(
    Occurrence occurrence,
    Person learner,
    CourseModule module,
    String video,
    String sessionId,
    double timeFrom,
    double timeTo)
    implements VideoEvent {

  public VideoSeeked {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(learner, "learner");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(video, "video");
  }
}
