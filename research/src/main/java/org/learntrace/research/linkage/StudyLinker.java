package org.learntrace.research.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.learntrace.research.data.CsvTableReader;
import org.learntrace.research.data.CsvTableReader.ReadResult;
import org.learntrace.research.data.CsvTableReader.Row;
import org.learntrace.research.data.RowError;
import org.learntrace.research.data.StudyRecords.CostItem;
import org.learntrace.research.data.StudySchema;
import org.learntrace.research.data.TableSchema;
import org.learntrace.research.engagement.EngagementMeasures;

/**
 * Links a study directory ({@link StudySchema}'s layout) into a {@link LinkedStudy}.
 *
 * <p>Every assessment row must resolve to exactly one school: its {@code class_id} must be in
 * {@code classes.csv}; a {@code school_id} it carries must agree with the class's school; the
 * student's class for that wave in {@code student_classes.csv}, when present, must be the same
 * class. A row that fails is reported (file, line, column, rule) and left out. Link tables are
 * checked for foreign keys the same way. Assessments stream; only the link tables and one entry
 * per student are held.
 */
public final class StudyLinker {
  private StudyLinker() {}

  private static final int MAX_PROBLEMS = 1000;

  /**
   * Links the study in {@code dir}.
   *
   * @param engagement the engagement measures from the statements, or null when there are none
   * @param progress told the number of assessment rows read so far, every 10,000 rows
   */
  public static LinkedStudy link(Path dir, EngagementMeasures engagement, java.util.function.LongConsumer progress)
      throws IOException {
    return new Run(dir, engagement, progress).run();
  }

  private static final class Run {
    final Path dir;
    final EngagementMeasures engagement;
    final java.util.function.LongConsumer progress;
    final List<ReadResult> reads = new ArrayList<>();
    final List<RowError> problems = new ArrayList<>();
    long problemCount;

    final Map<String, String> divisionName = new HashMap<>();
    final Map<String, String> districtDivision = new HashMap<>();
    final Map<String, String> upazilaDistrict = new HashMap<>();
    final Map<String, Integer> schoolIndex = new HashMap<>();
    final List<String> schoolIds = new ArrayList<>();
    final List<Boolean> schoolTreated = new ArrayList<>();
    final List<String> schoolUpazila = new ArrayList<>();
    final Map<String, Integer> classSchool = new HashMap<>();
    final Map<String, Integer> classGrade = new HashMap<>();
    final Map<String, Integer> teacherIndex = new HashMap<>();
    final List<String> teacherIds = new ArrayList<>();
    final List<Integer> teacherSchool = new ArrayList<>();
    final List<String> teacherGender = new ArrayList<>();
    final List<String> teacherDevice = new ArrayList<>();
    final Map<String, Integer> classTeacher = new HashMap<>();
    final Map<String, String[]> studentClass = new HashMap<>();

    Run(Path dir, EngagementMeasures engagement, java.util.function.LongConsumer progress) {
      this.dir = dir;
      this.engagement = engagement;
      this.progress = progress;
    }

    void problem(String file, long line, String column, String rule, String detail) {
      problemCount++;
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(new RowError(file, line, column, rule, detail));
      }
    }

    void read(String folder, TableSchema schema, Consumer<Row> rows) throws IOException {
      Path p = folder == null ? dir.resolve(schema.fileName()) : dir.resolve(folder).resolve(schema.fileName());
      if (!Files.exists(p)) {
        reads.add(new ReadResult(schema.fileName(), 0, 0, 1,
            List.of(new RowError(schema.fileName(), 0, "", "file-missing", "expected " + dir.relativize(p)))));
        return;
      }
      reads.add(CsvTableReader.read(p, schema, rows));
    }

