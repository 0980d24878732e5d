package org.learntrace.research.linkage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.learntrace.research.data.CsvTableReader;
import org.learntrace.research.data.CsvTableReader.ReadResult;
import org.learntrace.research.data.CsvTableReader.Row;
import org.learntrace.research.data.RowError;
import org.learntrace.research.data.StudyRecords.CostItem;
import org.learntrace.research.data.StudySchema;
import org.learntrace.research.data.TableSchema;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.internal.KeyIndex;

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
    return linkWhileMeasuring(dir, CompletableFuture.completedFuture(engagement), progress);
  }

  /**
   * Links the study in {@code dir} while its engagement measures are still being computed: the
   * outcome and link tables are read first, and {@code engagement} is waited for only then (so a
   * caller can read statements on other threads meanwhile).
   *
   * @param engagement the engagement measures from the statements (null when there are none)
   * @param progress told the number of assessment rows read so far, every 10,000 rows
   * @throws IOException when the tables cannot be read, or computing {@code engagement} failed
   *     with one
   */
  public static LinkedStudy linkWhileMeasuring(Path dir, Future<EngagementMeasures> engagement,
      java.util.function.LongConsumer progress) throws IOException {
    return new Run(dir, engagement, progress).run();
  }

  private static EngagementMeasures await(Future<EngagementMeasures> engagement) throws IOException {
    try {
      return engagement.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the engagement measures");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IOException("computing the engagement measures failed: " + e.getCause(), e.getCause());
    }
  }

  private static final class Run {
    final Path dir;
    final Future<EngagementMeasures> pending;
    EngagementMeasures engagement;
    final java.util.function.LongConsumer progress;
    final List<ReadResult> reads = new ArrayList<>();
    final List<RowError> problems = new ArrayList<>();
    long problemCount;

    final Map<String, String> divisionName = new HashMap<>();
    final Map<String, String> districtDivision = new HashMap<>();
    final Map<String, String> upazilaDistrict = new HashMap<>();
    // Schools, classes, teachers and students are numbered by KeyIndex (no map entry or boxed
    // number per id: a national study has 500,000 students and a million outcome rows), and
    // everything known about them is kept in arrays by number.
    final KeyIndex schoolIndex = new KeyIndex();
    final List<String> schoolIds = new ArrayList<>();
    final List<Boolean> schoolTreated = new ArrayList<>();
    final List<String> schoolUpazila = new ArrayList<>();
    final KeyIndex classIndex = new KeyIndex();
    int[] classSchool = new int[1024];
    int[] classGrade = new int[1024];
    /** The class teacher by class number, or -1. */
    int[] classTeacher = new int[1024];
    final KeyIndex teacherIndex = new KeyIndex();
    final List<String> teacherIds = new ArrayList<>();
    final List<Integer> teacherSchool = new ArrayList<>();
    final List<String> teacherGender = new ArrayList<>();
    final List<String> teacherDevice = new ArrayList<>();
    /** Students of student_classes.csv and of the assessments, numbered in that order. */
    final KeyIndex studentIndex = new KeyIndex();
    /** The class number of each student at each wave in student_classes.csv, or -1; dropped after the assessments. */
    int[][] studentClass = {noClass(1024), noClass(1024)};

    Run(Path dir, Future<EngagementMeasures> engagement, java.util.function.LongConsumer progress) {
      this.dir = dir;
      this.pending = engagement;
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
          schoolIndex.add(r.get("school_id")); // the primary key makes it new: number = schoolIds.size()
          schoolIds.add(r.get("school_id"));
          schoolTreated.add("treatment".equals(r.get("arm")));
          schoolUpazila.add(r.get("upazila_id"));
        }
      });
      read(l, StudySchema.CLASSES, r -> {
        int s = schoolIndex.get(r.get("school_id"));
        if (fk(r, "school_id", s >= 0, "schools")) {
          int c = classIndex.add(r.get("class_id"));
          if (c == classSchool.length) {
            int n = c + (c >> 1);
            classSchool = Arrays.copyOf(classSchool, n);
            classGrade = Arrays.copyOf(classGrade, n);
            classTeacher = Arrays.copyOf(classTeacher, n);
          }
          classSchool[c] = s;
          classGrade[c] = Integer.parseInt(r.get("grade"));
          classTeacher[c] = -1;
        }
      });
      read(l, StudySchema.TEACHERS, r -> {
        int s = schoolIndex.get(r.get("school_id"));
        if (fk(r, "school_id", s >= 0, "schools")) {
          teacherIndex.add(r.get("teacher_id")); // new, by the primary key: number = teacherIds.size()
          teacherIds.add(r.get("teacher_id"));
          teacherSchool.add(s);
          teacherGender.add(r.get("gender"));
          teacherDevice.add(r.get("device"));
        }
      });
      read(l, StudySchema.TEACHER_CLASSES, r -> {
        int t = teacherIndex.get(r.get("teacher_id"));
        int c = classIndex.get(r.get("class_id"));
        boolean ok = fk(r, "teacher_id", t >= 0, "teachers") & fk(r, "class_id", c >= 0, "classes");
        if (ok && "class-teacher".equals(r.get("role"))) {
          int previous = classTeacher[c];
          if (previous < 0) {
            classTeacher[c] = t;
          } else if (previous != t) {
            problem(r.file(), r.line(), "class_id", "one-class-teacher",
                "class " + r.get("class_id") + " already has class teacher " + teacherIds.get(previous));
          }
        }
      });
      read(l, StudySchema.STUDENT_CLASSES, r -> {
        int c = classIndex.get(r.get("class_id"));
        if (fk(r, "class_id", c >= 0, "classes")) {
          int student = student(r.get("student_id")); // first: numbering a student may grow the arrays
          studentClass[waveIndex(r.get("wave"))][student] = c;
        }
      });
      Students students = new Students(studentIndex);
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
      studentClass = null;
      double[] selfReport = new double[teacherIds.size()];
      Arrays.fill(selfReport, Double.NaN);
      long[] selfMatched = {0};
      read(StudySchema.SURVEY, StudySchema.SELF_REPORT, r -> {
        int t = teacherIndex.get(r.get("teacher_id"));
        if (fk(r, "teacher_id", t >= 0, "teachers")) {
          selfReport[t] = r.getDouble("modules_reported");
          selfMatched[0]++;
        }
      });
      List<CostItem> costs = new ArrayList<>();
      read(null, StudySchema.COST_LEDGER, r -> costs.add(new CostItem(r.get("item"), r.get("category"), r.get("basis"),
          r.getDouble("amount_usd"), r.getDouble("low_usd"), r.getDouble("high_usd"), r.getInt("constant_year", 0),
          r.get("note") == null ? "" : r.get("note"))));
      engagement = await(pending);
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

    /** The student's number, numbering a new one (with no class at either wave yet). */
    int student(String studentId) {
      int i = studentIndex.add(studentId);
      if (studentClass != null && i == studentClass[0].length) {
        int n = i + (i >> 1);
        studentClass[0] = Arrays.copyOf(studentClass[0], n);
        studentClass[1] = Arrays.copyOf(studentClass[1], n);
        Arrays.fill(studentClass[0], i, n, -1);
        Arrays.fill(studentClass[1], i, n, -1);
      }
      return i;
    }

    boolean resolve(Row r, Students students) {
      String classId = r.get("class_id");
      int c = classIndex.get(classId);
      if (c < 0) {
        problem(r.file(), r.line(), "class_id", "unresolved-school",
            "class '" + classId + "' is not in classes.csv, so the row has no school");
        return false;
      }
      int school = classSchool[c];
      String schoolId = r.get("school_id");
      if (schoolId != null && !schoolId.equals(schoolIds.get(school))) {
        problem(r.file(), r.line(), "school_id", "ambiguous-school", "row says school '" + schoolId
            + "' but class '" + classId + "' is in school '" + schoolIds.get(school) + "'");
        return false;
      }
      int wave = waveIndex(r.get("wave"));
      String studentId = r.get("student_id");
      int s = student(studentId);
      int linked = studentClass[wave][s];
      if (linked >= 0 && linked != c) {
        String linkedId = classIndex.key(linked);
        if (school != classSchool[linked]) {
          problem(r.file(), r.line(), "class_id", "ambiguous-school", "student_classes.csv puts student '" + studentId
              + "' in class '" + linkedId + "' (another school) at " + r.get("wave"));
          return false;
        }
        problem(r.file(), r.line(), "class_id", "class-mismatch", "student_classes.csv puts student '" + studentId
            + "' in class '" + linkedId + "', the row says '" + classId + "' (same school; row kept)");
      } else if (linked < 0) {
        problem(r.file(), r.line(), "student_id", "student-not-linked", "student '" + studentId
            + "' has no " + r.get("wave") + " row in student_classes.csv (resolved through the class; row kept)");
      }
      int teacher = classTeacher[c];
      String teacherId = r.get("teacher_id");
      if (teacherId != null && (teacher < 0 || !teacherIds.get(teacher).equals(teacherId))) {
        problem(r.file(), r.line(), "teacher_id", "teacher-mismatch", "row names teacher '" + teacherId
            + "' but the class teacher of '" + classId + "' is "
            + (teacher < 0 ? "unknown" : "'" + teacherIds.get(teacher) + "'") + " (row kept)");
      }
      int idx = students.index(s, school, teacher, r.get("learner_gender"), classGrade[c]);
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
          if (teacherIndex.get(id) < 0) {
            unmatched++;
          }
        }
        for (String id : engagement.moduleIds()) {
          int number = EngagementMeasures.moduleNumber(id);
          if (number != Integer.MAX_VALUE) {
            modules = Math.max(modules, number);
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
    // lenient decoding: only the item columns are counted here; the table reader reports bytes that are not UTF-8
    try (BufferedReader r = new BufferedReader(
        new java.io.InputStreamReader(Files.newInputStream(assessments), StandardCharsets.UTF_8))) {
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

  private static int[] noClass(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  /**
   * Growable column arrays, one entry per student with a resolved outcome row, in the order of
   * their first such row.
   */
  private static final class Students {
    final KeyIndex ids;
    /** The entry of each student number ({@link Run#studentIndex}), or -1. */
    int[] entry = new int[0];
    /** The student number of each entry. */
    int[] number = new int[1024];
    int size;
    int[] school = new int[1024];
    int[] teacher = new int[1024];
    String[] gender = new String[1024];
    int[] grade = new int[1024];
    double[] pre = new double[1024];
    double[] post = new double[1024];

    Students(KeyIndex ids) {
      this.ids = ids;
    }

    int index(int student, int schoolIdx, int teacherIdx, String g, int gr) {
      if (student >= entry.length) {
        int n = Math.max(student + 1, entry.length + (entry.length >> 1));
        int old = entry.length;
        entry = Arrays.copyOf(entry, n);
        Arrays.fill(entry, old, n, -1);
      }
      if (entry[student] >= 0) {
        return entry[student];
      }
      if (size == school.length) {
        int n = size * 2;
        number = Arrays.copyOf(number, n);
        school = Arrays.copyOf(school, n);
        teacher = Arrays.copyOf(teacher, n);
        gender = Arrays.copyOf(gender, n);
        grade = Arrays.copyOf(grade, n);
        pre = Arrays.copyOf(pre, n);
        post = Arrays.copyOf(post, n);
      }
      number[size] = student;
      school[size] = schoolIdx;
      teacher[size] = teacherIdx;
      gender[size] = g.intern();
      grade[size] = gr;
      pre[size] = Double.NaN;
      post[size] = Double.NaN;
      entry[student] = size;
      return size++;
    }

    void set(int i, int wave, int total) {
      if (wave == 0) {
        pre[i] = total;
      } else {
        post[i] = total;
      }
    }

    /** The students' ids in entry order (each String made when asked). */
    List<String> ids() {
      return ids.keys(number, size);
    }
  }
}
