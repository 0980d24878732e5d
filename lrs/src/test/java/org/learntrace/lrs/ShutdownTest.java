package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.TestStatements.agent;
import static org.learntrace.lrs.TestStatements.statement;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Closing the LRS while clients write loses no statement it acknowledged; a restart serves them all. */
class ShutdownTest {

  private static EmbeddedLrs start(StoreKind kind, Path dir, String database) {
    EmbeddedLrs.Builder b = EmbeddedLrs.builder().credential(Credential.all(StoreKind.USER, StoreKind.PASSWORD));
    if (kind == StoreKind.H2) {
      b.dataDirectory(dir);
    } else {
      String url = StoreKind.postgresUrl();
      b.jdbc(url.replace("/postgres?", "/" + database + "?"), "postgres", "postgres");
    }
    return b.start();
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void everyAcknowledgedStatementSurvivesAGracefulShutdown(StoreKind kind) throws Exception {
    Path dir = StoreKind.newTempDir("lrs-shutdown-");
    String database = "shutdown_" + UUID.randomUUID().toString().replace("-", "");
    if (kind == StoreKind.POSTGRES) {
      try (Connection c = DriverManager.getConnection(StoreKind.postgresUrl(), "postgres", "postgres");
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + database);
      }
    }
    String actor = agent("shutdown-" + UUID.randomUUID());
    Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
    CountDownLatch enough = new CountDownLatch(40);
    EmbeddedLrs lrs = start(kind, dir, database);
    XapiClient xapi = new XapiClient(lrs.baseUri(), StoreKind.USER, StoreKind.PASSWORD, "2.0.0");
    ExecutorService writers = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      writers.submit(() -> {
        while (true) {
          UUID id = UUID.randomUUID();
          try {
            if (xapi.postJson("statements", statement(id, actor, "http://adlnet.gov/expapi/verbs/experienced",
                "https://muktopaath.gov.bd/ags/m2")).status() == 200) {
              acknowledged.add(id);
              enough.countDown();
            }
          } catch (UncheckedIOException e) {
            return; // the server is gone
          }
        }
      });
    }
    assertThat(enough.await(60, TimeUnit.SECONDS)).as("writers got 40 acknowledgements").isTrue();
    lrs.close();
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    try (EmbeddedLrs again = start(kind, dir, database)) {
      XapiClient reader = new XapiClient(again.baseUri(), StoreKind.USER, StoreKind.PASSWORD, "2.0.0");
      for (UUID id : List.copyOf(acknowledged)) {
        assertThat(reader.get("statements?statementId=" + id).status()).as("acknowledged statement %s", id).isEqualTo(200);
      }
    }
  }
}
