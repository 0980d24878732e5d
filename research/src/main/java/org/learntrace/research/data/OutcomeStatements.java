package org.learntrace.research.data;

import static org.learntrace.research.engagement.Vocabulary.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.ContextAgent;
import org.learntrace.xapi.ContextGroup;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.Group;
import org.learntrace.xapi.LanguageMap;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Score;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.Violation;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;

/**
 * Turns outcome CSVs into outcome statements (DOMAIN.md §3): actor = the student, verb
 * {@code scored}, object = the instrument at the wave, result = total and item scores,
 * {@code context.instructor} = the class teacher, {@code team} = the class, school, upazila,
 * district, division, study, arm and wave in {@code grouping} (and {@code contextAgents} /
 * {@code contextGroups} for xAPI 2.0). Ids are name-based, so importing twice never duplicates.
 * Every statement is validated before it is written or sent.
 *
 * <p>Rows that fail the CSV checks or do not resolve to one school are reported, not converted.
 */
public final class OutcomeStatements {
  private final Path study;
  private final XapiVersion version;
  private final ZoneId zone;
  private final Map<String, String[]> classInfo = new HashMap<>();
  private final Map<String, String> schoolUpazila = new HashMap<>();
  private final Map<String, String> schoolArm = new HashMap<>();
  private final Map<String, String> upazilaDistrict = new HashMap<>();
  private final Map<String, String> districtDivision = new HashMap<>();
  private final Map<String, String> classTeacher = new HashMap<>();
  private final List<RowError> errors = new ArrayList<>();

  /** An importer for the study directory {@code study} ({@link StudySchema} layout). */
  public OutcomeStatements(Path study, XapiVersion version, ZoneId zone) throws IOException {
    this.study = study;
    this.version = version;
    this.zone = zone;
    Path l = study.resolve(StudySchema.LINKS);
    CsvTableReader.read(l.resolve("districts.csv"), StudySchema.DISTRICTS,
        r -> districtDivision.put(r.get("district_id"), r.get("division_id"))).errors().forEach(errors::add);
    CsvTableReader.read(l.resolve("upazilas.csv"), StudySchema.UPAZILAS,
        r -> upazilaDistrict.put(r.get("upazila_id"), r.get("district_id"))).errors().forEach(errors::add);
    CsvTableReader.read(l.resolve("schools.csv"), StudySchema.SCHOOLS, r -> {
      schoolUpazila.put(r.get("school_id"), r.get("upazila_id"));
      schoolArm.put(r.get("school_id"), r.get("arm"));
    }).errors().forEach(errors::add);
    CsvTableReader.read(l.resolve("classes.csv"), StudySchema.CLASSES,
        r -> classInfo.put(r.get("class_id"), new String[] {r.get("school_id"), r.get("grade")})).errors().forEach(errors::add);
    CsvTableReader.read(l.resolve("teacher_classes.csv"), StudySchema.TEACHER_CLASSES, r -> {
      if ("class-teacher".equals(r.get("role"))) {
        classTeacher.putIfAbsent(r.get("class_id"), r.get("teacher_id"));
      }
    }).errors().forEach(errors::add);
  }

  /** Errors found so far (link tables, rows, validation). */
  public List<RowError> errors() {
    return List.copyOf(errors);
  }

