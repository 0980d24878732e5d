package org.learntrace.sdk;

import java.util.List;

/**
 * An event of the ADL Video Profile: played, paused, seeked, completed, or a progress heartbeat.
 * Times are seconds from the start of the video.
 */
public sealed interface VideoEvent extends LearningEvent
    permits VideoPlayed, VideoPaused, VideoSeeked, VideoCompleted, VideoProgressed {

  /** The teacher watching. */
  Person learner();

  /** The video's id or IRI. */
  String video();

  /** The player session, or null. */
  String sessionId();

  @Override
  default EventFamily family() {
    return EventFamily.VIDEO;
  }

  @Override
  default List<Person> subjects() {
    return List.of(learner());
  }
}
