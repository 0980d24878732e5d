package org.learntrace.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.LanguageMap;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.XapiJson;
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
 * Statements ingested per second by an LRS over HTTP on loopback, in batches of {@value #BATCH}
 * realistic course-player statements (teacher account actor, video profile verb, Bangla names,
 * registration, module/course/school context), with two client threads. Targets: ours on H2 (the
 * embedded default), ours on PostgreSQL, and Learning Locker's statements service in memory mode,
 * in the same run.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LrsIngestBenchmark -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LrsIngestBenchmark {
  static final int BATCH = 100;
  static final int TEACHERS = 300;

  @Param({"h2", "postgres", "learninglocker"})
  public String lrs;

  LrsTarget target;
  HttpClient http;
  URI statements;
  String authorization;
  final AtomicLong sequence = new AtomicLong();

  @Setup(Level.Trial)
  public void start() throws Exception {
    target = LrsTarget.start(lrs);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    statements = target.endpoint().resolve("statements");
    authorization = "Basic " + Base64.getEncoder()
        .encodeToString((LrsTarget.USER + ":" + LrsTarget.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    target.close();
  }

  /** The {@code n}-th statement of the synthetic stream: deterministic, unique id. */
  static Statement statement(long n) {
    int teacher = (int) (n % TEACHERS);
    int module = (int) (n / 7 % 9) + 1;
    String base = "https://learntrace.org/ags/module/" + module;
    return Statement.builder()
        .id(new UUID(0x4c54_0000_0000_4000L | (n >>> 48), 0x8000_0000_0000_0000L | (n & 0xffff_ffff_ffffL)))
        .actor(Agent.ofAccount("https://muktopaath.gov.bd/id/teachers", "t" + teacher + "-Zk3qWm8Rt2xYp4Lv"))
        .verb(Verb.of("https://w3id.org/xapi/video/verbs/played", "en-US", "played"))
        .object(Activity.builder(base + "/video/" + (n % 5 + 1))
            .name(LanguageMap.of("en-US", "Counting objects", "bn-BD", "শ্রেণিকক্ষে বস্তু গণনা"))
            .type("https://w3id.org/xapi/video/activity-type/video").build())
        .result(Result.builder().extensions(Extensions.builder()
            .put("https://w3id.org/xapi/video/extensions/time", (double) (n % 600)).build()).build())
        .context(Context.builder()
            .registration(new UUID(0x4c54_0000_0000_4000L, 0x8000_0000_0000_0000L | teacher))
            .parent(Activity.of(base))
            .grouping(Activity.of("https://learntrace.org/ags"))
            .grouping(Activity.of("https://learntrace.org/id/schools/s" + teacher % 207))
            .category(Activity.of("https://w3id.org/xapi/video"))
            .build())
        .timestamp(Instant.parse("2026-03-14T09:00:00Z").plusSeconds(n))
        .build();
  }

  static byte[] batch(long first) {
    List<Statement> list = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      list.add(statement(first + i));
    }
    return XapiJson.toBytes(list);
  }

  /** One batch POST; the score is statements per second. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int ingest() throws Exception {
    byte[] body = batch(sequence.getAndAdd(BATCH));
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(statements)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", authorization)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(lrs + " answered " + r.statusCode());
    }
    return r.statusCode();
  }
}
