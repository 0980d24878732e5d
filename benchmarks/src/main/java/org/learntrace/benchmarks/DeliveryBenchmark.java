package org.learntrace.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.learntrace.lrs.Credential;
import org.learntrace.lrs.EmbeddedLrs;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.InMemorySink;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.sink.LrsSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Statements delivered per second from a platform to an LRS. {@code learntrace}: track → durable
 * outbox → dispatcher → LrsSink (EventMapper) → HTTP, measured until the LRS has every statement
 * ({@value #EVENTS} events per invocation, then {@code flush}). {@code jxapiSingle}: {@code
 * gov.adlnet:jxapi} posting one statement per request; {@code jxapiBatch}: jxapi posting batches
 * of 100. Targets: {@code lrs} (ours on H2, loopback) and {@code discard} (a loopback endpoint that
 * answers as an LRS and keeps nothing: the client's own ceiling).
 *
 * <p>Same statements: jxapi posts, field for field, what LearnTrace's mapping makes of the same
 * events (checked at setup: the two serialize to the same JSON). jxapi's statements are built once
 * at setup and only given a fresh id and timestamp per post, so its figure leaves out the building
 * that LearnTrace's includes (track, pseudonymise, map).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DeliveryBenchmark
 * </pre>
 *
 * <p>Warm-up is 3 × 5 s: the pipeline's code (outbox writer, mapper, validator, writer, HTTP
 * client) is only fully compiled after some 15 s, and shorter warm-ups measured it half-compiled.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeliveryBenchmark {
  static final int EVENTS = 2000;
  static final int BATCH = 100;
  static final int POOL = 2000;
  static final Instant T0 = Instant.parse("2026-03-14T09:00:00.000Z");

  @Param({"discard", "lrs"})
  public String target;

  AutoCloseable server;
  URI endpoint;
  Path dir;
  LearnTrace learnTrace;
  JxapiStatements.Client jxapi;
  /** jxapi's copies of LearnTrace's statements for events {@code 0..POOL-1}; reused in turn. */
  gov.adlnet.xapi.model.Statement[] pool;
  final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("delivery-bench");
    if (target.equals("lrs")) {
      EmbeddedLrs lrs = EmbeddedLrs.builder().dataDirectory(dir.resolve("lrs"))
          .credential(Credential.all(LrsTarget.USER, LrsTarget.PASSWORD)).start();
      server = lrs;
      endpoint = lrs.baseUri();
    } else {
      DiscardLrs discard = new DiscardLrs();
      server = discard;
      endpoint = discard.endpoint();
    }
    LrsClient client = LrsClient.builder(endpoint).credentials(Credentials.basic(LrsTarget.USER, LrsTarget.PASSWORD))
        .version(XapiVersion.V1_0_3).validateBeforeSending(false).build();
    AnalyticsPolicy everything = new AnalyticsPolicy("base",
        new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null), Map.of());
    learnTrace = LearnTrace.builder()
        .setOutboxDirectory(dir.resolve("outbox"))
        .setPseudonymKey("k1", "benchmark-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
        .setBasePolicy(everything)
        .setPolicyPollInterval(Duration.ZERO)
        .setMetricsLogInterval(Duration.ZERO)
        .addSink(LrsSink.builder("research-lrs", client, EventMapper.create(CourseCatalog.empty("https://muktopaath.gov.bd"))).build())
        .build();
    jxapi = new JxapiStatements.Client(endpoint.toString(), LrsTarget.USER, LrsTarget.PASSWORD);
    pool = jxapiPool(everything);
  }

  /**
   * LearnTrace's statements for events {@code 0..POOL-1} (tracked through a pipeline of their own
   * with the same key and destination name, so with the same pseudonyms), in jxapi's model.
   */
  private gov.adlnet.xapi.model.Statement[] jxapiPool(AnalyticsPolicy policy) throws Exception {
    InMemorySink captured = new InMemorySink("research-lrs");
    try (LearnTrace lt = LearnTrace.builder()
        .setOutboxDirectory(dir.resolve("pool-outbox"))
        .setPseudonymKey("k1", "benchmark-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
        .setBasePolicy(policy)
        .setPolicyPollInterval(Duration.ZERO)
        .setMetricsLogInterval(Duration.ZERO)
        .addSink(captured)
        .build()) {
      for (long n = 0; n < POOL; n++) {
        lt.tracker().track(played(n));
      }
      if (!lt.flush(Duration.ofMinutes(1))) {
        throw new IllegalStateException("the pool's events were not delivered: " + lt.metrics());
      }
    }
    EventMapper mapper = EventMapper.create(CourseCatalog.empty("https://muktopaath.gov.bd"));
    gov.adlnet.xapi.model.Statement[] out = new gov.adlnet.xapi.model.Statement[POOL];
    int i = 0;
    for (TrackedEvent e : captured.received()) {
      Statement ours = mapper.toStatement(e, XapiVersion.V1_0_3).withId(e.id());
      out[i] = JxapiStatements.of(ours);
      if (!JxapiStatements.sameJson(jxapi, out[i], ours)) {
        throw new IllegalStateException("jxapi would not post the same statement:\n" + jxapi.json(out[i])
            + "\nvs\n" + XapiJson.toJson(ours));
      }
      i++;
    }
    if (i != POOL) {
      throw new IllegalStateException("expected " + POOL + " statements in the pool, got " + i);
    }
    return out;
  }

  /** jxapi's statement for event {@code n}: the pool's, with an id and timestamp of its own. */
  gov.adlnet.xapi.model.Statement jxapiPlayed(long n) {
    gov.adlnet.xapi.model.Statement s = pool[(int) (n % POOL)];
    // A version-4-shaped id that no LearnTrace id (name-based, version 5) can equal.
    s.setId(new UUID(0x6a78_6170_6900_4000L, n & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L).toString());
    s.setTimestamp(T0.plusMillis(n).toString());
    return s;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    learnTrace.close();
    server.close();
  }

  static VideoPlayed played(long n) {
    Occurrence at = Occurrence.at(T0.plusMillis(n)).withNaturalKey("bench-" + n);
    return new VideoPlayed(at, Person.teacher("teacher-" + (n % 300)), CourseModule.of("ags", "m" + (n % 9 + 1)),
        "v" + (n % 5), "session-" + (n / 20), n % 600);
  }

  /** Track {@value #EVENTS} events and wait until the LRS has them all. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public boolean learntrace() throws Exception {
    long first = sequence.getAndAdd(EVENTS);
    for (long n = first; n < first + EVENTS; n++) {
      learnTrace.tracker().track(played(n));
    }
    if (!learnTrace.flush(Duration.ofMinutes(5))) {
      throw new IllegalStateException("not delivered within 5 minutes: " + learnTrace.metrics());
    }
    return true;
  }

  /** jxapi, one statement per request, on the caller's thread. */
  @Benchmark
  public String jxapiSingle() throws Exception {
    return jxapi.postStatement(jxapiPlayed(sequence.getAndIncrement()));
  }

  /** jxapi, 100 statements per request, on the caller's thread. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object jxapiBatch() throws Exception {
    long first = sequence.getAndAdd(BATCH);
    ArrayList<gov.adlnet.xapi.model.Statement> batch = new ArrayList<>(BATCH);
    for (long n = first; n < first + BATCH; n++) {
      batch.add(jxapiPlayed(n));
    }
    return jxapi.postStatements(batch);
  }
}
