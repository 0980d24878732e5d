package org.learntrace.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.FsyncMode;
import org.learntrace.sdk.InMemorySink;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.MetricsSnapshot;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.OverflowPolicy;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;
import org.learntrace.sdk.VideoPlayed;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The caller-side cost of recording one learning event. {@code track}: LearnTrace's
 * {@code Tracker.track} with the durable outbox on (fsync every second) and an in-memory sink
 * draining it. {@code jxapiPostStatement}: what a platform does without us — jxapi's synchronous
 * {@code postStatement} on the caller's thread, here into a stand-in LRS on loopback (a JDK
 * {@code HttpServer} that answers 200 with the id; a real LRS would only be slower).
 *
 * <p>{@code track} (Throughput) runs flat out with the {@code BLOCK} overflow policy, so its score
 * is the rate the durable pipeline sustains: every event is stored and delivered, none dropped
 * (the counts are printed at tear-down). {@code trackLatency} (SampleTime) measures the same call
 * when the caller offers events at a paced rate below that capacity (the pacing runs in an
 * invocation-level setup, outside the measured time), which is the caller's cost in service.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class TrackerBenchmark {
  private static final int EVENTS = 4096;
  private static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589Z");

  private Path dir;
  private LearnTrace learnTrace;
  private Tracker tracker;
  private VideoPlayed[] events;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("learntrace-bench");
    AnalyticsPolicy noConsentNeeded = new AnalyticsPolicy("base",
        new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null), Map.of());
    learnTrace = LearnTrace.builder()
        .setOutboxDirectory(dir)
        .setOutboxMaxBytes(4L << 30)
        .setFsyncMode(FsyncMode.INTERVAL)
        .setOverflowPolicy(OverflowPolicy.BLOCK)
        .setBlockTimeout(Duration.ofSeconds(5))
        .setPseudonymKey("bench", "benchmark-study-key-0123456789ab".getBytes(StandardCharsets.UTF_8))
        .setBasePolicy(noConsentNeeded)
        .setBatching(1000, 4 << 20, Duration.ofMillis(5))
        .setMetricsLogInterval(Duration.ZERO)
        .addSink(new InMemorySink("research", false))
        .build();
    tracker = learnTrace.tracker();
    events = new VideoPlayed[EVENTS];
    CourseModule m3 = CourseModule.of("ags", "m3");
    for (int i = 0; i < EVENTS; i++) {
      events[i] = new VideoPlayed(Occurrence.at(T0.plusMillis(i)), Person.teacher("t-" + (i % 500)), m3,
          "m3-video-" + (i % 9), "session-" + (i % 700), i % 300);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    learnTrace.close();
    MetricsSnapshot m = learnTrace.metrics();
    System.out.printf("%nlearntrace: accepted=%d stored=%d sent=%d queued=%d dropped=%s%n",
        m.accepted(), m.stored(), m.sent(), m.queued(), m.dropped());
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** LearnTrace: policy, consent and routing on the caller's thread, then a hand-off to the outbox writer. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public Receipt track() {
    return tracker.track(events[next++ & (EVENTS - 1)]);
  }

  /** The same call, offered at a paced rate (see {@link Pacer}); for the latency distribution. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Receipt trackLatency(Pacer pacer) {
    return tracker.track(events[next++ & (EVENTS - 1)]);
  }

  /** Spends about 10 µs of CPU before each call, outside the measured time: roughly 50-100k events/s offered. */
  @State(Scope.Thread)
  public static class Pacer {
    @Setup(Level.Invocation)
    public void pace() {
      Blackhole.consumeCPU(2_000);
    }
  }

  /** The peer: jxapi posting one statement synchronously, as platforms do without an outbox. */
  @Benchmark
  @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
  public String jxapiPostStatement(JxapiState s) throws IOException {
    return s.client.postStatement(s.statement);
  }

  /** A stand-in LRS on loopback and a jxapi client with one statement. */
  @State(Scope.Benchmark)
  public static class JxapiState {
    HttpServer server;
    gov.adlnet.xapi.client.StatementClient client;
    gov.adlnet.xapi.model.Statement statement;

    @Setup(Level.Trial)
    public void start() throws IOException {
      // As our LRS does: without TCP_NODELAY each jxapi call stalls ~40 ms on delayed ACKs.
      System.setProperty("sun.net.httpserver.nodelay", "true");
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      byte[] reply = ("[\"" + UUID.nameUUIDFromBytes(new byte[] {1}) + "\"]").getBytes(StandardCharsets.UTF_8);
      server.createContext("/xapi/statements", exchange -> {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply);
        }
      });
      server.setExecutor(Executors.newFixedThreadPool(2));
      server.start();
      client = new gov.adlnet.xapi.client.StatementClient(
          "http://127.0.0.1:" + server.getAddress().getPort() + "/xapi/", "user", "password");
      gov.adlnet.xapi.model.Agent actor = new gov.adlnet.xapi.model.Agent(null,
          new gov.adlnet.xapi.model.Account("pseudonym-0000000000000000000000000000000", "https://muktopaath.gov.bd/teachers"));
      statement = new gov.adlnet.xapi.model.Statement(actor,
          new gov.adlnet.xapi.model.Verb("https://w3id.org/xapi/video/verbs/played"),
          new gov.adlnet.xapi.model.Activity("https://muktopaath.gov.bd/ags/m3/video/1"));
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.stop(0);
    }
  }
}
