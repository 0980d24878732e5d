package org.learntrace.sdk;

import java.util.List;
import java.util.Objects;

/**
 * The learner reached the completion threshold.
 *
 * @param occurrence when and how
 * @param learner the teacher
 * @param module the course and module
 * @param video the video
 * @param sessionId the player session, or null
 * @param time the position in seconds
 * @param playedSegments what has been played so far in this session
 * @param progress fraction of the video watched, in [0, 1]
 * @param length the video's length in seconds
 */
public record VideoCompleted(
    Occurrence occurrence,
    Person learner,
    CourseModule module,
    String video,
    String sessionId,
    double time,
    List<PlayedSegment> playedSegments,
    double progress,
    double length)
    implements VideoEvent {

  public VideoCompleted {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(learner, "learner");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(video, "video");
    playedSegments = playedSegments == null ? List.of() : List.copyOf(playedSegments);
  }
}
