package org.learntrace.research.linkage;

import java.util.List;
import org.learntrace.research.data.StudyRecords.CostItem;

/**
 * A study with every outcome linked teacher ↔ class ↔ student ↔ school ↔ upazila ↔ district ↔
 * division, in compact column arrays (one index per school, teacher and student) so that national
 * scale fits in a small heap. Missing numbers are NaN.
 *
 * @param schoolIds school ids by school index
 * @param schoolTreated arm by school index
 * @param schoolDivision division name by school index
 * @param schoolUpazila upazila id by school index
 * @param teacherIds teacher ids by teacher index
 * @param teacherSchool school index by teacher index
 * @param teacherGender gender by teacher index
 * @param teacherDevice device by teacher index
 * @param teacherModulesStarted logged modules started (NaN: no statements, or comparison arm)
 * @param teacherModulesCompleted logged modules completed (0 for treated teachers without statements; NaN in the comparison arm)
 * @param teacherSelfReport self-reported modules (NaN when absent)
 * @param teacherHasStatements whether the teacher appears in the statements
 * @param studentIds student ids by student index
 * @param studentSchool school index
 * @param studentTeacher class teacher index (-1 when unknown)
 * @param studentGender learner gender
 * @param studentGrade grade
 * @param pre baseline total (NaN when missing)
 * @param post endline total (NaN when missing)
 * @param maxScore the test's maximum total
 * @param modules modules in the course (the highest module number seen, or 9)
 * @param costs the cost ledger
 * @param report the linkage report
 */
public record LinkedStudy(
    List<String> schoolIds,
    boolean[] schoolTreated,
    String[] schoolDivision,
    String[] schoolUpazila,
    List<String> teacherIds,
    int[] teacherSchool,
    String[] teacherGender,
    String[] teacherDevice,
    double[] teacherModulesStarted,
    double[] teacherModulesCompleted,
    double[] teacherSelfReport,
    boolean[] teacherHasStatements,
    List<String> studentIds,
    int[] studentSchool,
    int[] studentTeacher,
    String[] studentGender,
    int[] studentGrade,
    double[] pre,
    double[] post,
    int maxScore,
    int modules,
    List<CostItem> costs,
    LinkageReport report) {

  /** Schools. */
  public int schoolCount() {
    return schoolIds.size();
  }

  /** Students with at least one resolved wave. */
  public int studentCount() {
    return studentIds.size();
  }

  /** Whether student {@code i} is in a treated school. */
  public boolean treated(int i) {
    return schoolTreated[studentSchool[i]];
  }
}
