package org.learntrace.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.learntrace.research.data.CsvTableReader;
import org.learntrace.research.data.RowError;
import org.learntrace.research.data.StudySchema;
import org.learntrace.research.engagement.EngagementEvent;
import org.learntrace.research.engagement.Vocabulary;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.AssessmentResultRecorded;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.DeadLetter;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.MetricsSnapshot;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.OverflowPolicy;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PlayedSegment;
import org.learntrace.sdk.Pseudonyms;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.sink.LrsSink;

/**
 * The SDK route: the synthetic study's course-player activity and outcome records as sdk-core
 * {@link LearningEvent}s, tracked through a real {@link LearnTrace} (all-on policy, keyed
 * pseudonyms, durable outbox, dispatcher) into an {@link LrsSink} with {@link EventMapper} and the
 * bundled AGS {@link CourseCatalog}.
 *
 * <p>Every event carries the study's device time ({@code occurredAt}), the platform's receipt time
 * ({@code receivedAt}: days later for offline syncers) and a natural key made of the study's own ids,
 * so the SDK's statement ids are the same for the same seed.
 */
final class SdkDelivery {
  static final String SINK = "research-lrs";
  static final String COURSE = "ags";
  static final String CATALOG = "/org/learntrace/demo/ags-catalog.json";
  /** The demo's fixed pseudonymisation key: the same seed gives the same pseudonyms. Not a secret. */
  static final String KEY_ID = "demo-2026";
  static final byte[] KEY = "learntrace-demo-pseudonym-key-2026".getBytes(StandardCharsets.UTF_8);
  static final String KEY_PREFIX = "ags-2026/";
  static final Duration PATIENCE = Duration.ofMinutes(15);

  private SdkDelivery() {}

