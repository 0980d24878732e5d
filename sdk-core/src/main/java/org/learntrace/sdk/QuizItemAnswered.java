package org.learntrace.sdk;

import java.util.List;
import java.util.Objects;

/**
 * A learner answered one quiz item.
 *
 * @param occurrence when and how
 * @param learner the teacher
 * @param module the course and module
 * @param quiz the quiz id
 * @param attempt the attempt id
 * @param item the item id
 * @param interaction the xAPI interaction type, e.g. {@code choice}, {@code fill-in}
 * @param response the response in xAPI response pattern form; scanned for never-send content
 * @param success whether it was correct, or null
 * @param score the item score, or null
 */
public record QuizItemAnswered(
    Occurrence occurrence,
    Person learner,
    CourseModule module,
    String quiz,
    String attempt,
    String item,
    String interaction,
    String response,
    Boolean success,
    Double score)
    implements LearningEvent {

  public QuizItemAnswered {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(learner, "learner");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(quiz, "quiz");
    Objects.requireNonNull(item, "item");
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
