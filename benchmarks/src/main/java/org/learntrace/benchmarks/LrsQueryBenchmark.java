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
import java.util.concurrent.FutureTask;
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
 * <p>{@link #ingestRate}: statements per second that a background thread keeps POSTing (batches of
 * {@value LrsIngestBenchmark#BATCH}, the same stream continued after the loaded statements, paced by
 * elapsed time) from the end of loading through warm-up and measurement, so the queries run during
 * concurrent ingest: each query first catches the posting lists up with every statement committed
 * before it, which the background index writer would otherwise write once per ~32k entries or per
 * second. The achieved rate is printed at teardown ({@code # ingest during measurement: ...}); a
 * POST not answered 200 fails the run. {@code ingestRate=0} starts no thread: the benchmark as it
 * was before the parameter.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LrsQueryBenchmark -f 1 -wi 1 -w 5 -i 2 -r 10 -p ingestRate=0
 * java -jar benchmarks/target/benchmarks.jar LrsQueryBenchmark -f 1 -wi 1 -w 5 -i 2 -r 10 \
 *     -p statements=1000000 -p ingestRate=0,1000,5000 -p lrs=h2,postgres
 * java -jar benchmarks/target/benchmarks.jar LrsQueryBenchmark -f 1 -wi 1 -w 5 -i 2 -r 15 \
 *     -p statements=1000000 -p ingestRate=0,5000 -p pauseMillis=500 -p lrs=h2,postgres
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

  /** Statements per second POSTed in the background while the queries run; 0: none. */
  @Param({"0", "1000", "5000"})
  public int ingestRate;

  /**
   * Quiet before each query, not measured (JMH invocation setup): 0 runs the queries back to back,
   * so each one finds at most the entries of the batches posted since the last; 500 lets the index
   * writer fall behind as it does between a dashboard's occasional queries (up to ~32k entries).
   */
  @Param({"0"})
  public int pauseMillis;

  LrsTarget target;
  HttpClient http;
  String authorization;
  String since;
  FutureTask<Void> ingest;
  volatile boolean ingesting;
  final AtomicLong ingested = new AtomicLong();
  long ingestStart;

  @Setup(Level.Trial)
  public void load() throws Exception {
    target = LrsTarget.start(lrs);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    authorization = "Basic " + Base64.getEncoder()
        .encodeToString((LrsTarget.USER + ":" + LrsTarget.PASSWORD).getBytes(StandardCharsets.UTF_8));
    Instant loadStart = Instant.now();
    AtomicLong nextBatch = new AtomicLong();
    ExecutorService loaders = Executors.newFixedThreadPool(LOADERS);
    List<Future<?>> done = new ArrayList<>();
    for (int l = 0; l < LOADERS; l++) {
      done.add(loaders.submit(() -> {
        for (long n; (n = nextBatch.getAndAdd(LrsIngestBenchmark.BATCH)) < statements; ) {
          post(http, n, "loading");
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
    if (ingestRate > 0) {
      // Loading POSTed whole batches from 0: the stream continues at the next multiple of BATCH.
      long first = (statements + LrsIngestBenchmark.BATCH - 1L) / LrsIngestBenchmark.BATCH * LrsIngestBenchmark.BATCH;
      HttpClient ingestHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      ingesting = true;
      ingest = new FutureTask<>(() -> ingestLoop(ingestHttp, first));
      Thread t = new Thread(ingest, "ingest-during-query");
      t.setDaemon(true);
      t.start();
    }
  }

  /** POSTs batches from {@code first} on at {@link #ingestRate} statements/s until told to stop. */
  private Void ingestLoop(HttpClient client, long first) throws Exception {
    ingestStart = System.nanoTime();
    for (long n = first; ingesting; n += LrsIngestBenchmark.BATCH) {
      post(client, n, "ingest during measurement");
      long posted = ingested.addAndGet(LrsIngestBenchmark.BATCH);
      long wait = ingestStart + posted * 1_000_000_000L / ingestRate - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    return null;
  }

  private void post(HttpClient client, long first, String what) throws Exception {
    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(target.endpoint().resolve("statements"))
        .header("Authorization", authorization)
        .header("X-Experience-API-Version", "1.0.3").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(LrsIngestBenchmark.batch(first))).build(),
        HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(lrs + ": " + what + " answered " + r.statusCode() + " (batch from " + first + ")");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    try {
      if (ingest != null) {
        ingesting = false;
        ingest.get(2, TimeUnit.MINUTES); // rethrows a failed POST
        double seconds = (System.nanoTime() - ingestStart) / 1e9;
        System.out.printf("# ingest during measurement: %d statements in %.1f s = %.0f statements/s (target %d)%n",
            ingested.get(), seconds, ingested.get() / seconds, ingestRate);
      }
    } finally {
      target.close();
    }
  }

  @Setup(Level.Invocation)
  public void pause() throws InterruptedException {
    if (pauseMillis > 0) {
      Thread.sleep(pauseMillis);
    }
  }

  @Benchmark
  public int teacherQuery() throws Exception {
    if (ingest != null && ingest.isDone()) {
      ingest.get(); // the ingest thread only ends early by failing: fail the run with its exception
    }
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
