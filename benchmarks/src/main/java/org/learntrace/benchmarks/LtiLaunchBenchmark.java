package org.learntrace.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.learntrace.lti.LtiLaunch;
import org.learntrace.lti.LtiPlatform;
import org.learntrace.lti.LtiTool;
import org.learntrace.lti.PlatformLaunch;
import org.learntrace.lti.PlatformRegistration;
import org.learntrace.lti.PlatformRegistry;
import org.learntrace.lti.PlatformUser;
import org.learntrace.lti.ToolRegistration;
import org.learntrace.lti.ToolRegistry;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * What an LTI 1.3 tool does per launch: {@code LtiTool.launch(form, cookies)} — state lookup and
 * browser binding, the id_token's RS256 signature checked with the platform key from the cached
 * JWKS, iss / aud / azp / exp / iat, the nonce (single use, recorded), the LTI claims, the typed
 * launch and the research event's pseudonym.
 *
 * <p>Nonces and states are single use, so every measured launch needs a fresh login + id_token
 * pair from our own platform side ({@code initiateLaunch} → {@code LtiTool.login} →
 * {@code authorize}). The platform's RS256 signing costs far more than validation and is not what a
 * tool pays, so the pairs are made before each iteration ({@code Level.Iteration}, outside the
 * measured time, on all cores) in a batch sized from the fastest rate reached so far (the
 * first from a calibration run) with a safety margin. A batch that runs out fails the run rather
 * than measure anything else. The platform's JWKS is served by a JDK {@code HttpServer} on
 * loopback and fetched once: the tool's JWKS cache lives an hour, longer than the run (the count of
 * fetches is printed at tear-down).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@State(Scope.Thread)
public class LtiLaunchBenchmark {
  private static final String CLIENT_ID = "tool-1";
  private static final String DEPLOYMENT = "dep-1";
  private static final String SESSION = "browser-session-1";
  private static final int CALIBRATION = 1_000;

  private record Pending(Map<String, String> form, Map<String, String> cookies) {}

  private HttpServer jwksServer;
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private LtiPlatform platform;
  private LtiTool tool;
  private PlatformLaunch launch;
  private ForkJoinPool signers;

  private Pending[] batch = new Pending[0];
  private int next;
  private double fastestPerSecond;
  private long iterationStartNanos;
  private long validated;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    String issuer = "http://127.0.0.1:" + jwksServer.getAddress().getPort();
    URI toolBase = URI.create("https://tool.example");
    URI launchUrl = URI.create(toolBase + "/lti/tool/launch");
    ToolRegistry tools = ToolRegistry.inMemory();
    platform = LtiPlatform.builder().issuer(issuer).baseUrl(URI.create(issuer + "/lti/platform")).tools(tools).build();
    tools.save(new ToolRegistration(CLIENT_ID, "Benchmark tool", URI.create(toolBase + "/lti/tool/login"), Set.of(launchUrl),
        launchUrl, URI.create(toolBase + "/lti/tool/jwks"), Set.of(DEPLOYMENT), ToolRegistration.allAdvantageScopes()));
    jwksServer.createContext("/lti/platform/jwks", exchange -> {
      jwksFetches.incrementAndGet();
      byte[] body = platform.publicJwks().toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    jwksServer.start();
    PlatformRegistry platforms = PlatformRegistry.inMemory();
    platforms.save(new PlatformRegistration(issuer, CLIENT_ID, platform.authorizationUrl(), platform.tokenUrl(),
        platform.jwksUrl(), Set.of(DEPLOYMENT)));
    tool = LtiTool.builder().platforms(platforms).launchUrl(launchUrl)
        .jwksCache(java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(30)).build();
    launch = PlatformLaunch.resourceLink(CLIENT_ID, DEPLOYMENT,
        new PlatformUser("u-17", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
            new LtiLaunch.Person("Rahima Begum", "Rahima", "Begum", "rahima@example.org", URI.create("https://pics.example/r.png"))),
        new LtiLaunch.Context("course-ags-101", "AGS", "Anonde Ghonit Shikhi", List.of()),
        new LtiLaunch.ResourceLink("module-3", "Module 3: place value", null)).withLineItem(20);
    signers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    // Calibration, outside any iteration: fetches the JWKS once and estimates the validation rate.
    Pending[] calibration = make(CALIBRATION);
    long t0 = System.nanoTime();
    for (Pending p : calibration) {
      if (!(tool.launch(p.form(), p.cookies()) instanceof LtiTool.Launched)) {
        throw new IllegalStateException("a calibration launch was not accepted");
      }
    }
    fastestPerSecond = CALIBRATION / ((System.nanoTime() - t0) / 1e9);
  }

  @Setup(Level.Iteration)
  public void makeBatch(IterationParams iteration) {
    double seconds = iteration.getTime().convertTo(TimeUnit.MILLISECONDS) / 1000.0;
    // Cold code speeds up several-fold in the first iteration; later iterations run near the fastest
    // rate seen so far, unless the machine's other load drops (it doubled the rate between two
    // iterations in one run): a margin of 3 on the fastest rate.
    double margin = validated == 0 ? 8.0 : 3.0;
    int size = (int) Math.ceil(fastestPerSecond * seconds * margin) + 5_000;
    long t0 = System.nanoTime();
    batch = make(size);
    System.out.printf("(%,d launches made in %.1f s) ", size, (System.nanoTime() - t0) / 1e9);
    next = 0;
    iterationStartNanos = System.nanoTime();
  }

  @TearDown(Level.Iteration)
  public void measureRate() {
    double seconds = (System.nanoTime() - iterationStartNanos) / 1e9;
    fastestPerSecond = Math.max(fastestPerSecond, next / seconds);
    validated += next;
    batch = new Pending[0];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.printf("%nLtiLaunchBenchmark: %,d launches validated in the iterations; platform JWKS fetched %d time(s)%n",
        validated, jwksFetches.get());
    jwksServer.stop(0);
    signers.shutdownNow();
  }

  @Benchmark
  public LtiTool.LaunchResult validateLaunch() {
    if (next == batch.length) {
      throw new IllegalStateException("the batch of " + batch.length + " pre-made launches ran out: raise the margin");
    }
    Pending p = batch[next];
    batch[next++] = null;
    return tool.launch(p.form(), p.cookies());
  }

  /** {@code n} login + id_token pairs from our platform side, signed on every core. */
  private Pending[] make(int n) {
    return signers.submit(() -> IntStream.range(0, n).parallel().mapToObj(i -> pair()).toArray(Pending[]::new)).join();
  }

  private Pending pair() {
    LtiPlatform.LoginInitiation init = platform.initiateLaunch(launch, SESSION);
    LtiTool.LoginRedirect login = tool.login(init.params());
    LtiPlatform.AuthorizationResponse auth = platform.authorize(query(login.authorizationRequest()), SESSION);
    return new Pending(auth.form(), Map.of(login.cookieName(), login.cookieValue()));
  }

  private static Map<String, String> query(URI u) {
    Map<String, String> q = new HashMap<>();
    for (String pair : u.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }
}
