package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.TestStatements.agent;
import static org.learntrace.lrs.TestStatements.statement;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batches posted concurrently (which the store commits together, in groups) stay all-or-nothing
 * each: a batch that conflicts fails alone and leaves no trace, the batches committed with it are
 * stored whole, and a statement sent in several concurrent batches is stored once.
 */
class ConcurrentBatchesTest {
  private static final String VERB = "http://adlnet.gov/expapi/verbs/experienced";
  private static final String ACTIVITY = "https://muktopaath.gov.bd/ags/m4";
  private static final int WRITERS = 8;
  private static final int BATCHES_PER_WRITER = 12;
  private static final int FRESH_PER_BATCH = 10;

  private record Outcome(int status, List<UUID> fresh) {}

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void concurrentBatchesAreEachAllOrNothing(StoreKind kind) throws Exception {
    XapiClient xapi = kind.client("2.0.0");
    String actor = agent("concurrent-" + UUID.randomUUID());
    UUID taken = UUID.randomUUID();
    assertThat(xapi.postJson("statements", statement(taken, actor, VERB, ACTIVITY)).status()).isEqualTo(200);
    String conflicting = statement(taken, actor, "http://adlnet.gov/expapi/verbs/attempted", ACTIVITY);
    UUID shared = UUID.randomUUID();
    String sharedStatement = statement(shared, actor, VERB, ACTIVITY);

    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<List<Outcome>>> futures = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      futures.add(pool.submit(() -> {
        List<Outcome> outcomes = new ArrayList<>();
        for (int b = 0; b < BATCHES_PER_WRITER; b++) {
          List<UUID> fresh = new ArrayList<>();
          List<String> body = new ArrayList<>();
          for (int i = 0; i < FRESH_PER_BATCH; i++) {
            UUID id = UUID.randomUUID();
            fresh.add(id);
            body.add(statement(id, actor, VERB, ACTIVITY));
          }
          if ((writer + b) % 3 == 0) {
            body.add(conflicting);
          }
          if ((writer + b) % 4 == 1) {
            body.add(0, sharedStatement);
          }
          outcomes.add(new Outcome(xapi.postJson("statements", "[" + String.join(",", body) + "]").status(), fresh));
        }
        return outcomes;
      }));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<List<Outcome>> f : futures) {
      outcomes.addAll(f.get(120, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    Set<UUID> expected = new HashSet<>(List.of(taken, shared));
    int conflicts = 0;
    for (int w = 0; w < WRITERS; w++) {
      for (int b = 0; b < BATCHES_PER_WRITER; b++) {
        Outcome o = outcomes.get(w * BATCHES_PER_WRITER + b);
        boolean conflict = (w + b) % 3 == 0;
        assertThat(o.status()).as("writer %d batch %d", w, b).isEqualTo(conflict ? 409 : 200);
        for (UUID id : o.fresh()) {
          assertThat(xapi.get("statements?statementId=" + id).status()).as("statement %s", id).isEqualTo(conflict ? 404 : 200);
        }
        if (conflict) {
          conflicts++;
        } else {
          expected.addAll(o.fresh());
        }
      }
    }
    assertThat(conflicts).isPositive();

    Set<UUID> found = new HashSet<>();
    List<UUID> order = new ArrayList<>();
    String page = "statements" + XapiClient.query(XapiClient.params("agent", actor, "limit", "500", "ascending", "true"));
    while (page != null) {
      JsonNode result = XapiClient.JSON.readTree(xapi.get(page).bytes());
      for (JsonNode s : result.get("statements")) {
        UUID id = UUID.fromString(s.get("id").asText());
        assertThat(found.add(id)).as("statement %s listed once", id).isTrue();
        order.add(id);
      }
      String more = result.path("more").asText("");
      page = more.isEmpty() ? null : more.substring(more.indexOf("statements"));
    }
    assertThat(found).isEqualTo(expected);
    assertThat(order.get(0)).isEqualTo(taken);
  }
}
