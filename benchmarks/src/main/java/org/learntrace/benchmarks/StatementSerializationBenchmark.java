package org.learntrace.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import gov.adlnet.xapi.model.IStatementObject;
import gov.adlnet.xapi.model.adapters.ActorAdapter;
import gov.adlnet.xapi.model.adapters.StatementObjectAdapter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.LanguageMap;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.Violation;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building and serializing one realistic ~1 KB "video played" statement (a teacher on Muktopaath,
 * Bangla and English names, video-profile result and context extensions), three ways side by
 * side: with LearnTrace's model and {@link XapiJson}, with the peer {@code gov.adlnet:jxapi:2.0.0}
 * serialized the way its {@code StatementClient} does, and with plain records through a default
 * Jackson {@code ObjectMapper}; plus LearnTrace's validator on that statement.
 *
 * <p>Every method builds the whole statement on each call from the same constants and the same
 * per-call inputs: the playhead {@code time} and {@code progress} come from a counter so that the
 * JIT cannot fold the statement into a constant. {@code StatementSerializationBenchmarkTest} proves
 * that the three outputs describe the same statement.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar StatementSerializationBenchmark -f 1 -wi 3 -w 2 -i 5 -r 3 -t 1
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class StatementSerializationBenchmark {
  static final String EN = "en-US";
  static final String BN = "bn-BD";

  static final String TEACHERS = "https://muktopaath.gov.bd/id/teachers";
  /** A 128-bit keyed pseudonym in base64url, as sdk-core issues them. */
  static final String TEACHER_PSEUDONYM = "k9Qz3vR2bT7wXy1LmN4pHg";

  static final String PLAYED = "https://w3id.org/xapi/video/verbs/played";

  static final String VIDEO = "https://muktopaath.gov.bd/ags/module/3/video/1";
  static final String VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video";
  static final String VIDEO_NAME_EN = "Counting objects in the classroom";
  static final String VIDEO_NAME_BN = "শ্রেণিকক্ষে বস্তু গণনা";
  static final String VIDEO_DESCRIPTION_EN = "Learners count objects in class up to 20.";

  static final String MODULE = "https://muktopaath.gov.bd/ags/module/3";

  static final String COURSE = "https://muktopaath.gov.bd/ags";

  static final String SCHOOL = "https://muktopaath.gov.bd/id/schools/Q7mX2pLr";
  static final String VIDEO_PROFILE = "https://w3id.org/xapi/video";

  static final String TIME = "https://w3id.org/xapi/video/extensions/time";
  static final String PLAYED_SEGMENTS = "https://w3id.org/xapi/video/extensions/played-segments";
  static final String PROGRESS = "https://w3id.org/xapi/video/extensions/progress";
  static final String SESSION_ID = "https://w3id.org/xapi/video/extensions/session-id";
  static final String LENGTH = "https://w3id.org/xapi/video/extensions/length";
  static final String DEVICE_CLASS = "https://learntrace.org/xapi/extensions/device-class";

  static final String SEGMENTS = "0[.]12.5[,]30[.]95.4";
  static final String SESSION = "a1b2c3d4-0000-4000-8000-000000000001";
  static final String DEVICE = "phone";
  static final double VIDEO_LENGTH = 600.0;

  // Inputs held in non-final fields so that the JIT treats them as data, not constants.
  UUID statementId = UUID.fromString("0f7b2c9e-3d41-4a6b-8c5e-1a2b3c4d5e02");
  UUID registration = UUID.fromString("6d1f3a52-8e0b-4c1e-9b5a-2f7d3c9e1a40");
  Instant timestamp = Instant.parse("2026-03-14T09:27:02.114Z");

  private long calls;
  private Gson gson;
  private ObjectMapper jackson;
  private StatementValidator validator;
  private Statement validStatement;

  /** Creates the serializers once, as a long-lived client would, and the statement to validate. */
  @Setup
  public void setUp() {
    gson = new GsonBuilder()
        .registerTypeAdapter(gov.adlnet.xapi.model.Actor.class, new ActorAdapter())
        .registerTypeAdapter(IStatementObject.class, new StatementObjectAdapter())
        .create();
    jackson = new ObjectMapper();
    validator = StatementValidator.forVersion(XapiVersion.V2_0_0);
    validStatement = learntraceStatement(95.5);
    List<Violation> violations = validator.validate(validStatement);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("the benchmark statement must be valid: " + violations);
    }
  }

  /** LearnTrace: build with the model's builders, serialize with {@link XapiJson#toBytes}. */
  @Benchmark
  public byte[] learntrace() {
    return learntraceBytes(nextTime());
  }

  /** jxapi 2.0.0: build with its mutable beans, serialize with the Gson its client uses. */
  @Benchmark
  public byte[] jxapi() {
    return jxapiBytes(nextTime());
  }

  /** Baseline: plain records and maps through a default {@code ObjectMapper}. */
  @Benchmark
  public byte[] jacksonRecords() {
    return jacksonRecordsBytes(nextTime());
  }

  /** LearnTrace's xAPI 2.0.0 validator on a statement built once; returns the (empty) violations. */
  @Benchmark
  public List<Violation> validate() {
    return validator.validate(validStatement);
  }

  /** The playhead in seconds, 0 to 511.5 in half seconds, different on consecutive calls. */
  private double nextTime() {
    return 0.5 * (calls++ & 1023);
  }

  /** Progress as the video profile reports it: a fraction of the length, to three decimals. */
  static double progress(double time) {
    return Math.rint(time / VIDEO_LENGTH * 1000) / 1000;
  }

  // ---- LearnTrace ----

  byte[] learntraceBytes(double time) {
    return XapiJson.toBytes(learntraceStatement(time));
  }

  Statement learntraceStatement(double time) {
    return Statement.builder()
        .id(statementId)
        .actor(Agent.ofAccount(TEACHERS, TEACHER_PSEUDONYM))
        .verb(Verb.of(PLAYED, EN, "played"))
        .object(Activity.builder(VIDEO)
            .name(LanguageMap.of(EN, VIDEO_NAME_EN, BN, VIDEO_NAME_BN))
            .description(LanguageMap.of(EN, VIDEO_DESCRIPTION_EN))
            .type(VIDEO_TYPE)
            .build())
        .result(Result.builder()
            .extensions(Extensions.builder()
                .put(TIME, time)
                .put(PLAYED_SEGMENTS, SEGMENTS)
                .put(PROGRESS, progress(time))
                .build())
            .build())
        .context(Context.builder()
            .registration(registration)
            .parent(Activity.of(MODULE))
            .grouping(Activity.of(COURSE))
            .grouping(Activity.of(SCHOOL))
            .category(Activity.of(VIDEO_PROFILE))
            .extensions(Extensions.builder()
                .put(SESSION_ID, SESSION)
                .put(LENGTH, VIDEO_LENGTH)
                .put(DEVICE_CLASS, DEVICE)
                .build())
            .build())
        .timestamp(timestamp)
        .build();
  }

  // ---- jxapi ----

  byte[] jxapiBytes(double time) {
    return gson.toJson(jxapiStatement(time)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The same statement in jxapi's model. Uses the no-argument {@code Statement} constructor: the
   * three-argument one calls {@code UUID.randomUUID()}, a cost that would be jxapi's own but that
   * a caller setting a deterministic id does not need.
   */
  gov.adlnet.xapi.model.Statement jxapiStatement(double time) {
    HashMap<String, String> verbDisplay = new HashMap<>();
    verbDisplay.put(EN, "played");

    HashMap<String, String> videoName = new HashMap<>();
    videoName.put(EN, VIDEO_NAME_EN);
    videoName.put(BN, VIDEO_NAME_BN);
    HashMap<String, String> videoDescription = new HashMap<>();
    videoDescription.put(EN, VIDEO_DESCRIPTION_EN);
    gov.adlnet.xapi.model.ActivityDefinition videoDefinition =
        new gov.adlnet.xapi.model.ActivityDefinition(videoName, videoDescription);
    videoDefinition.setType(VIDEO_TYPE);

    JsonObject resultExtensions = new JsonObject();
    resultExtensions.addProperty(TIME, time);
    resultExtensions.addProperty(PLAYED_SEGMENTS, SEGMENTS);
    resultExtensions.addProperty(PROGRESS, progress(time));
    gov.adlnet.xapi.model.Result result = new gov.adlnet.xapi.model.Result();
    result.setExtensions(resultExtensions);

    ArrayList<gov.adlnet.xapi.model.Activity> parent = new ArrayList<>();
    parent.add(new gov.adlnet.xapi.model.Activity(MODULE));
    ArrayList<gov.adlnet.xapi.model.Activity> grouping = new ArrayList<>();
    grouping.add(new gov.adlnet.xapi.model.Activity(COURSE));
    grouping.add(new gov.adlnet.xapi.model.Activity(SCHOOL));
    ArrayList<gov.adlnet.xapi.model.Activity> category = new ArrayList<>();
    category.add(new gov.adlnet.xapi.model.Activity(VIDEO_PROFILE));
    gov.adlnet.xapi.model.ContextActivities contextActivities = new gov.adlnet.xapi.model.ContextActivities();
    contextActivities.setParent(parent);
    contextActivities.setGrouping(grouping);
    contextActivities.setCategory(category);

    HashMap<String, JsonElement> contextExtensions = new HashMap<>();
    contextExtensions.put(SESSION_ID, new JsonPrimitive(SESSION));
    contextExtensions.put(LENGTH, new JsonPrimitive(VIDEO_LENGTH));
    contextExtensions.put(DEVICE_CLASS, new JsonPrimitive(DEVICE));
    gov.adlnet.xapi.model.Context context = new gov.adlnet.xapi.model.Context();
    context.setRegistration(registration.toString());
    context.setContextActivities(contextActivities);
    context.setExtensions(contextExtensions);

    gov.adlnet.xapi.model.Statement s = new gov.adlnet.xapi.model.Statement();
    s.setId(statementId.toString());
    // jxapi's Account constructor takes (name, homePage), the reverse of the JSON order.
    s.setActor(new gov.adlnet.xapi.model.Agent(null, new gov.adlnet.xapi.model.Account(TEACHER_PSEUDONYM, TEACHERS)));
    s.setVerb(new gov.adlnet.xapi.model.Verb(PLAYED, verbDisplay));
    s.setObject(new gov.adlnet.xapi.model.Activity(VIDEO, videoDefinition));
    s.setResult(result);
    s.setContext(context);
    s.setTimestamp(timestamp.toString());
    return s;
  }

  // ---- plain records + Jackson ----

  byte[] jacksonRecordsBytes(double time) {
    try {
      return jackson.writeValueAsBytes(plainStatement(time));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  PlainStatement plainStatement(double time) {
    return new PlainStatement(
        statementId,
        new PlainStatement.Agent("Agent", new PlainStatement.Account(TEACHERS, TEACHER_PSEUDONYM)),
        new PlainStatement.Verb(PLAYED, Map.of(EN, "played")),
        new PlainStatement.Activity("Activity", VIDEO, new PlainStatement.Definition(
            Map.of(EN, VIDEO_NAME_EN, BN, VIDEO_NAME_BN), Map.of(EN, VIDEO_DESCRIPTION_EN), VIDEO_TYPE)),
        new PlainStatement.Result(Map.of(
            TIME, time,
            PLAYED_SEGMENTS, SEGMENTS,
            PROGRESS, progress(time))),
        new PlainStatement.Context(
            registration,
            new PlainStatement.ContextActivities(
                List.of(new PlainStatement.Activity("Activity", MODULE, null)),
                List.of(
                    new PlainStatement.Activity("Activity", COURSE, null),
                    new PlainStatement.Activity("Activity", SCHOOL, null)),
                List.of(new PlainStatement.Activity("Activity", VIDEO_PROFILE, null))),
            Map.of(
                SESSION_ID, SESSION,
                LENGTH, VIDEO_LENGTH,
                DEVICE_CLASS, DEVICE)),
        timestamp.toString());
  }
}
