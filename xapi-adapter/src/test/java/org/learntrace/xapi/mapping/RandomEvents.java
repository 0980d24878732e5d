package org.learntrace.xapi.mapping;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.learntrace.sdk.AssessmentResultRecorded;
import org.learntrace.sdk.AttendanceRecorded;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.LessonObserved;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PlayedSegment;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.SupportVisitRecorded;
import org.learntrace.sdk.SurveyAnswered;
import org.learntrace.sdk.VideoCompleted;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.sdk.VideoProgressed;
import org.learntrace.sdk.VideoSeeked;

/**
 * Events of all 15 types as a sink reads them from the outbox: people pseudonymous (43-character
 * base64url pseudonyms, occasionally {@code anonymous}, rarely an id sent in clear under the
 * IDENTIFIED level), schools and classes pseudonymised, no user agent, IP or device id; instants
 * with millisecond precision. Ids mix ASCII, Bangla, slashes, spaces and dots so that IRI encoding
 * is exercised; every optional field is sometimes null.
 */
final class RandomEvents {
  static final int TYPES = 15;
  private final Random r;

  RandomEvents(Random r) {
    this.r = r;
  }

  /** Any event, each type equally likely. */
  static Arbitrary<LearningEvent> events() {
    return Arbitraries.randomValue(random -> new RandomEvents(random).any()).withoutEdgeCases();
  }

  /** An event of type number {@code type} (0 to 14, in the order of LearningEvent's subtypes). */
  static Arbitrary<LearningEvent> ofType(int type) {
    return Arbitraries.randomValue(random -> new RandomEvents(random).of(type)).withoutEdgeCases();
  }

  LearningEvent any() {
    return of(r.nextInt(TYPES));
  }

  LearningEvent of(int type) {
    CourseModule cm = new CourseModule(known("ags"), maybe(() -> known("m3")));
    return switch (type) {
      case 0 -> new ModuleLifecycle(occurrence(), teacher(), cm, pick(ModuleLifecycle.Step.values()), maybe(this::registration),
          maybe(this::id), maybe(() -> scaled()), maybe(this::duration));
      case 1 -> new VideoPlayed(occurrence(), teacher(), cm, video(), maybe(this::id), seconds());
      case 2 -> new VideoPaused(occurrence(), teacher(), cm, video(), maybe(this::id), seconds(), segments(), fraction());
      case 3 -> new VideoSeeked(occurrence(), teacher(), cm, video(), maybe(this::id), seconds(), seconds());
      case 4 -> new VideoCompleted(occurrence(), teacher(), cm, video(), maybe(this::id), seconds(), segments(), fraction(), seconds());
      case 5 -> new VideoProgressed(occurrence(), teacher(), cm, video(), maybe(this::id), seconds(), segments(), fraction(), seconds());
      case 6 -> new QuizItemAnswered(occurrence(), teacher(), cm, known("m3-quiz"), maybe(this::id), known("q1"), maybe(this::interaction),
          maybe(this::response), maybe(r::nextBoolean), maybe(this::score));
      case 7 -> new QuizAttemptFinished(occurrence(), teacher(), cm, known("m3-quiz"), maybe(this::id), scaled(), r.nextBoolean(), maybe(this::duration));
      case 8 -> new CommunityAction(occurrence(), teacher(), cm, maybe(this::id), pick(CommunityAction.Verb.values()),
          maybe(this::id), maybe(this::id));
      case 9 -> new AttendanceRecorded(occurrence(), teacher(), cm, maybe(this::id), date(), r.nextBoolean(), maybe(this::location));
      case 10 -> new SupportVisitRecorded(occurrence(), teacher(), person(Person.Role.HEADTEACHER), cm, maybe(this::location),
          date(), maybe(this::id));
      case 11 -> new SurveyAnswered(occurrence(), teacher(), cm, maybe(() -> known("self-report")), known("modules-done"), maybe(this::id), maybe(this::response),
          maybe(this::score));
      case 12 -> new AssessmentResultRecorded(occurrence(), person(Person.Role.STUDENT), teacher(),
          maybe(() -> person(Person.Role.OBSERVER)), cm, r.nextInt(10) == 0 ? new Location(null, null, null, null, null, null) : location(),
          maybe(() -> pick(AssessmentResultRecorded.Gender.values())), 1 + r.nextInt(5), maybe(() -> pick(new String[] {"treatment", "comparison", "arm/২"})),
          pick(AssessmentResultRecorded.Wave.values()), known("egma-25"), maybe(this::id), maybe(this::id), maybe(this::date), items(),
          maybe(this::score), maybe(() -> scaled()));
      case 13 -> new LessonObserved(occurrence(), teacher(), person(Person.Role.OBSERVER), cm, maybe(this::location), known("lesson-obs"),
          maybe(this::id), maybe(this::date), indicators(), score());
      case 14 -> new ConsentWithdrawn(occurrence(), person(pick(Person.Role.values())), cm, maybe(() -> pick(new String[] {"research", "analytics", "গবেষণা"})));
      default -> throw new IllegalArgumentException("type " + type);
    };
  }

  // ---- parts ----

