package org.learntrace.sdk;

import java.util.Objects;

/**
 * The learner started or resumed playing.
 *
 * @param occurrence when and how
 * @param learner the teacher
 * @param module the course and module
 * @param video the video
 * @param sessionId the player session, or null
 * @param time the position in seconds
 */
public record VideoPlayed(
    Occurrence occurrence, Person learner, CourseModule module, String video, String sessionId, double time)
    implements VideoEvent {

  public VideoPlayed {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(learner, "learner");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(video, "video");
  }
}
