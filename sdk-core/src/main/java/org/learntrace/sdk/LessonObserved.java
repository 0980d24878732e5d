package org.learntrace.sdk;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A lesson observation: an observer scored a teacher's lesson on a rubric.
 *
 * @param occurrence when and how
 * @param teacher the teacher observed
 * @param observer the observer
 * @param module the course the study belongs to
 * @param location the class and school
 * @param rubric the rubric id
 * @param rubricVersion the rubric version
 * @param date the day of the lesson
 * @param indicators the indicator scores
 * @param total the total score
 */
public record LessonObserved(
    Occurrence occurrence,
    Person teacher,
    Person observer,
    CourseModule module,
    Location location,
    String rubric,
    String rubricVersion,
    LocalDate date,
    List<IndicatorScore> indicators,
    double total)
    implements LearningEvent {

  public LessonObserved {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(rubric, "rubric");
    indicators = indicators == null ? List.of() : List.copyOf(indicators);
  }

  @Override
  public EventFamily family() {
    return EventFamily.OBSERVATION;
  }

  @Override
  public List<Person> subjects() {
    return List.of(teacher);
  }

  /**
   * One rubric indicator's score.
   *
   * @param indicator the indicator id
   * @param score the score
   * @param max the maximum
   */
  public record IndicatorScore(String indicator, double score, double max) {}
}
