package org.learntrace.research.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.engagement.NdjsonStatements;
import org.learntrace.research.engagement.Vocabulary;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.linkage.StudyLinker;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.XapiVersion;

/**
 * Outcome tables come from assessors and schools, statements from phones: whatever the bytes,
 * the loading code the CLI runs ({@link CsvTableReader}, {@link StudyLinker} for {@code link} and
 * {@code report}, {@link OutcomeStatements} for {@code import-outcomes}, {@link NdjsonStatements}
 * for the engagement statements) either loads a row or reports it as a {@link RowError} naming the
 * file, line, column and rule — never with another exception, and a rejected value is never passed
 * on.
 *
 * <p>An input is {@code <table path>\n<file content>}: the path (for example {@code
 * links/classes.csv} or {@code statements.ndjson}) picks the file of a small valid study that the
 * content replaces; an unknown path picks one by its hash. In {@code mvn verify} this runs in
 * regression mode over the seeds in {@code
 * src/test/resources/org/learntrace/research/data/OutcomeTablesFuzzTestInputs}; run {@code
 * JAZZER_FUZZ=1 mvn -pl research test -Dtest=OutcomeTablesFuzzTest} to fuzz.
 */
class OutcomeTablesFuzzTest {

  static final String STATEMENT_TEMPLATE = "{\"id\":\"%s\",\"actor\":{\"objectType\":\"Agent\",\"account\":"
      + "{\"homePage\":\"https://muktopaath.gov.bd/id/teachers\",\"name\":\"%s\"}},\"verb\":{\"id\":"
      + "\"http://adlnet.gov/expapi/verbs/%s\"},\"object\":{\"objectType\":\"Activity\",\"id\":"
      + "\"https://learntrace.org/ags/course/module/1\",\"definition\":{\"name\":{\"en-US\":\"Module 1\"},"
      + "\"type\":\"http://adlnet.gov/expapi/activities/module\"}},%s\"timestamp\":\"%s\",\"version\":\"2.0.0\"}";

  /** A small valid study: every table, in the order {@link StudyLinker} reads them. */
  static final Map<String, String> BASE = new LinkedHashMap<>();

  static {
    BASE.put("links/divisions.csv", "division_id,division_name\ndiv-01,Dhaka\n");
    BASE.put("links/districts.csv", "district_id,district_name,division_id\ndis-01,District 1,div-01\n");
    BASE.put("links/upazilas.csv", "upazila_id,upazila_name,district_id\nupz-001,Upazila 1,dis-01\n");
    BASE.put("links/schools.csv", "school_id,upazila_id,arm\ns-1,upz-001,treatment\ns-2,upz-001,comparison\n");
    BASE.put("links/classes.csv", "class_id,school_id,grade\nc-1,s-1,2\nc-2,s-2,3\n");
    BASE.put("links/teachers.csv", "teacher_id,school_id,gender,device\nt-1,s-1,F,phone\nt-2,s-2,M,computer\n");
    BASE.put("links/teacher_classes.csv",
        "teacher_id,class_id,role\nt-1,c-1,class-teacher\nt-2,c-2,class-teacher\nt-1,c-2,subject-teacher\n");
    BASE.put("links/student_classes.csv", "student_id,class_id,wave\np-1,c-1,baseline\np-1,c-1,endline\n"
        + "p-2,c-2,baseline\np-2,c-2,endline\n");
    BASE.put("outcomes/assessments.csv", "student_id,wave,class_id,teacher_id,school_id,instrument_id,"
        + "instrument_version,form,assessed_on,assessor_id,learner_gender,grade,item_01,item_02,item_03,total\n"
        + "p-1,baseline,c-1,t-1,s-1,egma-3,2,A,2026-01-20,a-1,F,2,1,0,1,2\n"
        + "p-1,endline,c-1,t-1,s-1,egma-3,2,B,2026-11-02,a-1,F,2,1,1,1,3\n"
        + "p-2,baseline,c-2,,,egma-3,2,A,2026-01-20,a-2,M,3,0,NA,1,1\n"
        + "p-2,endline,c-2,t-2,s-2,egma-3,2,B,2026-11-02,a-2,M,3,1,1,0,2\n");
    BASE.put("survey/self_report.csv", "teacher_id,modules_reported\nt-1,4.10\nt-2,3.40\n");
    BASE.put("cost_ledger.csv", "item,category,basis,amount_usd,low_usd,high_usd,constant_year,note\n"
        + "content-development,development,per_completer,2.50,1.50,4.00,2026,\"content cost US$150,000 amortised\"\n"
        + "platform-hosting,delivery,per_teacher_reached,4.80,2.40,9.60,2026,\n");
    BASE.put(StudySchema.STATEMENTS,
        String.format(STATEMENT_TEMPLATE, "78baf5d5-62eb-46ba-8497-ee0df71cd4e8", "t-1", "initialized", "",
            "2026-02-01T15:05:00.000Z") + "\n"
        + String.format(STATEMENT_TEMPLATE, "5acf27b7-a4ff-4323-a8e1-d6121e31f4e7", "t-1", "completed",
            "\"result\":{\"completion\":true},", "2026-02-01T15:14:31.933Z") + "\n");
  }

