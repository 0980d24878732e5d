package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.TestStatements.agent;
import static org.learntrace.lrs.TestStatements.statement;
import static org.learntrace.lrs.TestStatements.uniqueName;
import static org.learntrace.lrs.XapiClient.params;
import static org.learntrace.lrs.XapiClient.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Statement Resource on both stores: storing, conflicts, fetching, voiding, queries and paging. */
class StatementResourceTest {
  private static final String VERB = "http://adlnet.gov/expapi/verbs/completed";
  private static final String MODULE = "https://muktopaath.gov.bd/ags/m3";

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void putStoresAndGetReturnsTheStatementWithLrsProperties(StoreKind store) {
    XapiClient xapi = store.client("1.0.3");
    UUID id = UUID.randomUUID();
    String json = "{\"actor\":" + agent(uniqueName()) + ",\"verb\":{\"id\":\"" + VERB + "\"},\"object\":{\"id\":\"" + MODULE + "\"},"
        + "\"context\":{\"contextActivities\":{\"parent\":{\"id\":\"https://muktopaath.gov.bd/ags\"}}}}";

    assertThat(xapi.putJson("statements?statementId=" + id, json).status()).isEqualTo(204);

    XapiClient.Reply got = xapi.get("statements?statementId=" + id);
    assertThat(got.status()).as("%s", got).isEqualTo(200);
    JsonNode s = got.json();
    assertThat(s.get("id").asText()).isEqualTo(id.toString());
    assertThat(s.get("stored").asText()).endsWith("Z");
    assertThat(s.get("timestamp").asText()).isEqualTo(s.get("stored").asText());
    assertThat(s.get("version").asText()).isEqualTo("1.0.0");
    assertThat(s.at("/authority/account/name").asText()).isEqualTo(StoreKind.USER);
    assertThat(s.at("/context/contextActivities/parent").isArray()).as("contextActivities normalised to arrays").isTrue();
    assertThat(got.header("Last-Modified")).isNotBlank();
    assertThat(got.header("X-Experience-API-Consistent-Through")).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void sameIdWithSameContentIsAcceptedAndWithOtherContentIsAConflict(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    UUID id = UUID.randomUUID();
    String actor = agent(uniqueName());
    assertThat(xapi.postJson("statements", statement(id, actor, VERB, MODULE)).status()).isEqualTo(200);

    assertThat(xapi.postJson("statements", statement(id, actor, VERB, MODULE)).status()).isEqualTo(200);
    assertThat(xapi.putJson("statements?statementId=" + id, statement(id, actor, VERB, MODULE)).status()).isEqualTo(204);
    XapiClient.Reply conflict = xapi.postJson("statements", statement(id, actor, VERB, MODULE + "/other"));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("error").asText()).contains(id.toString());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aBatchWithOneInvalidStatementStoresNothingAndNamesTheViolation(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    UUID good = UUID.randomUUID();
    String bad = "{\"actor\":{\"mbox\":\"not-a-mailto\"},\"verb\":{\"id\":\"" + VERB + "\"},\"object\":{\"id\":\"" + MODULE + "\"}}";

    XapiClient.Reply reply = xapi.postJson("statements", "[" + statement(good, agent(uniqueName()), VERB, MODULE) + "," + bad + "]");

    assertThat(reply.status()).isEqualTo(400);
    JsonNode violation = reply.json().get("violations").get(0);
    assertThat(violation.get("path").asText()).startsWith("$[1].actor");
    assertThat(violation.get("rule").asText()).startsWith("XAPI-");
    assertThat(xapi.get("statements?statementId=" + good).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aBodyThatIsNotUtf8IsRefusedWithTheOffsetInsteadOfStoredAltered(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    UUID id = UUID.randomUUID();
    byte[] json = statement(id, agent("teacher-\u00e9"), VERB, MODULE).getBytes(StandardCharsets.ISO_8859_1);
    int offset = new String(json, StandardCharsets.ISO_8859_1).indexOf('\u00e9');

    XapiClient.Reply reply = xapi.send("POST", "statements", "application/json", json);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error").asText()).contains("not UTF-8").contains("byte offset " + offset);
    assertThat(xapi.get("statements?statementId=" + id).status()).isEqualTo(404);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void voidedStatementsAreHiddenFromQueriesButTheVoidingStatementIsReturned(StoreKind store) {
    XapiClient xapi = store.client("1.0.3");
    String name = uniqueName();
    UUID target = UUID.randomUUID();
    UUID voiding = UUID.randomUUID();
    xapi.postJson("statements", statement(target, agent(name), VERB, MODULE));
    assertThat(xapi.postJson("statements", TestStatements.voiding(voiding, target)).status()).isEqualTo(200);

    assertThat(xapi.get("statements?statementId=" + target).status()).isEqualTo(404);
    assertThat(xapi.get("statements?voidedStatementId=" + target).json().get("id").asText()).isEqualTo(target.toString());
    assertThat(xapi.get("statements?voidedStatementId=" + voiding).status()).isEqualTo(404);
    // The voiding statement targets a statement by this agent, so the agent filter returns it.
    JsonNode result = xapi.get("statements" + query(params("agent", agent(name)))).json();
    assertThat(ids(result)).containsExactly(voiding.toString());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void relatedAgentsFindsTheTeacherAsInstructorAndSinceFiltersOnStored(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    String teacher = uniqueName();
    UUID own = UUID.randomUUID();
    UUID asInstructor = UUID.randomUUID();
    xapi.postJson("statements", statement(own, agent(teacher), VERB, MODULE));
    String since = xapi.get("statements?statementId=" + own).json().get("stored").asText();
    xapi.postJson("statements", TestStatements.withContext(asInstructor, agent(uniqueName()), VERB, MODULE,
        "{\"instructor\":" + agent(teacher) + "}"));

    assertThat(ids(xapi.get("statements" + query(params("agent", agent(teacher)))).json()))
        .containsExactly(own.toString());
    assertThat(ids(xapi.get("statements" + query(params("agent", agent(teacher), "related_agents", "true"))).json()))
        .containsExactly(asInstructor.toString(), own.toString());
    assertThat(ids(xapi.get("statements" + query(params("agent", agent(teacher), "related_agents", "true", "since", since))).json()))
        .containsExactly(asInstructor.toString());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void verbActivityAndRegistrationFiltersCombine(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    String activity = MODULE + "/" + UUID.randomUUID();
    UUID registration = UUID.randomUUID();
    UUID match = UUID.randomUUID();
    xapi.postJson("statements", "[" + TestStatements.withContext(match, agent(uniqueName()), VERB, activity,
        "{\"registration\":\"" + registration + "\"}") + ","
        + statement(UUID.randomUUID(), agent(uniqueName()), "http://adlnet.gov/expapi/verbs/attempted", activity) + ","
        + TestStatements.withContext(UUID.randomUUID(), agent(uniqueName()), VERB, MODULE,
            "{\"contextActivities\":{\"grouping\":[{\"id\":\"" + activity + "\"}]}}") + "]");

    assertThat(ids(xapi.get("statements" + query(params("activity", activity))).json())).hasSize(2);
    assertThat(ids(xapi.get("statements" + query(params("activity", activity, "related_activities", "true"))).json())).hasSize(3);
    assertThat(ids(xapi.get("statements" + query(params("activity", activity, "verb", VERB))).json())).containsExactly(match.toString());
    assertThat(ids(xapi.get("statements" + query(params("registration", registration.toString()))).json()))
        .containsExactly(match.toString());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void moreLinksPageThroughEveryStatementOnceInOrder(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    String name = uniqueName();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 7; i++) {
      batch.append(i == 0 ? "" : ",").append(statement(UUID.randomUUID(), agent(name), VERB, MODULE + "/" + i));
    }
    List<String> posted = new ArrayList<>();
    xapi.postJson("statements", batch + "]").json().forEach(n -> posted.add(n.asText()));

    List<String> seen = new ArrayList<>();
    String next = "statements" + query(params("agent", agent(name), "limit", "3", "ascending", "true"));
    int pages = 0;
    while (!next.isEmpty()) {
      JsonNode page = xapi.get(next.startsWith("/") ? next.substring("/xapi/".length()) : next).json();
      seen.addAll(ids(page));
      next = page.get("more").asText();
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(posted);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void idsFormatKeepsOnlyIdentifiersAndCanonicalKeepsOneLanguage(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    UUID id = UUID.randomUUID();
    xapi.postJson("statements", statement(id, agent(uniqueName()), VERB, MODULE));

    JsonNode ids = xapi.get("statements?format=ids&statementId=" + id).json();
    assertThat(ids.get("verb").size()).isEqualTo(1);
    assertThat(ids.get("object").has("definition")).isFalse();
    JsonNode canonical = xapi.get("statements?format=canonical&statementId=" + id, "Accept-Language", "bn-BD").json();
    assertThat(canonical.at("/verb/display").size()).isEqualTo(1);
    assertThat(canonical.at("/verb/display/bn-BD").asText()).isEqualTo("করেছে");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void badQueriesAreRejectedWithTheReason(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    assertThat(xapi.get("statements?statementId=" + UUID.randomUUID() + "&verb=" + VERB).status()).isEqualTo(400);
    assertThat(xapi.get("statements?limit=-1").json().get("error").asText()).contains("limit");
    assertThat(xapi.get("statements?since=yesterday").status()).isEqualTo(400);
    assertThat(xapi.get("statements?format=everything").status()).isEqualTo(400);
    assertThat(xapi.get("statements?colour=blue").json().get("error").asText()).contains("colour");
    assertThat(xapi.get("statements" + query(params("agent", "{\"name\":\"no ifi\"}"))).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void activitiesResourceReturnsTheDefinitionFromStatements(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    String activity = MODULE + "/" + UUID.randomUUID();
    xapi.postJson("statements", statement(UUID.randomUUID(), agent(uniqueName()), VERB, activity));

    JsonNode a = xapi.get("activities" + query(params("activityId", activity))).json();
    assertThat(a.get("id").asText()).isEqualTo(activity);
    assertThat(a.at("/definition/name/en-US").asText()).isEqualTo("Module 3");
  }

  static List<String> ids(JsonNode result) {
    List<String> ids = new ArrayList<>();
    result.get("statements").forEach(s -> ids.add(s.get("id").asText()));
    Set<String> unique = new HashSet<>(ids);
    assertThat(unique).as("no statement twice").hasSize(ids.size());
    return ids;
  }
}
