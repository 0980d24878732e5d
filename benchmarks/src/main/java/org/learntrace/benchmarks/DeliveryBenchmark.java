package org.learntrace.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.learntrace.lrs.Credential;
import org.learntrace.lrs.EmbeddedLrs;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.sink.LrsSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Statements delivered per second from a platform to an LRS. {@code learntrace}: track → durable
 * outbox → dispatcher → LrsSink (EventMapper) → HTTP, measured until the LRS has every statement
 * ({@value #EVENTS} events per invocation, then {@code flush}). {@code jxapiSingle}: {@code
 * gov.adlnet:jxapi} posting one statement per request; {@code jxapiBatch}: jxapi posting batches
 * of 100. Targets: {@code lrs} (ours on H2, loopback) and {@code discard} (a loopback endpoint that
 * answers as an LRS and keeps nothing: the client's own ceiling). Same kind of statement throughout.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DeliveryBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeliveryBenchmark {
  static final int EVENTS = 2000;
  static final int BATCH = 100;
  static final Instant T0 = Instant.parse("2026-03-14T09:00:00.000Z");

  @Param({"discard", "lrs"})
  public String target;

  AutoCloseable server;
  URI endpoint;
  Path dir;
  LearnTrace learnTrace;
  gov.adlnet.xapi.client.StatementClient jxapi;
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
    jxapi = new gov.adlnet.xapi.client.StatementClient(endpoint.toString(), LrsTarget.USER, LrsTarget.PASSWORD);
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

  static gov.adlnet.xapi.model.Statement jxapiPlayed(long n) {
    gov.adlnet.xapi.model.Agent actor = new gov.adlnet.xapi.model.Agent(null,
        new gov.adlnet.xapi.model.Account("teacher-" + (n % 300), "https://muktopaath.gov.bd/id/teachers"));
    gov.adlnet.xapi.model.Statement s = new gov.adlnet.xapi.model.Statement(actor,
        new gov.adlnet.xapi.model.Verb("https://w3id.org/xapi/video/verbs/played"),
        new gov.adlnet.xapi.model.Activity("https://muktopaath.gov.bd/ags/m" + (n % 9 + 1) + "/video/" + (n % 5)));
    s.setTimestamp(T0.plusMillis(n).toString());
    return s;
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
