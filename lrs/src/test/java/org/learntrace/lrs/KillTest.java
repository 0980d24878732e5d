package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.TestStatements.agent;
import static org.learntrace.lrs.TestStatements.statement;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Killing the process (SIGKILL, no shutdown hook) while clients write loses no statement the
 * embedded H2 store acknowledged: a 200 means the write reached the database file. Queries after
 * the restart find them too (index entries whose deferred write the kill lost are rebuilt).
 */
class KillTest {

  @Test
  void everyAcknowledgedStatementSurvivesAKill() throws Exception {
    Path dir = StoreKind.newTempDir("lrs-kill-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LrsMain.class.getName(),
        "--port", String.valueOf(port), "--data", dir.toString(), "--user", StoreKind.USER, "--password", StoreKind.PASSWORD)
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.contains("serving xAPI")) {
        // start-up log lines
      }
      assertThat(line).as("the LRS process started").isNotNull();
      Thread drain = new Thread(() -> {
        try {
          while (out.readLine() != null) {
            // keep the pipe from filling up
          }
        } catch (java.io.IOException e) {
          // the process is gone
        }
      });
      drain.setDaemon(true);
      drain.start();

      XapiClient xapi = new XapiClient(URI.create("http://127.0.0.1:" + port + "/xapi/"), StoreKind.USER, StoreKind.PASSWORD, "2.0.0");
      String actor = agent("kill-" + UUID.randomUUID());
      Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
      CountDownLatch enough = new CountDownLatch(200);
      ExecutorService writers = Executors.newFixedThreadPool(4);
      for (int w = 0; w < 4; w++) {
        writers.submit(() -> {
          while (true) {
            List<UUID> ids = new ArrayList<>();
            List<String> body = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
              UUID id = UUID.randomUUID();
              ids.add(id);
              body.add(statement(id, actor, "http://adlnet.gov/expapi/verbs/experienced", "https://muktopaath.gov.bd/ags/m5"));
            }
            try {
              if (xapi.postJson("statements", "[" + String.join(",", body) + "]").status() == 200) {
                acknowledged.addAll(ids);
                ids.forEach(id -> enough.countDown());
              }
            } catch (UncheckedIOException e) {
              return; // the process is gone
            }
          }
        });
      }
      assertThat(enough.await(60, TimeUnit.SECONDS)).as("writers got 200 acknowledgements").isTrue();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      try (EmbeddedLrs again = EmbeddedLrs.builder().dataDirectory(dir)
          .credential(Credential.all(StoreKind.USER, StoreKind.PASSWORD)).start()) {
        XapiClient reader = new XapiClient(again.baseUri(), StoreKind.USER, StoreKind.PASSWORD, "2.0.0");
        for (UUID id : List.copyOf(acknowledged)) {
          assertThat(reader.get("statements?statementId=" + id).status()).as("acknowledged statement %s", id).isEqualTo(200);
        }
        Set<String> found = new HashSet<>();
        String next = "statements" + XapiClient.query(XapiClient.params("agent", actor, "limit", "500"));
        while (!next.isEmpty()) {
          JsonNode page = reader.get(next).json();
          page.get("statements").forEach(s -> found.add(s.get("id").asText()));
          next = page.get("more").asText().replaceFirst("^.*/xapi/", "");
        }
        assertThat(found).as("statements of the agent found by a query")
            .containsAll(acknowledged.stream().map(UUID::toString).toList());
      }
    } finally {
      child.destroyForcibly();
    }
  }
}
