package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 950 statement cases of the ADL conformance suite (v1_0_3), POSTed over HTTP to the LRS on
 * each store, as xAPI 1.0.3 and as 2.0.0: 343 must be stored (200) and 607 rejected (400 with a
 * JSON body naming each violation's path and rule).
 */
class ConformanceCorpusOverHttpTest {

  record Case(int line, String name, boolean accept, JsonNode statement) {}

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = ConformanceCorpusOverHttpTest.class.getResourceAsStream("/statements-1.0.3.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        JsonNode c = XapiClient.JSON.readTree(line);
        cases.add(new Case(n, c.get("name").asText(), c.get("expect").get(0).asInt() == 200, c.get("statement")));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(StoreKind.class)
  void everyCaseIsAnsweredAsTheSuiteExpects(StoreKind store) throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSize(950);
    List<String> wrong = new ArrayList<>();
    int accepted = 0;
    for (String version : List.of("1.0.3", "2.0.0")) {
      XapiClient client = store.client(version);
      for (Case c : cases) {
        JsonNode statement = c.statement().deepCopy();
        if (c.accept() && statement instanceof ObjectNode o && !o.has("id")) {
          // A fresh id, so the same case posted for both versions is two statements, not a conflict.
          o.put("id", UUID.randomUUID().toString());
        }
        XapiClient.Reply reply = client.postJson("statements", statement.toString());
        int expected = c.accept() ? 200 : 400;
        if (reply.status() != expected) {
          wrong.add(version + " line " + c.line() + " " + c.name() + ": expected " + expected + ", got " + reply);
          continue;
        }
        if (c.accept()) {
          accepted++;
        } else if (reply.json().has("violations")) {
          JsonNode v = reply.json().get("violations").get(0);
          if (!v.path("path").asText().startsWith("$") || v.path("rule").asText().isEmpty()) {
            wrong.add(version + " line " + c.line() + ": violation without path or rule: " + reply);
          }
        }
      }
    }
    assertThat(wrong).as("cases answered differently from the suite").isEmpty();
    assertThat(accepted).isEqualTo(2 * 343);
  }
}
