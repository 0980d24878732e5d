package org.learntrace.sdk;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Attendance of a teacher at a face-to-face training day.
 *
 * @param occurrence when and how
 * @param participant the teacher
 * @param module the course (and module) the training belongs to
 * @param trainingSession the training session id
 * @param date the training day
 * @param present whether the teacher attended
 * @param venue where, or null
 */
public record AttendanceRecorded(
    Occurrence occurrence,
    Person participant,
    CourseModule module,
    String trainingSession,
    LocalDate date,
    boolean present,
    Location venue)
    implements LearningEvent {

  public AttendanceRecorded {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(participant, "participant");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(date, "date");
  }

  @Override
  public EventFamily family() {
    return EventFamily.ATTENDANCE;
  }

  @Override
  public List<Person> subjects() {
    return List.of(participant);
  }
}
