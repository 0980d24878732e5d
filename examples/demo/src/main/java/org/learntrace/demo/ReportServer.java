package org.learntrace.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a run's output directory read-only over HTTP on loopback: {@code /} redirects to
 * {@code /report/index.html}; {@code /data/…}, {@code /summary.json} and
 * {@code /statements.ndjson} are there too. Nothing outside the directory, and not the LRS's
 * database or an SDK outbox ({@code outbox/}, the course player's {@code player-outbox/}), is served.
 */
final class ReportServer implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "json",
      "application/json", "csv", "text/csv; charset=utf-8", "md", "text/markdown; charset=utf-8", "ndjson",
      "application/x-ndjson");

  private final Path root;
  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "demo-report-server");
    t.setDaemon(true);
    return t;
  });

  private ReportServer(Path root, int port) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
  }

  /** Starts serving {@code root} on {@code port} (0: any free port). */
  static ReportServer start(Path root, int port) throws IOException {
    ReportServer s = new ReportServer(root, port);
    s.server.start();
    return s;
  }

  /** The report's URL. */
  URI reportUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/report/index.html");
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        send(x, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = x.getRequestURI().getPath();
      if (path.equals("/") || path.equals("/report") || path.equals("/report/")) {
        x.getResponseHeaders().add("Location", "/report/index.html");
        x.sendResponseHeaders(302, -1);
        return;
      }
      Path file = root.resolve(path.substring(1)).normalize();
      if (!file.startsWith(root) || file.startsWith(root.resolve("lrs-data")) || file.startsWith(root.resolve("outbox"))
          || file.startsWith(root.resolve(Demo.PLAYER_OUTBOX)) || !Files.isRegularFile(file)) {
        send(x, 404, "text/plain; charset=utf-8", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
        return;
      }
      String name = file.getFileName().toString();
      String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
      String type = TYPES.getOrDefault(ext, "application/octet-stream");
      if ("HEAD".equals(method)) {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(200, -1);
        return;
      }
      send(x, 200, type, Files.readAllBytes(file));
    }
  }

  private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().add("Content-Type", type);
    x.getResponseHeaders().add("Cache-Control", "no-store");
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream os = x.getResponseBody()) {
      os.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