  /**
   * Converts every assessment row, passing valid statements to {@code out}.
   *
   * @return the number of statements produced
   */
  public long convert(Consumer<Statement> out) throws IOException {
    Path file = study.resolve(StudySchema.OUTCOMES).resolve("assessments.csv");
    int items = 0;
    // lenient decoding: only the item columns are counted here; the table reader reports bytes that are not UTF-8
    try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      while (header != null && header.contains(StudySchema.itemColumn(items + 1))) {
        items++;
      }
    }
    int n = items;
    StatementValidator validator = StatementValidator.forVersion(version);
    long[] count = {0};
    CsvTableReader.ReadResult res = CsvTableReader.read(file, StudySchema.assessments(n), row -> {
      Statement s = statement(row, n);
      if (s == null) {
        return;
      }
      List<Violation> v = validator.validate(s);
      if (!v.isEmpty()) {
        errors.add(new RowError(row.file(), row.line(), "", "xapi-invalid", v.toString()));
        return;
      }
      out.accept(s);
      count[0]++;
    });
    errors.addAll(res.errors());
    return count[0];
  }

  Statement statement(CsvTableReader.Row row, int items) {
    String classId = row.get("class_id");
    String[] info = classInfo.get(classId);
    if (info == null) {
      errors.add(new RowError(row.file(), row.line(), "class_id", "unresolved-school",
          "class '" + classId + "' is not in classes.csv"));
      return null;
    }
    String school = info[0];
    if (row.get("school_id") != null && !row.get("school_id").equals(school)) {
      errors.add(new RowError(row.file(), row.line(), "school_id", "ambiguous-school",
          "row says '" + row.get("school_id") + "', class is in '" + school + "'"));
      return null;
    }
    String upazila = schoolUpazila.get(school);
    String district = upazilaDistrict.get(upazila);
    String division = districtDivision.get(district);
    String wave = row.get("wave");
    String instrument = row.get("instrument_id");
    String iv = row.get("instrument_version");
    String teacher = row.get("teacher_id") != null ? row.get("teacher_id") : classTeacher.get(classId);
    com.fasterxml.jackson.databind.node.ArrayNode arr = XapiJson.mapper().createArrayNode();
    for (int i = 1; i <= items; i++) {
      String v = row.get(StudySchema.itemColumn(i));
      if (v == null) {
        arr.addNull();
      } else {
        arr.add(Integer.parseInt(v));
      }
    }
    int total = row.getInt("total", 0);
    Activity object = Activity.builder(LT + "instruments/" + instrument + "/v" + iv + "/" + wave).type(ASSESSMENT_TYPE)
        .name(LanguageMap.of("en-US", instrument + " v" + iv + " (" + wave + ")")).build();
    Group team = Group.ofAccount(CLASS_SPACE, classId);
    Context.Builder ctx = Context.builder().team(team)
        .grouping(Activity.of(SCHOOLS + school))
        .grouping(Activity.of(STUDY)).grouping(Activity.of(STUDY + "/wave/" + wave)).category(Activity.of(PROFILE))
        .extensions(Extensions.builder().put(LT_EXT + "form", row.get("form"))
            .put(LT_EXT + "assessor", row.get("assessor_id")).build());
    if (upazila != null) {
      ctx.grouping(Activity.of(UPAZILAS + upazila));
    }
    if (district != null) {
      ctx.grouping(Activity.of(DISTRICTS + district));
    }
    if (division != null) {
      ctx.grouping(Activity.of(DIVISIONS + division));
    }
    if (schoolArm.containsKey(school)) {
      ctx.grouping(Activity.of(STUDY + "/arm/" + schoolArm.get(school)));
    }
    if (teacher != null) {
      Agent t = Agent.ofAccount(TEACHER_SPACE, teacher);
      ctx.instructor(t);
      if (version.hasContextAgentsAndGroups()) {
        ctx.contextAgent(new ContextAgent(t, List.of(ROLE_CLASS_TEACHER)));
      }
    }
    if (version.hasContextAgentsAndGroups()) {
      ctx.contextGroup(new ContextGroup(team, List.of(ROLE_ASSESSED_CLASS)));
    }
    LocalDate date = LocalDate.parse(row.get("assessed_on"));
    String key = row.get("student_id") + "|" + wave + "|" + instrument + "|" + iv;
    Statement.Builder b = Statement.builder()
        .id(UUID.nameUUIDFromBytes(("learntrace-outcome:" + key).getBytes(StandardCharsets.UTF_8)))
        .actor(Agent.ofAccount(STUDENT_SPACE, row.get("student_id")))
        .verb(Verb.of(SCORED, "en-US", "scored"))
        .object(object)
        .result(Result.builder().score(new Score(items == 0 ? null : (double) total / items, (double) total, 0.0, (double) items))
            .extensions(Extensions.builder().put(EXT_ITEM_SCORES, arr).build()).build())
        .context(ctx.build())
        .timestamp(date.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant());
    if (version == XapiVersion.V2_0_0) {
      b.version("2.0.0");
    }
    return b.build();
  }

  /** Writes statements as NDJSON. */
  public static Consumer<Statement> ndjson(OutputStream out) {
    return s -> {
      try {
        XapiJson.write(s, out);
        out.write('\n');
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  /**
   * Posts statements to an LRS in batches. A batch the LRS rejects with 400 is split in halves
   * until the offending statements are isolated and reported; the rest are stored.
   */
  public static final class LrsPoster implements AutoCloseable {
    private final URI statements;
    private final String auth;
    private final String version;
    private final int batchSize;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final List<Statement> batch = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private long stored;

    /** A poster to the LRS at {@code endpoint} (its xAPI base). */
    public LrsPoster(URI endpoint, String user, String password, XapiVersion version, int batchSize) {
      String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
      this.statements = URI.create(base + "statements");
      this.auth = user == null ? null
          : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      this.version = version.text();
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
    }

    /** Queues one statement, sending a full batch. */
    public void add(Statement s) throws IOException {
      batch.add(s);
      if (batch.size() >= batchSize) {
        flush();
      }
    }

    /** Sends what is queued. */
    public void flush() throws IOException {
      if (!batch.isEmpty()) {
        send(new ArrayList<>(batch));
        batch.clear();
      }
    }

    private void send(List<Statement> b) throws IOException {
      HttpRequest.Builder req = HttpRequest.newBuilder(statements).timeout(Duration.ofSeconds(120))
          .header("Content-Type", "application/json").header("X-Experience-API-Version", version)
          .POST(HttpRequest.BodyPublishers.ofByteArray(XapiJson.toBytes(b)));
      if (auth != null) {
        req.header("Authorization", auth);
      }
      HttpResponse<String> resp;
      try {
        resp = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while posting to " + statements, e);
      }
      int code = resp.statusCode();
      if (code == 200 || code == 204) {
        stored += b.size();
      } else if (code == 400 || code == 409) {
        if (b.size() == 1) {
          rejected.add(b.get(0).id() + ": " + code + " " + resp.body());
        } else {
          send(b.subList(0, b.size() / 2));
          send(b.subList(b.size() / 2, b.size()));
        }
      } else {
        throw new IOException("POST " + statements + " answered " + code + ": " + resp.body());
      }
    }

    /** Statements the LRS accepted. */
    public long stored() {
      return stored;
    }

    /** Statements the LRS rejected, with its reason. */
    public List<String> rejected() {
      return List.copyOf(rejected);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
