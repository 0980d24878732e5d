package org.learntrace.research.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.learntrace.research.data.TableSchema.ForeignKey;

/**
 * The documented input schema of a study directory: link tables, outcomes, the self-report
 * survey and the cost ledger. Missing values are written as an empty cell or {@code NA}.
 *
 * <p>Layout: {@code links/divisions.csv, links/districts.csv, links/upazilas.csv,
 * links/schools.csv, links/classes.csv, links/teachers.csv, links/teacher_classes.csv,
 * links/student_classes.csv, outcomes/assessments.csv, survey/self_report.csv, cost_ledger.csv}
 * and the engagement statements in {@code statements.ndjson}.
 */
public final class StudySchema {
  private StudySchema() {}

  /** The cell values read as missing. */
  public static final List<String> MISSING_VALUES = List.of("", "NA");

  /** Folder of the link tables. */
  public static final String LINKS = "links";

  /** Folder of the outcome tables. */
  public static final String OUTCOMES = "outcomes";

  /** Folder of the survey tables. */
  public static final String SURVEY = "survey";

  /** Engagement statements, one JSON statement a line. */
  public static final String STATEMENTS = "statements.ndjson";

  /** Gender codes. */
  public static final List<String> GENDERS = List.of("F", "M", "X");

  /** Device classes. */
  public static final List<String> DEVICES = List.of("phone", "tablet", "computer");

  public static final TableSchema DIVISIONS = new TableSchema("divisions", "one administrative division",
      List.of(Column.id("division_id", "division code"), Column.text("division_name", true, "division name")),
      List.of("division_id"), List.of());

  public static final TableSchema DISTRICTS = new TableSchema("districts", "one district",
      List.of(Column.id("district_id", "district code"), Column.text("district_name", true, "district name"),
          Column.id("division_id", "the division the district is in")),
      List.of("district_id"), List.of(ForeignKey.of("division_id", "divisions", "division_id")));

  public static final TableSchema UPAZILAS = new TableSchema("upazilas", "one upazila (sub-district)",
      List.of(Column.id("upazila_id", "upazila code"), Column.text("upazila_name", true, "upazila name"),
          Column.id("district_id", "the district the upazila is in")),
      List.of("upazila_id"), List.of(ForeignKey.of("district_id", "districts", "district_id")));

  public static final TableSchema SCHOOLS = new TableSchema("schools", "one school, the unit of random assignment",
      List.of(Column.id("school_id", "school pseudonym"), Column.id("upazila_id", "the upazila the school is in"),
          Column.oneOf("arm", List.of("treatment", "comparison"), "study arm the school was assigned to")),
      List.of("school_id"), List.of(ForeignKey.of("upazila_id", "upazilas", "upazila_id")));

  public static final TableSchema CLASSES = new TableSchema("classes", "one class (section) of a school",
      List.of(Column.id("class_id", "class pseudonym"), Column.id("school_id", "the school of the class"),
          Column.integer("grade", true, 1, 5, "grade of the class")),
      List.of("class_id"), List.of(ForeignKey.of("school_id", "schools", "school_id")));

  public static final TableSchema TEACHERS = new TableSchema("teachers", "one teacher",
      List.of(Column.id("teacher_id", "teacher pseudonym, equal to the xAPI account name of the teacher"),
          Column.id("school_id", "the school the teacher works in"),
          Column.oneOf("gender", GENDERS, "teacher gender (F, M, X = other or not stated)"),
          Column.oneOf("device", DEVICES, "device class the teacher mainly uses")),
      List.of("teacher_id"), List.of(ForeignKey.of("school_id", "schools", "school_id")));

  public static final TableSchema TEACHER_CLASSES = new TableSchema("teacher_classes", "one teacher's role in one class",
      List.of(Column.id("teacher_id", "teacher pseudonym"), Column.id("class_id", "class pseudonym"),
          Column.oneOf("role", List.of("class-teacher", "subject-teacher"), "the teacher's role in the class")),
      List.of("teacher_id", "class_id"),
      List.of(ForeignKey.of("teacher_id", "teachers", "teacher_id"), ForeignKey.of("class_id", "classes", "class_id")));

  public static final TableSchema STUDENT_CLASSES = new TableSchema("student_classes", "the class a student was in at one wave",
      List.of(Column.id("student_id", "student pseudonym"), Column.id("class_id", "class pseudonym"),
          Column.oneOf("wave", List.of("baseline", "endline"), "assessment wave")),
      List.of("student_id", "wave"), List.of(ForeignKey.of("class_id", "classes", "class_id")));

  public static final TableSchema SELF_REPORT = new TableSchema("self_report", "one teacher's survey answers",
      List.of(Column.id("teacher_id", "teacher pseudonym"),
          Column.number("modules_reported", true, 0, 100, "modules the teacher reports having completed")),
      List.of("teacher_id"), List.of(ForeignKey.of("teacher_id", "teachers", "teacher_id")));

  public static final TableSchema COST_LEDGER = new TableSchema("cost_ledger", "one cost line, constant-year US dollars",
      List.of(Column.id("item", "cost item"), Column.text("category", true, "J-PAL cost category"),
          Column.oneOf("basis", List.of("fixed", "per_teacher_reached", "per_treated_teacher", "per_completer"),
              "how the amount was built"),
          Column.number("amount_usd", true, 0, Double.NaN, "central estimate for the study, USD"),
          Column.number("low_usd", true, 0, Double.NaN, "low end of the sensitivity range, USD"),
          Column.number("high_usd", true, 0, Double.NaN, "high end of the sensitivity range, USD"),
          Column.integer("constant_year", true, 1990, 2100, "the year whose prices are used"),
          Column.text("note", false, "source or assumption")),
      List.of("item"), List.of());

  /** The assessments table for a test of {@code items} items. */
  public static TableSchema assessments(int items) {
    List<Column> cols = new ArrayList<>(List.of(
        Column.id("student_id", "student pseudonym"),
        Column.oneOf("wave", List.of("baseline", "endline"), "assessment wave"),
        Column.id("class_id", "class the student was assessed in"),
        Column.text("teacher_id", false, "class teacher at the time of the test (checked against the link tables)"),
        Column.text("school_id", false, "school (checked against the link tables; may be empty)"),
        Column.id("instrument_id", "test instrument"),
        Column.id("instrument_version", "instrument version"),
        Column.text("form", true, "test form"),
        Column.date("assessed_on", "date of the test (local)"),
        Column.id("assessor_id", "assessor pseudonym"),
        Column.oneOf("learner_gender", GENDERS, "learner gender"),
        Column.integer("grade", true, 1, 5, "learner's grade")));
    for (int i = 1; i <= items; i++) {
      cols.add(Column.integer(itemColumn(i), false, 0, 1, "item " + i + " score (0 or 1; missing = NA, scored 0 in total)"));
    }
    cols.add(Column.integer("total", true, 0, items, "total score, sum of the items"));
    return new TableSchema("assessments", "one student's test at one wave", cols, List.of("student_id", "wave"),
        List.of(ForeignKey.of("class_id", "classes", "class_id"), ForeignKey.of("school_id", "schools", "school_id")));
  }

  /** The name of item column {@code i} (1-based): {@code item_01}. */
  public static String itemColumn(int i) {
    return String.format(Locale.ROOT, "item_%02d", i);
  }

  /** All link tables, parents first. */
  public static List<TableSchema> linkTables() {
    return List.of(DIVISIONS, DISTRICTS, UPAZILAS, SCHOOLS, CLASSES, TEACHERS, TEACHER_CLASSES, STUDENT_CLASSES);
  }
}
