package org.learntrace.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiTimestamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency of the query a researcher runs for one teacher — {@code agent=<teacher>&related_agents=true
 * &since=<t>} — over {@link #statements} stored statements (default one million), on our LRS with
 * each store. Loading happens once per trial over HTTP, through the same statement resource as any
 * client (POSTs of {@value LrsIngestBenchmark#BATCH} statements of the ingest benchmark's stream from
 * {@value #LOADERS} connections), and is not measured. Read the p95 of the SampleTime result.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LrsQueryBenchmark -f 1 -wi 1 -w 5 -i 2 -r 10
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LrsQueryBenchmark {
  @Param({"h2", "postgres"})
  public String lrs;

  static final int LOADERS = 2;

  @Param({"1000000"})
  public int statements;

  LrsTarget target;
  HttpClient http;
  String authorization;
  String since;

  @Setup(Level.Trial)
  public void load() throws Exception {
    target = LrsTarget.start(lrs);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    authorization = "Basic " + Base64.getEncoder()
        .encodeToString((LrsTarget.USER + ":" + LrsTarget.PASSWORD).getBytes(StandardCharsets.UTF_8));
    URI uri = target.endpoint().resolve("statements");
    Instant loadStart = Instant.now();
    AtomicLong nextBatch = new AtomicLong();
    ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
    List<Future<?>> done = new ArrayList<>();
    for (int l = 0; l < LOADERS; l++) {
      done.add(loaders.submit(() -> {
        for (long n; (n = nextBatch.getAndAdd(LrsIngestBenchmark.BATCH)) < statements; ) {
          HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization)
              .header("X-Experience-API-Version", "1.0.3").header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(LrsIngestBenchmark.batch(n))).build(),
              HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("loading answered " + r.statusCode());
          }
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      loaders.shutdown();
    }
    // "since" in the last tenth of the load: a teacher's recent activity.
    Duration load = Duration.between(loadStart, Instant.now());
    since = XapiTimestamp.of(loadStart.plus(load.multipliedBy(9).dividedBy(10))).text();
    System.out.println("# loaded " + statements + " statements into " + lrs + " in " + load + " ("
        + statements * 1000L / Math.max(1, load.toMillis()) + " statements/s)");
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    target.close();
  }

  @Benchmark
  public int teacherQuery() throws Exception {
    int teacher = ThreadLocalRandom.current().nextInt(LrsIngestBenchmark.TEACHERS);
    String agent = XapiJson.toJson(Agent.ofAccount("https://muktopaath.gov.bd/id/teachers", "t" + teacher + "-Zk3qWm8Rt2xYp4Lv"));
    URI uri = target.endpoint().resolve("statements?agent=" + URLEncoder.encode(agent, StandardCharsets.UTF_8)
        + "&related_agents=true&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", authorization)
        .header("X-Experience-API-Version", "1.0.3").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(lrs + " answered " + r.statusCode());
    }
    return r.body().length;
  }
}
