package org.learntrace.sdk;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A student's result on a classroom assessment, entered by an assessor (students never use the
 * platform). Carries no free text: children's free text is on the never-send list.
 *
 * @param occurrence when and how
 * @param student the student
 * @param teacher the student's teacher
 * @param assessor who administered the test, or null
 * @param module the course the study belongs to
 * @param location the class, school and their administrative units
 * @param gender the student's gender, or null
 * @param grade the grade
 * @param arm the study arm, e.g. {@code treatment}
 * @param wave baseline or endline
 * @param instrument the instrument id
 * @param instrumentVersion the instrument version
 * @param form the test form, or null
 * @param date the test day
 * @param items per-item scores
 * @param total the total score, or null
 * @param scaled the scaled score, or null
 */
public record AssessmentResultRecorded(
    Occurrence occurrence,
    Person student,
    Person teacher,
    Person assessor,
    CourseModule module,
    Location location,
    Gender gender,
    int grade,
    String arm,
    Wave wave,
    String instrument,
    String instrumentVersion,
    String form,
    LocalDate date,
    List<ItemScore> items,
    Double total,
    Double scaled)
    implements LearningEvent {

  public AssessmentResultRecorded {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(student, "student");
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(wave, "wave");
    Objects.requireNonNull(instrument, "instrument");
    items = items == null ? List.of() : List.copyOf(items);
  }

  @Override
  public EventFamily family() {
    return EventFamily.ASSESSMENT;
  }

  @Override
  public List<Person> subjects() {
    return List.of(student);
  }

  /** The student's gender as recorded by the school. */
  public enum Gender {
    FEMALE,
    MALE,
    OTHER
  }

  /** The assessment wave. */
  public enum Wave {
    BASELINE,
    ENDLINE
  }

  /**
   * One item's score.
   *
   * @param item the item id
   * @param score the score, or null when missing
   * @param max the maximum score
   * @param missingCode why the score is missing, or null
   */
  public record ItemScore(String item, Double score, double max, String missingCode) {}
}
