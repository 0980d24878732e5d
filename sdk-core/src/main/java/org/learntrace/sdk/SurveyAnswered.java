package org.learntrace.sdk;

import java.util.List;
import java.util.Objects;

/**
 * A self-report survey answer, paired with the logged measure it can be compared with.
 *
 * @param occurrence when and how
 * @param respondent the teacher
 * @param module the course (and module)
 * @param survey the survey id
 * @param question the question id
 * @param pairedMeasure the logged measure this self-report is paired with (e.g.
 *     {@code modules-completed}), or null
 * @param answer a coded or short answer, or null; scanned for never-send content
 * @param value a numeric answer, or null
 */
public record SurveyAnswered(
    Occurrence occurrence,
    Person respondent,
    CourseModule module,
    String survey,
    String question,
    String pairedMeasure,
    String answer,
    Double value)
    implements LearningEvent {

  public SurveyAnswered {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(respondent, "respondent");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(question, "question");
  }

  @Override
  public EventFamily family() {
    return EventFamily.SURVEY;
  }

  @Override
  public List<Person> subjects() {
    return List.of(respondent);
  }
}