    LinkedStudy run() throws IOException {
      String l = StudySchema.LINKS;
      read(l, StudySchema.DIVISIONS, r -> divisionName.put(r.get("division_id"), r.get("division_name")));
      read(l, StudySchema.DISTRICTS, r -> {
        if (fk(r, "division_id", divisionName.containsKey(r.get("division_id")), "divisions")) {
          districtDivision.put(r.get("district_id"), r.get("division_id"));
        }
      });
      read(l, StudySchema.UPAZILAS, r -> {
        if (fk(r, "district_id", districtDivision.containsKey(r.get("district_id")), "districts")) {
          upazilaDistrict.put(r.get("upazila_id"), r.get("district_id"));
        }
      });
      read(l, StudySchema.SCHOOLS, r -> {
        if (fk(r, "upazila_id", upazilaDistrict.containsKey(r.get("upazila_id")), "upazilas")) {
          schoolIndex.put(r.get("school_id"), schoolIds.size());
          schoolIds.add(r.get("school_id"));
          schoolTreated.add("treatment".equals(r.get("arm")));
          schoolUpazila.add(r.get("upazila_id"));
        }
      });
      read(l, StudySchema.CLASSES, r -> {
        Integer s = schoolIndex.get(r.get("school_id"));
        if (fk(r, "school_id", s != null, "schools")) {
          classSchool.put(r.get("class_id"), s);
          classGrade.put(r.get("class_id"), Integer.parseInt(r.get("grade")));
        }
      });
      read(l, StudySchema.TEACHERS, r -> {
        Integer s = schoolIndex.get(r.get("school_id"));
        if (fk(r, "school_id", s != null, "schools")) {
          teacherIndex.put(r.get("teacher_id"), teacherIds.size());
          teacherIds.add(r.get("teacher_id"));
          teacherSchool.add(s);
          teacherGender.add(r.get("gender"));
          teacherDevice.add(r.get("device"));
        }
      });
      read(l, StudySchema.TEACHER_CLASSES, r -> {
        Integer t = teacherIndex.get(r.get("teacher_id"));
        boolean ok = fk(r, "teacher_id", t != null, "teachers")
            & fk(r, "class_id", classSchool.containsKey(r.get("class_id")), "classes");
        if (ok && "class-teacher".equals(r.get("role"))) {
          Integer previous = classTeacher.putIfAbsent(r.get("class_id"), t);
          if (previous != null && !previous.equals(t)) {
            problem(r.file(), r.line(), "class_id", "one-class-teacher",
                "class " + r.get("class_id") + " already has class teacher " + teacherIds.get(previous));
          }
        }
      });
      read(l, StudySchema.STUDENT_CLASSES, r -> {
        if (fk(r, "class_id", classSchool.containsKey(r.get("class_id")), "classes")) {
          String[] byWave = studentClass.computeIfAbsent(r.get("student_id"), k -> new String[2]);
          byWave[waveIndex(r.get("wave"))] = r.get("class_id");
        }
      });
      Students students = new Students();
      int items = itemCount(dir.resolve(StudySchema.OUTCOMES).resolve("assessments.csv"));
      long[] rows = {0, 0};
      read(StudySchema.OUTCOMES, StudySchema.assessments(items), r -> {
        rows[0]++;
        if (resolve(r, students)) {
          rows[1]++;
        }
        if (rows[0] % 10_000 == 0) {
          progress.accept(rows[0]);
        }
      });
      progress.accept(rows[0]);
      studentClass.clear();
      double[] selfReport = new double[teacherIds.size()];
      Arrays.fill(selfReport, Double.NaN);
      long[] selfMatched = {0};
      read(StudySchema.SURVEY, StudySchema.SELF_REPORT, r -> {
        Integer t = teacherIndex.get(r.get("teacher_id"));
        if (fk(r, "teacher_id", t != null, "teachers")) {
          selfReport[t] = r.getDouble("modules_reported");
          selfMatched[0]++;
        }
      });
      List<CostItem> costs = new ArrayList<>();
      read(null, StudySchema.COST_LEDGER, r -> costs.add(new CostItem(r.get("item"), r.get("category"), r.get("basis"),
          r.getDouble("amount_usd"), r.getDouble("low_usd"), r.getDouble("high_usd"), r.getInt("constant_year", 0),
          r.get("note") == null ? "" : r.get("note"))));
      return assemble(students, selfReport, selfMatched[0], costs, items, rows);
    }

