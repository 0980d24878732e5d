package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.TestStatements.agent;
import static org.learntrace.lrs.TestStatements.uniqueName;
import static org.learntrace.lrs.XapiClient.params;
import static org.learntrace.lrs.XapiClient.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** State, activity profile and agent profile documents: ETags, preconditions, merge, concurrency. */
class DocumentResourcesTest {
  private static final String ACTIVITY = "https://muktopaath.gov.bd/ags/m3/video/1";

  private static String stateUrl(String agentName, String stateId) {
    return "activities/state" + query(params("activityId", ACTIVITY, "agent", agent(agentName), "stateId", stateId));
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void getReturnsTheDocumentWithItsQuotedSha1Etag(StoreKind store) throws Exception {
    XapiClient xapi = store.client("2.0.0");
    String url = stateUrl(uniqueName(), "bookmark");
    byte[] content = "{\"position\":42}".getBytes(StandardCharsets.UTF_8);
    assertThat(xapi.send("PUT", url, "application/json", content).status()).isEqualTo(204);

    XapiClient.Reply got = xapi.get(url);
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.header("ETag")).isEqualTo("\"" + sha1 + "\"");
    assertThat(got.header("Content-Type")).startsWith("application/json");
    assertThat(got.header("Last-Modified")).isNotBlank();
    assertThat(got.json().get("position").asInt()).isEqualTo(42);
    assertThat(xapi.send("HEAD", url, null, null).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void preconditionsGuardOverwrites(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    String url = "activities/profile" + query(params("activityId", ACTIVITY, "profileId", uniqueName()));
    assertThat(xapi.putJson(url, "{\"v\":1}", "If-None-Match", "*").status()).isEqualTo(204);
    String etag = xapi.get(url).header("ETag");

    assertThat(xapi.putJson(url, "{\"v\":2}", "If-None-Match", "*").status()).isEqualTo(412);
    assertThat(xapi.putJson(url, "{\"v\":2}", "If-Match", "\"0000\"").status()).isEqualTo(412);
    XapiClient.Reply noHeader = xapi.putJson(url, "{\"v\":2}");
    assertThat(noHeader.status()).isEqualTo(409);
    assertThat(noHeader.json().get("error").asText()).contains("If-Match");
    assertThat(xapi.get(url).json().get("v").asInt()).isEqualTo(1);

    assertThat(xapi.putJson(url, "{\"v\":3}", "If-Match", etag).status()).isEqualTo(204);
    assertThat(xapi.get(url).json().get("v").asInt()).isEqualTo(3);
    assertThat(xapi.send("DELETE", url, null, null, "If-Match", etag).status()).isEqualTo(412);
    assertThat(xapi.send("DELETE", url, null, null).status()).isEqualTo(204);
    assertThat(xapi.get(url).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void postMergesJsonObjectsAndRefusesToMergeOtherContent(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    String url = "agents/profile" + query(params("agent", agent(uniqueName()), "profileId", "prefs"));
    assertThat(xapi.postJson(url, "{\"a\":1,\"b\":1}").status()).isEqualTo(204);
    assertThat(xapi.postJson(url, "{\"b\":2,\"c\":3}").status()).isEqualTo(204);

    JsonNode merged = xapi.get(url).json();
    assertThat(merged.get("a").asInt()).isEqualTo(1);
    assertThat(merged.get("b").asInt()).isEqualTo(2);
    assertThat(merged.get("c").asInt()).isEqualTo(3);
    assertThat(xapi.send("POST", url, "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void stateIdsAreListedAndDeletedTogether(StoreKind store) {
    XapiClient xapi = store.client("1.0.3");
    String name = uniqueName();
    UUID registration = UUID.randomUUID();
    for (String id : List.of("a", "b", "c")) {
      String url = "activities/state" + query(params("activityId", ACTIVITY, "agent", agent(name),
          "registration", registration.toString(), "stateId", id));
      assertThat(xapi.send("PUT", url, "text/plain", id.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
    }
    String scope = "activities/state" + query(params("activityId", ACTIVITY, "agent", agent(name), "registration", registration.toString()));

    assertThat(xapi.get(scope).json()).extracting(JsonNode::asText).containsExactly("a", "b", "c");
    assertThat(xapi.send("DELETE", scope, null, null).status()).isEqualTo(204);
    assertThat(xapi.get(scope).json()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void concurrentMergesIntoOneDocumentLoseNoKey(StoreKind store) throws Exception {
    XapiClient xapi = store.client("2.0.0");
    String url = stateUrl(uniqueName(), "progress");
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = "{\"k" + i + "\":" + i + "}";
        replies.add(pool.submit(() -> xapi.postJson(url, body).status()));
      }
      for (Future<Integer> f : replies) {
        assertThat(f.get()).isEqualTo(204);
      }
    } finally {
      pool.shutdown();
    }
    JsonNode doc = xapi.get(url).json();
    for (int i = 0; i < writers; i++) {
      assertThat(doc.has("k" + i)).as("key k%d in %s", i, doc).isTrue();
    }
  }
}
