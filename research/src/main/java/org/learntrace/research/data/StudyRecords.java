package org.learntrace.research.data;

/**
 * Namespace for the row types of a study's CSV files. Each record is one row of one file; the
 * files, their columns and their rules are described by {@link StudySchema}.
 */
public final class StudyRecords {
  private StudyRecords() {}

  /** Study arm of a school (the unit of assignment). */
  public enum Arm {
    TREATMENT, COMPARISON;

    /** The CSV spelling. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses the CSV spelling. */
    public static Arm parse(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Assessment wave. */
  public enum Wave {
    BASELINE, ENDLINE;

    /** The CSV spelling. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses the CSV spelling. */
    public static Wave parse(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** {@code divisions.csv}. */
  public record Division(String divisionId, String name) {}

  /** {@code districts.csv}. */
  public record District(String districtId, String name, String divisionId) {}

  /** {@code upazilas.csv}. */
  public record Upazila(String upazilaId, String name, String districtId) {}

  /** {@code schools.csv}: the unit of assignment. */
  public record School(String schoolId, String upazilaId, Arm arm) {}

  /** {@code classes.csv}. */
  public record SchoolClass(String classId, String schoolId, int grade) {}

  /** {@code teachers.csv}: teacher attributes used for equity breakdowns. */
  public record Teacher(String teacherId, String schoolId, String gender, String device) {}

  /** {@code teacher_classes.csv}: who teaches which class, in what role. */
  public record TeacherClass(String teacherId, String classId, String role) {}

  /** {@code student_classes.csv}: the class a student was in at each wave. */
  public record StudentClass(String studentId, String classId, Wave wave) {}

  /**
   * {@code assessments.csv}: one student's test at one wave.
   *
   * @param items per-item scores; {@link #MISSING} marks a missing item
   * @param total the total of the non-missing items (missing items score 0)
   */
  public record Assessment(
      String studentId,
      Wave wave,
      String classId,
      String teacherId,
      String schoolId,
      String instrumentId,
      String instrumentVersion,
      String form,
      java.time.LocalDate assessedOn,
      String assessorId,
      String learnerGender,
      int grade,
      int[] items,
      int total) {
    /** The item value that marks a missing response. */
    public static final int MISSING = -1;
  }

  /** {@code self_report.csv}: a teacher's survey answer about modules completed. */
  public record SelfReport(String teacherId, double modulesReported) {}

  /**
   * {@code cost_ledger.csv}: one line of the cost ledger, in constant-year US dollars.
   *
   * @param amountUsd the central estimate for the whole study
   * @param lowUsd the low end of the sensitivity range
   * @param highUsd the high end of the sensitivity range
   * @param basis how the amount was built: {@code fixed}, {@code per_teacher_reached},
   *     {@code per_treated_teacher} or {@code per_completer}
   */
  public record CostItem(String item, String category, String basis, double amountUsd, double lowUsd,
      double highUsd, int constantYear, String note) {}
}
