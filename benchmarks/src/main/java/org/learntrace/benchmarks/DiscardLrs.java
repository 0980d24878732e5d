package org.learntrace.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback endpoint that answers statement POSTs as an LRS would — the array of statement ids,
 * the given ones or new ones — and keeps nothing: the ceiling of a client, without an LRS's work.
 * It also answers {@code GET /about}.
 */
final class DiscardLrs implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "discard-lrs");
    t.setDaemon(true);
    return t;
  });

  DiscardLrs() throws IOException {
    // As our LRS does: without TCP_NODELAY a one-statement client stalls 40 ms on delayed ACKs.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/xapi/statements", this::statements);
    server.createContext("/xapi/about", exchange -> reply(exchange, 200, "{\"version\":[\"1.0.3\"]}"));
    server.setExecutor(workers);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xapi/");
  }

  private void statements(HttpExchange exchange) throws IOException {
    StringBuilder ids = new StringBuilder("[");
    try (InputStream in = exchange.getRequestBody(); JsonParser p = JSON.createParser(in)) {
      JsonToken first = p.nextToken();
      boolean batch = first == JsonToken.START_ARRAY;
      int count = 0;
      JsonToken t = batch ? p.nextToken() : first;
      while (t == JsonToken.START_OBJECT) {
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("id")) {
            id = p.getText();
          } else {
            p.skipChildren();
          }
        }
        ids.append(count++ == 0 ? "\"" : ",\"").append(id != null ? id : UUID.randomUUID().toString()).append('"');
        t = batch ? p.nextToken() : null;
      }
    }
    reply(exchange, "PUT".equals(exchange.getRequestMethod()) ? 204 : 200, ids.append(']').toString());
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("X-Experience-API-Version", "1.0.3");
    if (status == 204) {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
