package org.learntrace.sdk;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A support visit to a teacher by a headteacher or an education officer.
 *
 * @param occurrence when and how
 * @param teacher the teacher visited
 * @param visitor the headteacher or officer
 * @param module the course the support belongs to
 * @param school where
 * @param date the day of the visit
 * @param purpose a coded purpose (not free text), or null
 */
public record SupportVisitRecorded(
    Occurrence occurrence,
    Person teacher,
    Person visitor,
    CourseModule module,
    Location school,
    LocalDate date,
    String purpose)
    implements LearningEvent {

  public SupportVisitRecorded {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(visitor, "visitor");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(date, "date");
  }

  @Override
  public EventFamily family() {
    return EventFamily.SUPPORT_VISIT;
  }

  @Override
  public List<Person> subjects() {
    return List.of(teacher, visitor);
  }
}