    boolean fk(Row r, String column, boolean present, String table) {
      if (!present) {
        problem(r.file(), r.line(), column, "foreign-key", "'" + r.get(column) + "' is not in " + table + ".csv");
      }
      return present;
    }

    int waveIndex(String wave) {
      return "baseline".equals(wave) ? 0 : 1;
    }

    boolean resolve(Row r, Students students) {
      String classId = r.get("class_id");
      Integer school = classSchool.get(classId);
      if (school == null) {
        problem(r.file(), r.line(), "class_id", "unresolved-school",
            "class '" + classId + "' is not in classes.csv, so the row has no school");
        return false;
      }
      String schoolId = r.get("school_id");
      if (schoolId != null && !schoolId.equals(schoolIds.get(school))) {
        problem(r.file(), r.line(), "school_id", "ambiguous-school", "row says school '" + schoolId
            + "' but class '" + classId + "' is in school '" + schoolIds.get(school) + "'");
        return false;
      }
      int wave = waveIndex(r.get("wave"));
      String studentId = r.get("student_id");
      String[] linked = studentClass.get(studentId);
      if (linked != null && linked[wave] != null && !linked[wave].equals(classId)) {
        Integer otherSchool = classSchool.get(linked[wave]);
        if (!school.equals(otherSchool)) {
          problem(r.file(), r.line(), "class_id", "ambiguous-school", "student_classes.csv puts student '" + studentId
              + "' in class '" + linked[wave] + "' (another school) at " + r.get("wave"));
          return false;
        }
        problem(r.file(), r.line(), "class_id", "class-mismatch", "student_classes.csv puts student '" + studentId
            + "' in class '" + linked[wave] + "', the row says '" + classId + "' (same school; row kept)");
      } else if (linked == null || linked[wave] == null) {
        problem(r.file(), r.line(), "student_id", "student-not-linked", "student '" + studentId
            + "' has no " + r.get("wave") + " row in student_classes.csv (resolved through the class; row kept)");
      }
      Integer teacher = classTeacher.get(classId);
      String teacherId = r.get("teacher_id");
      if (teacherId != null && (teacher == null || !teacherIds.get(teacher).equals(teacherId))) {
        problem(r.file(), r.line(), "teacher_id", "teacher-mismatch", "row names teacher '" + teacherId
            + "' but the class teacher of '" + classId + "' is "
            + (teacher == null ? "unknown" : "'" + teacherIds.get(teacher) + "'") + " (row kept)");
      }
      int idx = students.index(studentId, school, teacher == null ? -1 : teacher, r.get("learner_gender"),
          classGrade.get(classId));
      if (students.school[idx] != school) {
        problem(r.file(), r.line(), "class_id", "ambiguous-school", "student '" + studentId
            + "' was resolved to another school at the other wave");
        return false;
      }
      students.set(idx, wave, r.getInt("total", -1));
      return true;
    }

