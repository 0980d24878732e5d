package org.learntrace.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.learntrace.lrs.Credential;
import org.learntrace.lrs.EmbeddedLrs;

/**
 * An LRS to benchmark against, started for one JMH trial: ours on H2 (embedded file database), ours
 * on PostgreSQL (a real server from embedded-postgres), or Learning Locker's statements service
 * ({@code xapi-statements} from the npm registry, memory mode), which the xapi-adapter tests install
 * under {@code ~/.cache/learntrace/peers/}.
 */
final class LrsTarget implements AutoCloseable {
  static final String USER = "bench";
  static final String PASSWORD = "bench-secret";

  private final URI endpoint;
  private final AutoCloseable[] resources;

  private LrsTarget(URI endpoint, AutoCloseable... resources) {
    this.endpoint = endpoint;
    this.resources = resources;
  }

  URI endpoint() {
    return endpoint;
  }

  static LrsTarget start(String kind) throws Exception {
    Path dir = Files.createTempDirectory("lrs-bench-" + kind);
    return switch (kind) {
      case "h2" -> {
        EmbeddedLrs lrs = EmbeddedLrs.builder().dataDirectory(dir).credential(Credential.all(USER, PASSWORD)).start();
        yield new LrsTarget(lrs.baseUri(), lrs, () -> delete(dir));
      }
      case "postgres" -> {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start();
        String url = pg.getJdbcUrl("postgres", "postgres");
        EmbeddedLrs lrs = EmbeddedLrs.builder().jdbc(url, "postgres", "postgres").credential(Credential.all(USER, PASSWORD)).start();
        yield new LrsTarget(lrs.baseUri(), lrs, pg, () -> delete(dir));
      }
      case "learninglocker" -> learningLocker(dir);
      default -> throw new IllegalArgumentException("unknown LRS " + kind + " (h2, postgres, learninglocker)");
    };
  }

  private static LrsTarget learningLocker(Path dir) throws Exception {
    Path peers = Path.of(System.getProperty("user.home"), ".cache", "learntrace", "peers");
    Path home;
    try (Stream<Path> s = Files.list(peers)) {
      home = s.filter(p -> p.getFileName().toString().startsWith("xapi-statements-"))
          .filter(p -> Files.isRegularFile(p.resolve("node_modules/xapi-statements/dist/index.js")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("xapi-statements is not installed under " + peers
              + "; run `mvn -pl xapi-adapter test -Dtest=LrsClientLearningLockerTest` once"));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder pb = new ProcessBuilder("node", "node_modules/xapi-statements/dist/index.js")
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("ll.log").toFile());
    pb.environment().putAll(Map.of("MODELS_REPO", "memory", "STORAGE_REPO", "memory", "AUTH_REPO", "test",
        "EVENTS_REPO", "test", "EXPRESS_PORT", Integer.toString(port), "WINSTON_CONSOLE_LEVEL", "error",
        "EXPRESS_MORGAN_DIRECTORY", dir.resolve("logs").toString()));
    Process process = pb.start();
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/xAPI/");
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        if (http.send(HttpRequest.newBuilder(endpoint.resolve("about")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException("xapi-statements did not start: " + Files.readString(dir.resolve("ll.log")));
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    return new LrsTarget(endpoint, () -> {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }, () -> delete(dir));
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
  }
}
