package org.learntrace.xapi.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Learning Locker's xAPI statements service ({@code xapi-statements} from npm, in-memory mode) on
 * a fixed loopback port, which can be stopped and started again on the same port to simulate an
 * outage (its memory store starts empty again): a real third-party LRS for the client and sink
 * tests. Installed once per machine with {@code npm ci} from the lockfile in {@code
 * src/test/peers/xapi-statements}, into {@code ~/.cache/learntrace/peers/}.
 */
public final class LearningLockerPeer implements AutoCloseable {
  private static final Path PEER = Path.of("src/test/peers/xapi-statements");

  private final Path home;
  private final int port;
  private Process process;
  private Path log;

  private LearningLockerPeer(Path home, int port) {
    this.home = home;
    this.port = port;
  }

  /** Installs the peer if needed, starts it on a free port and waits until it answers About. */
  public static LearningLockerPeer start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LearningLockerPeer peer = new LearningLockerPeer(install(), port);
    peer.startAgain();
    return peer;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port + "/xAPI/");
  }

  /** Starts the peer on its port (after {@link #stop}); its store is empty. */
  public void startAgain() throws Exception {
    log = Files.createTempFile("xapi-statements", ".log");
    ProcessBuilder pb = new ProcessBuilder("node", "node_modules/xapi-statements/dist/index.js")
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(Map.of(
        "MODELS_REPO", "memory", "STORAGE_REPO", "memory", "AUTH_REPO", "test", "EVENTS_REPO", "test",
        "EXPRESS_PORT", Integer.toString(port), "WINSTON_CONSOLE_LEVEL", "error",
        "SERVICE_AWAIT_UPDATES", "true", "EXPRESS_MORGAN_DIRECTORY", home.resolve("logs").toString()));
    process = pb.start();
    awaitReady(Duration.ofSeconds(90));
  }

  /** Stops the peer: connections to its port are refused until {@link #startAgain}. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitReady(Duration limit) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("xapi-statements exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint().resolve("about"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("xapi-statements did not answer within " + limit + ": " + Files.readString(log));
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
  }

  private static Path install() throws Exception {
    byte[] lock = Files.readAllBytes(PEER.resolve("package-lock.json"));
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lock)).substring(0, 16);
    Path home = Path.of(System.getProperty("user.home"), ".cache", "learntrace", "peers", "xapi-statements-" + hash);
    if (Files.isRegularFile(home.resolve("node_modules/xapi-statements/dist/index.js"))) {
      return home;
    }
    Files.createDirectories(home);
    Files.copy(PEER.resolve("package.json"), home.resolve("package.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.write(home.resolve("package-lock.json"), lock);
    Process npm = new ProcessBuilder(List.of("npm", "ci", "--omit=dev", "--no-audit", "--no-fund"))
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("npm-ci.log").toFile()).start();
    if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      throw new IllegalStateException("npm ci of xapi-statements failed: " + Files.readString(home.resolve("npm-ci.log")));
    }
    return home;
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      stop();
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }
}