    LinkedStudy assemble(Students st, double[] selfReport, long selfMatched, List<CostItem> costs, int items, long[] rows) {
      int nt = teacherIds.size();
      double[] started = new double[nt];
      double[] completed = new double[nt];
      boolean[] has = new boolean[nt];
      long treatedTeachers = 0;
      long treatedWith = 0;
      long unmatched = 0;
      int modules = 0;
      if (engagement != null) {
        for (String id : engagement.teacherIds()) {
          if (!teacherIndex.containsKey(id)) {
            unmatched++;
          }
        }
        for (EngagementMeasures.TeacherModule m : engagement.teacherModuleRows()) {
          if (m.moduleNumber() != Integer.MAX_VALUE) {
            modules = Math.max(modules, m.moduleNumber());
          }
        }
      }
      for (int t = 0; t < nt; t++) {
        boolean treated = schoolTreated.get(teacherSchool.get(t));
        started[t] = Double.NaN;
        completed[t] = Double.NaN;
        if (!treated) {
          continue;
        }
        treatedTeachers++;
        EngagementMeasures.Teacher m = engagement == null ? null : engagement.teacher(teacherIds.get(t));
        if (m != null) {
          has[t] = true;
          treatedWith++;
          started[t] = m.modulesStarted();
          completed[t] = m.modulesCompleted();
        } else if (engagement != null) {
          started[t] = 0;
          completed[t] = 0;
        }
      }
      int ns = st.size;
      long both = 0;
      long one = 0;
      for (int i = 0; i < ns; i++) {
        boolean a = !Double.isNaN(st.pre[i]);
        boolean b = !Double.isNaN(st.post[i]);
        if (a && b) {
          both++;
        } else {
          one++;
        }
      }
      int nSchools = schoolIds.size();
      boolean[] treatedArr = new boolean[nSchools];
      String[] division = new String[nSchools];
      String[] upazila = new String[nSchools];
      for (int s = 0; s < nSchools; s++) {
        treatedArr[s] = schoolTreated.get(s);
        upazila[s] = schoolUpazila.get(s);
        division[s] = divisionName.get(districtDivision.get(upazilaDistrict.get(upazila[s])));
      }
      LinkageReport report = new LinkageReport(reads, problems, problemCount, rows[0], rows[1], both, one, nt,
          treatedTeachers, treatedWith, engagement == null ? 0 : engagement.teacherIds().size(), unmatched, selfMatched);
      return new LinkedStudy(List.copyOf(schoolIds), treatedArr, division, upazila, List.copyOf(teacherIds),
          teacherSchool.stream().mapToInt(Integer::intValue).toArray(), teacherGender.toArray(String[]::new),
          teacherDevice.toArray(String[]::new), started, completed, selfReport, has, st.ids(),
          Arrays.copyOf(st.school, ns), Arrays.copyOf(st.teacher, ns), Arrays.copyOf(st.gender, ns),
          Arrays.copyOf(st.grade, ns), Arrays.copyOf(st.pre, ns), Arrays.copyOf(st.post, ns), items,
          modules == 0 ? 9 : modules, List.copyOf(costs), report);
    }
  }

  static int itemCount(Path assessments) throws IOException {
    if (!Files.exists(assessments)) {
      return 0;
    }
    try (BufferedReader r = Files.newBufferedReader(assessments, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        return 0;
      }
      int n = 0;
      while (header.contains(StudySchema.itemColumn(n + 1))) {
        n++;
      }
      return n;
    }
  }

  /** Growable column arrays, one entry per student. */
  private static final class Students {
    final Map<String, Integer> index = new HashMap<>();
    final List<String> idList = new ArrayList<>();
    int size;
    int[] school = new int[1024];
    int[] teacher = new int[1024];
    String[] gender = new String[1024];
    int[] grade = new int[1024];
    double[] pre = new double[1024];
    double[] post = new double[1024];

    int index(String id, int schoolIdx, int teacherIdx, String g, int gr) {
      Integer i = index.get(id);
      if (i != null) {
        return i;
      }
      if (size == school.length) {
        int n = size * 2;
        school = Arrays.copyOf(school, n);
        teacher = Arrays.copyOf(teacher, n);
        gender = Arrays.copyOf(gender, n);
        grade = Arrays.copyOf(grade, n);
        pre = Arrays.copyOf(pre, n);
        post = Arrays.copyOf(post, n);
      }
      school[size] = schoolIdx;
      teacher[size] = teacherIdx;
      gender[size] = g.intern();
      grade[size] = gr;
      pre[size] = Double.NaN;
      post[size] = Double.NaN;
      index.put(id, size);
      idList.add(id);
      return size++;
    }

    void set(int i, int wave, int total) {
      if (wave == 0) {
        pre[i] = total;
      } else {
        post[i] = total;
      }
    }

    List<String> ids() {
      return idList;
    }
  }
}
