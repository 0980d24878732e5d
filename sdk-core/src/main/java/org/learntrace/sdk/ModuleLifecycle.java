package org.learntrace.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A cmi5-style step in a learner's progress through a module: launched, initialized, completed,
 * passed, failed, abandoned, waived, terminated, or (for a course) satisfied.
 *
 * @param occurrence when and how
 * @param learner the teacher taking the module
 * @param module the course and module
 * @param step which lifecycle step
 * @param registration the enrolment id, or null
 * @param sessionId the launch session, or null
 * @param scoreScaled the score in [-1, 1] for passed/failed, or null
 * @param duration time in the session for completed/passed/failed/terminated, or null
 */
public record ModuleLifecycle(
    Occurrence occurrence,
    Person learner,
    CourseModule module,
    Step step,
    String registration,
    String sessionId,
    Double scoreScaled,
    Duration duration)
    implements LearningEvent {

  public ModuleLifecycle {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(learner, "learner");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(step, "step");
  }

  /** A step with no score or duration. */
  public static ModuleLifecycle of(Occurrence at, Person learner, CourseModule module, Step step, String sessionId) {
    return new ModuleLifecycle(at, learner, module, step, null, sessionId, null, null);
  }

  @Override
  public EventFamily family() {
    return EventFamily.MODULE_LIFECYCLE;
  }

  @Override
  public List<Person> subjects() {
    return List.of(learner);
  }

  /** The cmi5 verbs. */
  public enum Step {
    LAUNCHED,
    INITIALIZED,
    COMPLETED,
    PASSED,
    FAILED,
    ABANDONED,
    WAIVED,
    TERMINATED,
    SATISFIED
  }
}