  static final List<String> TARGETS = List.copyOf(BASE.keySet());

  /** Rules that concern a whole row (or file) rather than one cell, so name no column. */
  static final Set<String> ROW_RULES = Set.of("row-width", "csv-syntax", "encoding", "xapi-invalid", "file-missing");

  private static Path study;

  @FuzzTest(maxDuration = "60s")
  void everyTableIsLoadedOrRejectedWithFileLineFieldAndRule(FuzzedDataProvider data) throws IOException {
    byte[] input = data.consumeRemainingAsBytes();
    int nl = indexOf(input, (byte) '\n');
    String name = nl < 0 ? "" : new String(input, 0, nl, StandardCharsets.UTF_8).trim();
    byte[] content = nl < 0 ? input : Arrays.copyOfRange(input, nl + 1, input.length);
    String target = TARGETS.contains(name) ? name : TARGETS.get(Math.floorMod(name.hashCode(), TARGETS.size()));

    Path dir = study();
    Path file = dir.resolve(target);
    try {
      if (target.equals(StudySchema.STATEMENTS)) {
        // The NDJSON reader documents that non-UTF-8 input fails the whole file; fuzz the statements.
        Files.write(file, new String(content, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        checkStatements(dir, file);
      } else {
        Files.write(file, content);
        checkTable(file, schemaOf(target, content));
        checkLinker(dir, null);
        checkImport(dir);
      }
    } finally {
      Files.writeString(file, BASE.get(target), StandardCharsets.UTF_8);
    }
  }

  /** The reader: every accepted row passes every cell check; every error names file, line, column and rule. */
  private static void checkTable(Path file, TableSchema schema) throws IOException {
    List<CsvTableReader.Row> rows = new ArrayList<>();
    CsvTableReader.ReadResult res = CsvTableReader.read(file, schema, rows::add);
    assertThat(res.accepted()).isEqualTo(rows.size()).isLessThanOrEqualTo(res.rows());
    assertThat(res.errorCount()).isGreaterThanOrEqualTo(res.errors().size());
    for (CsvTableReader.Row row : rows) {
      assertThat(row.line()).isGreaterThan(1);
      for (int c = 0; c < schema.columns().size(); c++) {
        Column col = schema.columns().get(c);
        String v = row.get(c);
        assertThat(CsvTableReader.check(col, v)).as("%s line %d %s '%s' passed on", file, row.line(), col.name(), v)
            .isNull();
        if (v != null && col.type().equals("integer")) {
          // what the linker and importer do with an accepted integer cell
          int x = Integer.parseInt(v);
          assertThat(Double.isNaN(col.min()) || x >= col.min()).as("%s %s", col.name(), v).isTrue();
          assertThat(Double.isNaN(col.max()) || x <= col.max()).as("%s %s", col.name(), v).isTrue();
        }
      }
    }
    checkErrors(res.errors(), schema);
  }

  private static void checkErrors(List<RowError> errors, TableSchema schema) {
    for (RowError e : errors) {
      assertThat(e.file()).as("%s", e).isEqualTo(schema.fileName());
      assertThat(e.line()).as("%s", e).isGreaterThanOrEqualTo(1);
      assertThat(e.rule()).as("%s", e).isNotBlank().doesNotContain(" ");
      assertThat(e.detail()).as("%s", e).isNotNull();
      if (!ROW_RULES.contains(e.rule())) {
        assertThat(e.column()).as("%s", e).isNotBlank();
        for (String part : e.column().split("\\+")) {
          assertThat(schema.header()).as("%s", e).contains(part);
        }
      } else {
        assertThat(e.column()).as("%s", e).isEmpty();
      }
    }
  }

  /** {@code link} / {@code report}: the linker loads or reports, and what it links is within the schema. */
  private static LinkedStudy checkLinker(Path dir, EngagementMeasures engagement) throws IOException {
    LinkedStudy st = StudyLinker.link(dir, engagement, n -> {});
    var report = st.report();
    for (CsvTableReader.ReadResult r : report.reads()) {
      for (RowError e : r.errors()) {
        assertThat(e.file()).as("%s", e).isEqualTo(r.file());
        assertThat(e.line()).as("%s", e).isGreaterThanOrEqualTo(1);
        assertThat(e.rule()).as("%s", e).isNotBlank();
      }
    }
    for (RowError e : report.problems()) {
      assertThat(e.line()).as("%s", e).isGreaterThan(1);
      assertThat(e.column()).as("%s", e).isNotBlank();
      assertThat(e.rule()).as("%s", e).isNotBlank();
    }
    assertThat(report.outcomeRowsResolved()).isLessThanOrEqualTo(report.outcomeRows());
    for (int i = 0; i < st.studentCount(); i++) {
      assertThat(st.studentIds().get(i)).isNotBlank();
      assertThat(st.studentGrade()[i]).isBetween(1, 5);
      assertThat(StudySchema.GENDERS).contains(st.studentGender()[i]);
      assertThat(st.studentSchool()[i]).isBetween(0, st.schoolCount() - 1);
      for (double score : new double[] {st.pre()[i], st.post()[i]}) {
        assertThat(Double.isNaN(score) || (score >= 0 && score <= st.maxScore())).as("score %s", score).isTrue();
      }
    }
    for (int t = 0; t < st.teacherIds().size(); t++) {
      assertThat(StudySchema.GENDERS).contains(st.teacherGender()[t]);
      assertThat(StudySchema.DEVICES).contains(st.teacherDevice()[t]);
      double s = st.teacherSelfReport()[t];
      assertThat(Double.isNaN(s) || (s >= 0 && s <= 100)).as("self report %s", s).isTrue();
    }
    for (var c : st.costs()) {
      assertThat(Double.isFinite(c.amountUsd()) && c.amountUsd() >= 0).as("%s", c).isTrue();
      assertThat(c.constantYear()).isBetween(1990, 2100);
    }
    return st;
  }

  /** {@code import-outcomes}: only valid statements come out; every problem is a row error. */
  private static void checkImport(Path dir) throws IOException {
    OutcomeStatements importer = new OutcomeStatements(dir, XapiVersion.V2_0_0, ZoneId.of("Asia/Dhaka"));
    StatementValidator validator = StatementValidator.forVersion(XapiVersion.V2_0_0);
    long n = importer.convert(s -> assertThat(validator.validate(s)).as("%s", s).isEmpty());
    assertThat(n).isGreaterThanOrEqualTo(0);
    for (RowError e : importer.errors()) {
      assertThat(e.file()).as("%s", e).isNotBlank();
      assertThat(e.line()).as("%s", e).isGreaterThanOrEqualTo(1);
      assertThat(e.rule()).as("%s", e).isNotBlank();
    }
  }

  /** The engagement reader: bad lines are reported by number, and linking with the measures works. */
  private static void checkStatements(Path dir, Path file) throws IOException {
    long lines;
    try (Stream<String> s = Files.lines(file, StandardCharsets.UTF_8)) {
      lines = s.count();
    }
    var pass = NdjsonStatements.engagement(file, Vocabulary.TEACHER_SPACE, ZoneId.of("Asia/Dhaka"), 1, n -> {});
    for (NdjsonStatements.LineError e : pass.errors()) {
      assertThat(e.line()).as("%s", e).isBetween(1L, lines);
      assertThat(e.detail()).as("%s", e).isNotNull();
    }
    List<RowError> seen = new ArrayList<>();
    NdjsonStatements.read(file, s -> {}, e -> seen.add(new RowError(file.getFileName().toString(), e.line(), "",
        "statement", e.detail())));
    seen.forEach(e -> assertThat(e.line()).isBetween(1L, lines));
    checkLinker(dir, pass.measures());
  }

  static TableSchema schemaOf(String target, byte[] content) {
    String table = target.substring(target.lastIndexOf('/') + 1, target.length() - ".csv".length());
    for (TableSchema s : StudySchema.linkTables()) {
      if (s.name().equals(table)) {
        return s;
      }
    }
    return switch (table) {
      case "self_report" -> StudySchema.SELF_REPORT;
      case "cost_ledger" -> StudySchema.COST_LEDGER;
      case "assessments" -> StudySchema.assessments(itemCount(content));
      default -> throw new IllegalArgumentException(target);
    };
  }

  /** The item count as the linker and importer take it: from the first line. */
  private static int itemCount(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    int end = text.length();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
        end = i;
        break;
      }
    }
    String header = text.substring(0, end);
    int n = 0;
    while (header.contains(StudySchema.itemColumn(n + 1))) {
      n++;
    }
    return n;
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static synchronized Path study() throws IOException {
    if (study == null) {
      Path dir = Files.createTempDirectory("outcome-tables-fuzz");
      for (Map.Entry<String, String> e : BASE.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      study = dir;
    }
    return study;
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temp directory
    }
  }
}