  Occurrence occurrence() {
    Instant at = Instant.ofEpochMilli(1_577_836_800_000L + (long) (r.nextDouble() * 315_360_000_000L));
    Instant received = maybe(() -> at.plusNanos(r.nextInt(1_000_000_000)).plusSeconds(r.nextInt(30 * 86_400)));
    Device device = maybe(() -> new Device(pick(Device.DeviceClass.values()), maybe(() -> pick(Device.NetworkType.values())),
        r.nextBoolean(), maybe(() -> (long) r.nextInt(50_000_000)), null, null, null));
    Map<String, String> attributes = new HashMap<>();
    int n = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0;
    for (int i = 0; i < n; i++) {
      attributes.put(id(), text());
    }
    return new Occurrence(at, received, device, maybe(this::id), attributes);
  }

  Person teacher() {
    return person(r.nextInt(10) == 0 ? pick(Person.Role.values()) : Person.Role.TEACHER);
  }

  Person person(Person.Role role) {
    String idSpace = switch (r.nextInt(4)) {
      case 0 -> "https://muktopaath.gov.bd/id/teachers";
      case 1 -> "https://example.org/ids/" + role.name().toLowerCase();
      default -> null;
    };
    boolean clear = r.nextInt(20) == 0;
    String id = clear ? "T-" + r.nextInt(100_000) : r.nextInt(30) == 0 ? "anonymous" : pseudonym();
    return new Person(role, idSpace, id, !clear);
  }

  String pseudonym() {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  Location location() {
    Location l;
    do {
      l = new Location(maybe(() -> pick(new String[] {"Dhaka", "Rangpur", "Sylhet", "রাজশাহী"})),
          maybe(() -> pick(new String[] {"Gaibandha", "Kurigram", "Sunamganj"})), maybe(this::id), maybe(this::id),
          maybe(this::pseudonym), maybe(this::pseudonym));
    } while (l.equals(new Location(null, null, null, null, null, null)));
    return l;
  }

  String id() {
    return switch (r.nextInt(8)) {
      case 0 -> "m" + r.nextInt(10);
      case 1 -> "মডিউল-" + r.nextInt(10);
      case 2 -> "a/b c?d#" + r.nextInt(10);
      case 3 -> pick(new String[] {".", "..", "x.y", "100%", "~tilde", "ü"});
      case 4 -> text();
      default -> Long.toString(r.nextLong() & 0xffffffL, 36);
    };
  }

  String text() {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(4);
      b.append(kind == 0 ? (char) (0x0980 + r.nextInt(0x7f)) : kind == 1 ? "😀" : String.valueOf((char) (0x20 + r.nextInt(0x5f))));
    }
    return b.toString();
  }

  /** The id the test catalog knows, half of the time; any id otherwise. */
  String known(String catalogId) {
    return r.nextBoolean() ? catalogId : id();
  }

  String video() {
    if (r.nextBoolean()) {
      return "m3-v1";
    }
    return r.nextInt(4) == 0 ? "https://cdn.muktopaath.gov.bd/ags/" + id().replace(" ", "_").replace("#", "") + ".mp4" : id();
  }

  String registration() {
    return r.nextBoolean() ? new java.util.UUID(r.nextLong(), r.nextLong()).toString() : "enrol-" + id();
  }

  String interaction() {
    return pick(new String[] {"choice", "true-false", "fill-in", "long-fill-in", "matching", "performance", "sequencing",
        "likert", "numeric", "other", "drag-and-drop"});
  }

  String response() {
    return pick(new String[] {"a", "a[,]b", "true", "৩", "12.5", "", "a[.]1[,]b[.]2"});
  }

  Duration duration() {
    return Duration.ofMillis(r.nextInt(10_000_000)).plusNanos(r.nextInt(3) == 0 ? r.nextInt(1_000_000) : 0);
  }

  double seconds() {
    return Math.round(r.nextDouble() * 3_600_000) / 1000.0;
  }

  double fraction() {
    return Math.round(r.nextDouble() * 1000) / 1000.0;
  }

  double scaled() {
    return Math.round((r.nextDouble() * 2 - 1) * 10_000) / 10_000.0;
  }

  double score() {
    return r.nextInt(3) == 0 ? r.nextInt(30) : r.nextDouble() * 100;
  }

  LocalDate date() {
    return LocalDate.of(2020, 1, 1).plusDays(r.nextInt(3650));
  }

  List<PlayedSegment> segments() {
    List<PlayedSegment> list = new ArrayList<>();
    int n = r.nextInt(4);
    double at = 0;
    for (int i = 0; i < n; i++) {
      double start = at + Math.round(r.nextDouble() * 100_000) / 1000.0;
      double end = start + (r.nextInt(5) == 0 ? 0 : r.nextDouble() * 300);
      list.add(new PlayedSegment(start, end));
      at = end;
    }
    return list;
  }

  List<AssessmentResultRecorded.ItemScore> items() {
    List<AssessmentResultRecorded.ItemScore> list = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      boolean missing = r.nextInt(5) == 0;
      list.add(new AssessmentResultRecorded.ItemScore(r.nextInt(20) == 0 ? null : "item-" + i,
          missing ? null : (double) r.nextInt(3), 2, missing ? pick(new String[] {"absent", "refused", "-99"}) : null));
    }
    return list;
  }

  List<LessonObserved.IndicatorScore> indicators() {
    List<LessonObserved.IndicatorScore> list = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      list.add(new LessonObserved.IndicatorScore("ind-" + i, r.nextInt(5), 4));
    }
    return list;
  }

  <T> T pick(T[] values) {
    return values[r.nextInt(values.length)];
  }

  /** The value, or null one time in three. */
  <T> T maybe(Supplier<T> value) {
    return r.nextInt(3) == 0 ? null : value.get();
  }
}
