package org.learntrace.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A learner finished a quiz attempt.
 *
 * @param occurrence when and how
 * @param learner the teacher
 * @param module the course and module
 * @param quiz the quiz id
 * @param attempt the attempt id
 * @param scoreScaled the score in [-1, 1]
 * @param passed whether it passed
 * @param duration how long the attempt took, or null
 */
public record QuizAttemptFinished(
    Occurrence occurrence,
    Person learner,
    CourseModule module,
    String quiz,
    String attempt,
    double scoreScaled,
    boolean passed,
    Duration duration)
    implements LearningEvent {

  public QuizAttemptFinished {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(learner, "learner");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(quiz, "quiz");
  }

  @Override
  public EventFamily family() {
    return EventFamily.QUIZ;
  }

  @Override
  public List<Person> subjects() {
    return List.of(learner);
  }
}