  /** The AGS course catalog bundled with the demo (9 modules, en-US and bn-BD names). */
  static CourseCatalog catalog() {
    try (InputStream in = SdkDelivery.class.getResourceAsStream(CATALOG)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + CATALOG);
      }
      return CourseCatalog.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All modes on, pseudonymised, no consent requirement: the study collects everything it designed. */
  static AnalyticsPolicy policy() {
    return new AnalyticsPolicy(COURSE, new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null),
        Map.of());
  }

  // ---- pseudonyms ----

  /**
   * Pseudonym → local teacher id for the research LRS's destination key: the study team holds the
   * key and links the statements' pseudonymous actors back to its teacher table.
   */
  static Map<String, String> teacherPseudonyms(Path study) throws IOException {
    Pseudonyms research = Pseudonyms.forDestination(KEY_ID, KEY, SINK);
    Map<String, String> map = new HashMap<>();
    CsvTableReader.read(study.resolve(StudySchema.LINKS).resolve("teachers.csv"), StudySchema.TEACHERS,
        r -> map.put(research.pseudonym(Person.teacher(r.get("teacher_id"))), r.get("teacher_id")));
    return map;
  }

  /** The event with its pseudonymous teacher id replaced by the study's id, when the key knows it. */
  static EngagementEvent relink(EngagementEvent e, Map<String, String> pseudonyms) {
    String local = pseudonyms.get(e.teacherId());
    if (local == null) {
      return e;
    }
    return new EngagementEvent(local, e.verb(), e.objectId(), e.moduleId(), e.timestampMs(), e.storedMs(),
        e.syncedLate(), e.device(), e.playedSegments(), e.videoLength(), e.scoreScaled(), e.success());
  }

  // ---- the synthetic course player's activity as events ----

  /**
   * The generator's engagement statements (in simulated sync order, with the generator's receipt
   * time as {@code stored}) as the course player's events.
   */
  static List<LearningEvent> engagementEvents(List<Statement> statements, List<Instant> receivedAt) {
    List<LearningEvent> out = new ArrayList<>(statements.size());
    Map<String, Integer> attempts = new HashMap<>();
    for (int i = 0; i < statements.size(); i++) {
      out.add(event(statements.get(i), receivedAt.get(i), attempts));
    }
    return out;
  }

  private static LearningEvent event(Statement s, Instant received, Map<String, Integer> attempts) {
    String teacherId = ((Agent) s.actor()).account().name();
    Person teacher = Person.teacher(teacherId);
    String verb = s.verb().id();
    String objectId = s.object() instanceof Activity a ? a.id() : "";
    Context c = s.context();
    Extensions ctx = c == null || c.extensions() == null ? Extensions.empty() : c.extensions();
    Extensions res = s.result() == null || s.result().extensions() == null ? Extensions.empty() : s.result().extensions();
    String moduleIri = c != null && c.contextActivities() != null && !c.contextActivities().parent().isEmpty()
        ? c.contextActivities().parent().get(0).id() : objectId.startsWith(Vocabulary.MODULE_PREFIX) ? objectId : null;
    String module = moduleIri == null ? null : "m" + moduleIri.substring(Vocabulary.MODULE_PREFIX.length());
    CourseModule cm = new CourseModule(COURSE, module);
    Long bytes = ctx.get(Vocabulary.EXT_BYTES) == null ? null : ctx.get(Vocabulary.EXT_BYTES).asLong();
    Device device = new Device(deviceClass(text(ctx.get(Vocabulary.EXT_DEVICE))), network(text(ctx.get(Vocabulary.EXT_NETWORK))),
        bool(ctx.get(Vocabulary.EXT_SYNCED_LATE)), bytes, null, null, null);
    Occurrence at = new Occurrence(s.timestamp().instant(), received, device, KEY_PREFIX + "engagement/" + s.id(), Map.of());
    String registration = c == null || c.registration() == null ? null : c.registration().toString();
    String session = text(ctx.get(Vocabulary.EXT_SESSION_ID));
    String attemptKey = teacherId + '|' + module;
    String attempt = "attempt-" + (attempts.getOrDefault(attemptKey, 0) + 1);
    switch (verb) {
      case Vocabulary.INITIALIZED:
        return new ModuleLifecycle(at, teacher, cm, ModuleLifecycle.Step.INITIALIZED, registration, null, null, null);
      case Vocabulary.TERMINATED: {
        Duration d = s.result() == null || s.result().duration() == null ? null : s.result().duration().toDuration();
        return new ModuleLifecycle(at, teacher, cm, ModuleLifecycle.Step.TERMINATED, registration, null, null, d);
      }
      case Vocabulary.COMPLETED:
        return new ModuleLifecycle(at, teacher, cm, ModuleLifecycle.Step.COMPLETED, registration, null, null, null);
      case Vocabulary.SATISFIED:
        return new ModuleLifecycle(at, teacher, CourseModule.course(COURSE), ModuleLifecycle.Step.SATISFIED, registration,
            null, null, null);
      case Vocabulary.VIDEO_PLAYED:
        return new VideoPlayed(at, teacher, cm, module + "-v1", session, res.get(Vocabulary.EXT_TIME).asDouble());
      case Vocabulary.VIDEO_PAUSED:
        return new VideoPaused(at, teacher, cm, module + "-v1", session, res.get(Vocabulary.EXT_TIME).asDouble(),
            segments(text(res.get(Vocabulary.EXT_PLAYED_SEGMENTS))), res.get(Vocabulary.EXT_PROGRESS).asDouble());
      case Vocabulary.ANSWERED: {
        String item = "q" + objectId.substring(objectId.lastIndexOf('/') + 1);
        return new QuizItemAnswered(at, teacher, cm, module + "-quiz", attempt, item, "choice", s.result().response(),
            s.result().success(), null);
      }
      case Vocabulary.PASSED, Vocabulary.FAILED: {
        attempts.merge(attemptKey, 1, Integer::sum);
        double scaled = s.result().score().scaled();
        return new QuizAttemptFinished(at, teacher, cm, module + "-quiz", attempt, scaled, Vocabulary.PASSED.equals(verb),
            null);
      }
      case Vocabulary.COMMENTED, Vocabulary.SHARED, Vocabulary.ASKED, Vocabulary.REPLIED:
        return new CommunityAction(at, teacher, cm, "peer-group-" + module, CommunityAction.Verb.valueOf(
            verb.substring(verb.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT)), "post-" + s.id(), null);
      default:
        throw new IllegalArgumentException("the demo has no event for the generator's verb " + verb);
    }
  }

  private static Device.DeviceClass deviceClass(String s) {
    if (s == null) {
      return Device.DeviceClass.UNKNOWN;
    }
    return switch (s) {
      case "phone" -> Device.DeviceClass.PHONE;
      case "tablet" -> Device.DeviceClass.TABLET;
      case "computer", "desktop" -> Device.DeviceClass.DESKTOP;
      default -> Device.DeviceClass.UNKNOWN;
    };
  }

  private static Device.NetworkType network(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "2g" -> Device.NetworkType.CELLULAR_2G;
      case "3g" -> Device.NetworkType.CELLULAR_3G;
      case "4g" -> Device.NetworkType.CELLULAR_4G;
      case "wifi" -> Device.NetworkType.WIFI;
      default -> Device.NetworkType.UNKNOWN;
    };
  }

  static List<PlayedSegment> segments(String text) {
    List<PlayedSegment> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String part : text.split("\\[,]")) {
      int dot = part.indexOf("[.]");
      out.add(new PlayedSegment(Double.parseDouble(part.substring(0, dot)), Double.parseDouble(part.substring(dot + 3))));
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static boolean bool(JsonNode n) {
    return n != null && n.isBoolean() && n.booleanValue();
  }

  // ---- outcome records as events ----

  /** The assessment rows as {@link AssessmentResultRecorded} events, with the row problems found. */
  record Outcomes(List<LearningEvent> events, List<RowError> errors) {}

  static Outcomes outcomeEvents(Path study, ZoneId zone) throws IOException {
    Path links = study.resolve(StudySchema.LINKS);
    List<RowError> errors = new ArrayList<>();
    Map<String, String> districtDivision = new HashMap<>();
    Map<String, String> upazilaDistrict = new HashMap<>();
    Map<String, String> schoolUpazila = new HashMap<>();
    Map<String, String> schoolArm = new HashMap<>();
    Map<String, String> classSchool = new HashMap<>();
    Map<String, String> classTeacher = new HashMap<>();
    errors.addAll(CsvTableReader.read(links.resolve("districts.csv"), StudySchema.DISTRICTS,
        r -> districtDivision.put(r.get("district_id"), r.get("division_id"))).errors());
    errors.addAll(CsvTableReader.read(links.resolve("upazilas.csv"), StudySchema.UPAZILAS,
        r -> upazilaDistrict.put(r.get("upazila_id"), r.get("district_id"))).errors());
    errors.addAll(CsvTableReader.read(links.resolve("schools.csv"), StudySchema.SCHOOLS, r -> {
      schoolUpazila.put(r.get("school_id"), r.get("upazila_id"));
      schoolArm.put(r.get("school_id"), r.get("arm"));
    }).errors());
    errors.addAll(CsvTableReader.read(links.resolve("classes.csv"), StudySchema.CLASSES,
        r -> classSchool.put(r.get("class_id"), r.get("school_id"))).errors());
    errors.addAll(CsvTableReader.read(links.resolve("teacher_classes.csv"), StudySchema.TEACHER_CLASSES, r -> {
      if ("class-teacher".equals(r.get("role"))) {
        classTeacher.putIfAbsent(r.get("class_id"), r.get("teacher_id"));
      }
    }).errors());

    Path file = study.resolve(StudySchema.OUTCOMES).resolve("assessments.csv");
    int items = 0;
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      while (header != null && header.contains(StudySchema.itemColumn(items + 1))) {
        items++;
      }
    }
    int n = items;
    List<LearningEvent> events = new ArrayList<>();
    errors.addAll(CsvTableReader.read(file, StudySchema.assessments(n), row -> {
      String classId = row.get("class_id");
      String school = classSchool.get(classId);
      if (school == null) {
        errors.add(new RowError(row.file(), row.line(), "class_id", "unresolved-school",
            "class '" + classId + "' is not in classes.csv"));
        return;
      }
      String teacher = row.get("teacher_id") != null ? row.get("teacher_id") : classTeacher.get(classId);
      if (teacher == null) {
        errors.add(new RowError(row.file(), row.line(), "teacher_id", "unresolved-teacher",
            "class '" + classId + "' has no class teacher"));
        return;
      }
      String upazila = schoolUpazila.get(school);
      String district = upazilaDistrict.get(upazila);
      Location where = new Location(districtDivision.get(district), district, upazila, null, school, classId);
      List<AssessmentResultRecorded.ItemScore> scores = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        String v = row.get(StudySchema.itemColumn(i));
        scores.add(new AssessmentResultRecorded.ItemScore(StudySchema.itemColumn(i),
            v == null ? null : Double.valueOf(v), 1, v == null ? "missing" : null));
      }
      int total = row.getInt("total", 0);
      String wave = row.get("wave");
      String instrument = row.get("instrument_id");
      String version = row.get("instrument_version");
      LocalDate date = LocalDate.parse(row.get("assessed_on"));
      Instant tested = date.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
      Instant entered = date.atTime(LocalTime.of(17, 0)).atZone(zone).toInstant();
      String key = row.get("student_id") + "|" + wave + "|" + instrument + "|" + version;
      UUID hidden = UUID.nameUUIDFromBytes(("learntrace-outcome:" + key).getBytes(StandardCharsets.UTF_8));
      Occurrence at = new Occurrence(tested, entered, null, KEY_PREFIX + "outcome/" + hidden, Map.of());
      String assessor = row.get("assessor_id");
      events.add(new AssessmentResultRecorded(at, Person.student(row.get("student_id")), Person.teacher(teacher),
          assessor == null ? null : Person.observer(assessor), CourseModule.course(COURSE), where,
          gender(row.get("learner_gender")), row.getInt("grade", 0), schoolArm.get(school),
          "endline".equals(wave) ? AssessmentResultRecorded.Wave.ENDLINE : AssessmentResultRecorded.Wave.BASELINE,
          instrument, version, row.get("form"), date, scores, (double) total, n == 0 ? null : (double) total / n));
    }).errors());
    return new Outcomes(events, errors);
  }

  private static AssessmentResultRecorded.Gender gender(String g) {
    if (g == null) {
      return null;
    }
    return switch (g) {
      case "F" -> AssessmentResultRecorded.Gender.FEMALE;
      case "M" -> AssessmentResultRecorded.Gender.MALE;
      default -> AssessmentResultRecorded.Gender.OTHER;
    };
  }

  // ---- the pipeline ----

  /** What the pipeline did with the events handed to it. */
  record Result(long tracked, long accepted, long filtered, long droppedAtTrack, long sent, long deadLettered,
      long dropped, long retried, boolean flushed, List<UUID> trackedIds, List<String> problems) {}

  /**
   * Tracks every event through a real LearnTrace into {@code client}'s LRS and waits until all are
   * resolved. {@code progress} receives the number of records the sink has accepted so far.
   */
  static Result deliver(Path outbox, LrsClient client, List<LearningEvent> events, LongConsumer tracked,
      LongConsumer progress) throws IOException, InterruptedException {
    return deliver(outbox, client, events, 0, n -> {}, tracked, progress, LiveEvents.NONE);
  }

  /**
   * Events the platform's own servers track while the pipeline runs, after the course player's
   * (the demo's LTI launches): given the tracker, returns the receipts of what it tracked.
   */
  @FunctionalInterface
  interface LiveEvents {
    LiveEvents NONE = tracker -> List.of();

    List<Receipt> track(Tracker tracker) throws IOException;
  }

  /** Events between checkpoints: every this many, the run records how many are safely in the outbox. */
  static final int CHECKPOINT_EVERY = 500;

  /**
   * As {@link #deliver(Path, LrsClient, List, LongConsumer, LongConsumer)}, skipping the first
   * {@code skip} events (a killed run stored them in this outbox already: the pipeline delivers
   * what it still holds of them on start) and reporting to {@code checkpoint}, now and then, how
   * many events (skipped ones included) are in the outbox. Then {@code live} tracks its events
   * while the dispatcher delivers (they are not counted in the checkpoints: a resumed run tracks
   * them again, with the same ids, and the LRS stores them once).
   */
  static Result deliver(Path outbox, LrsClient client, List<LearningEvent> events, long skip, LongConsumer checkpoint,
      LongConsumer tracked, LongConsumer progress, LiveEvents live) throws IOException, InterruptedException {
    Files.createDirectories(outbox);
    List<Receipt> receipts = new ArrayList<>(events.size());
    List<String> problems = new ArrayList<>();
    long filtered = 0;
    long droppedAtTrack = 0;
    try (LearnTrace lt = LearnTrace.builder()
        .setOutboxDirectory(outbox)
        .setPseudonymKey(KEY_ID, KEY)
        .setBasePolicy(policy())
        .setPolicyPollInterval(Duration.ZERO)
        .setMetricsLogInterval(Duration.ZERO)
        .setOverflowPolicy(OverflowPolicy.BLOCK)
        .setBlockTimeout(Duration.ofSeconds(60))
        .setBatching(100, 1 << 20, Duration.ofMillis(20))
        .setShutdownTimeout(Duration.ofSeconds(60))
        .addSink(LrsSink.builder(SINK, client, EventMapper.create(catalog())).build())
        .build()) {
      long n = 0;
      Receipt last = null;
      for (int i = (int) Math.min(skip, events.size()); i < events.size(); i++) {
        LearningEvent e = events.get(i);
        Receipt r = lt.tracker().track(e);
        last = r;
        switch (r.status()) {
          case FILTERED -> {
            filtered++;
            problems.add("filtered: " + r.filterReason() + " " + e.getClass().getSimpleName());
          }
          case DROPPED -> {
            droppedAtTrack++;
            problems.add("dropped at track(): " + r.dropReason() + " " + e.getClass().getSimpleName());
          }
          default -> receipts.add(r);
        }
        tracked.accept(++n);
        if ((i + 1) % CHECKPOINT_EVERY == 0 && r.awaitStored(Duration.ofSeconds(60))) {
          // The outbox writer stores in order: every event up to this one survives a kill.
          checkpoint.accept(i + 1);
        }
      }
      if (last != null && last.awaitStored(Duration.ofSeconds(60))) {
        checkpoint.accept(events.size());
      }
      // What the platform's servers track live, while the dispatcher delivers the backlog.
      for (Receipt r : live.track(lt.tracker())) {
        n++;
        switch (r.status()) {
          case FILTERED -> {
            filtered++;
            problems.add("filtered: " + r.filterReason() + " (an event the platform tracked live)");
          }
          case DROPPED -> {
            droppedAtTrack++;
            problems.add("dropped at track(): " + r.dropReason() + " (an event the platform tracked live)");
          }
          default -> receipts.add(r);
        }
      }
      boolean flushed = drain(lt, System.nanoTime() + PATIENCE.toNanos(), progress);
      MetricsSnapshot m = lt.metrics();
      // A receipt's event id is known once the event is in the outbox.
      List<UUID> ids = new ArrayList<>(receipts.size());
      for (Receipt r : receipts) {
        if (r.awaitStored(Duration.ofSeconds(30))) {
          ids.add(r.eventId());
        } else {
          droppedAtTrack++;
          problems.add("not stored in the outbox: " + r.status() + " " + r.dropReason());
        }
      }
      for (DeadLetter d : lt.deadLetters().stream().limit(10).toList()) {
        problems.add("dead letter: " + d);
      }
      if (!flushed) {
        problems.add("not every event was delivered within " + PATIENCE + "; the rest stays in the outbox " + outbox);
      }
      return new Result(n, m.accepted(), filtered, droppedAtTrack, m.sent(), m.deadLettered(),
          Math.max(droppedAtTrack, m.droppedTotal()), m.retried(), flushed, ids, problems);
    }
  }

  /** Waits until every event tracked so far is resolved by the sink, or the deadline passes. */
  private static boolean drain(LearnTrace lt, long deadline, LongConsumer progress) throws InterruptedException {
    boolean flushed = false;
    while (!flushed && System.nanoTime() < deadline) {
      flushed = lt.flush(Duration.ofSeconds(2));
      progress.accept(lt.metrics().sent());
    }
    return flushed;
  }
}
