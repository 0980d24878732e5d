package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learntrace.xapi.Statement;

/** Reads statements through {@code more} pages from a real HTTP server on localhost. */
class LrsStatementsTest {
  HttpServer server;
  final List<String> authHeaders = Collections.synchronizedList(new ArrayList<>());
  final List<String> versionHeaders = Collections.synchronizedList(new ArrayList<>());
  final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  List<String> sample;

  @BeforeEach
  void start() throws IOException {
    sample = Files.readAllLines(Path.of("../examples/demo/src/main/resources/sample-statements.ndjson"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/xapi/statements", ex -> {
      authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
      versionHeaders.add(ex.getRequestHeaders().getFirst("X-Experience-API-Version"));
      String q = ex.getRequestURI().getRawQuery();
      queries.add(q);
      int page = q != null && q.contains("page=2") ? 2 : 1;
      List<String> part = page == 1 ? sample.subList(0, 3) : sample.subList(3, sample.size());
      String more = page == 1 ? "/xapi/statements?page=2" : "";
      byte[] body = ("{\"statements\":[" + String.join(",", part) + "],\"more\":\"" + more + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      int status = "user:pw".equals(basic(ex.getRequestHeaders().getFirst("Authorization"))) ? 200 : 401;
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  static String basic(String header) {
    return header == null ? "" : new String(java.util.Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/xapi");
  }

  @Test
  void followsMorePagesWithVersionAndBasicAuth() throws IOException {
    List<Statement> got = new ArrayList<>();
    long n = LrsStatements.builder(base()).basicAuth("user", "pw").version("2.0.0").param("since", "2026-01-01T00:00:00Z")
        .build().forEach(got::add);
    assertThat(n).isEqualTo(sample.size());
    assertThat(got).hasSize(sample.size());
    assertThat(queries).containsExactly("since=2026-01-01T00%3A00%3A00Z", "page=2");
    assertThat(versionHeaders).containsOnly("2.0.0");
    assertThat(authHeaders).allMatch(h -> basic(h).equals("user:pw"));
  }

  @Test
  void theFastEngagementPathGivesTheModelsEventsPageByPage() throws IOException {
    List<EngagementEvent> want = new ArrayList<>();
    LrsStatements lrs = LrsStatements.builder(base()).basicAuth("user", "pw").build();
    long modelCount = lrs.forEach(s -> {
      EngagementEvent e = EngagementEvent.of(s, Vocabulary.TEACHER_SPACE);
      if (e != null) {
        want.add(e);
      }
    });
    List<EngagementEvent> got = new ArrayList<>();
    List<Long> progress = new ArrayList<>();
    long n = lrs.engagement(Vocabulary.TEACHER_SPACE, got::add, progress::add);
    assertThat(n).isEqualTo(modelCount).isEqualTo(sample.size());
    assertThat(got).isEqualTo(want);
    assertThat(progress).containsExactly(3L, (long) sample.size());
    assertThatThrownBy(() -> LrsStatements.builder(base()).basicAuth("user", "wrong").build()
        .engagement(Vocabulary.TEACHER_SPACE, e -> {}, x -> {}))
        .isInstanceOf(IOException.class).hasMessageContaining("answered 401");
  }

  @Test
  void aRefusedRequestNamesTheUrlAndStatus() {
    assertThatThrownBy(() -> LrsStatements.builder(base()).basicAuth("user", "wrong").build().forEach(s -> {}))
        .isInstanceOf(IOException.class).hasMessageContaining("answered 401").hasMessageContaining("/xapi/statements");
  }
}
