package org.learntrace.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.TestStatements.agent;
import static org.learntrace.lrs.TestStatements.statement;
import static org.learntrace.lrs.TestStatements.uniqueName;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Authentication, scopes, the version header, the alternate request syntax and CORS. */
class AccessTest {
  private static final String VERB = "http://adlnet.gov/expapi/verbs/experienced";
  private static final String ACTIVITY = "https://muktopaath.gov.bd/ags/m1";

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void nothingButAboutAnswersWithoutValidCredentials(StoreKind store) {
    XapiClient anonymous = new XapiClient(store.lrs().baseUri(), null, null, "2.0.0");

    assertThat(anonymous.get("about").status()).isEqualTo(200);
    assertThat(anonymous.get("about").json().get("version").toString()).contains("1.0.3", "2.0.0");
    XapiClient.Reply none = anonymous.get("statements");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(none.json().get("error").asText()).contains("Authorization");
    assertThat(anonymous.get("no/such/resource").status()).isEqualTo(401);
    assertThat(store.client("2.0.0").as(StoreKind.USER, "wrong").get("statements").json().get("error").asText())
        .contains("wrong password");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void scopesLimitWhatACredentialMayDo(StoreKind store) {
    XapiClient admin = store.client("2.0.0");
    String json = statement(UUID.randomUUID(), agent(uniqueName()), VERB, ACTIVITY);

    XapiClient.Reply readerWrites = admin.as(StoreKind.READER).postJson("statements", json);
    assertThat(readerWrites.status()).isEqualTo(403);
    assertThat(readerWrites.json().get("error").asText()).contains("statements/write");
    assertThat(admin.as(StoreKind.WRITER).postJson("statements", json).status()).isEqualTo(200);
    assertThat(admin.as(StoreKind.WRITER).get("statements").status()).isEqualTo(403);
    assertThat(admin.as(StoreKind.READER).get("statements").status()).isEqualTo(200);
    assertThat(admin.as(StoreKind.ALL_READ).get("statements").status()).isEqualTo(200);
    assertThat(admin.as(StoreKind.ALL_READ).postJson("statements", json).status()).isEqualTo(403);
    String state = "activities/state?activityId=" + enc(ACTIVITY) + "&agent=" + enc(agent(uniqueName())) + "&stateId=s";
    assertThat(admin.as(StoreKind.STATE_ONLY).putJson(state, "{}").status()).isEqualTo(204);
    assertThat(admin.as(StoreKind.STATE_ONLY).get("statements").status()).isEqualTo(403);
    assertThat(admin.as(StoreKind.READER).putJson(state, "{}").status()).isEqualTo(403);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void readMineSeesOnlyWhatTheCredentialWrote(StoreKind store) {
    XapiClient admin = store.client("2.0.0");
    XapiClient mine = admin.as(StoreKind.MINE);
    String name = uniqueName();
    UUID own = UUID.randomUUID();
    UUID others = UUID.randomUUID();
    mine.postJson("statements", statement(own, agent(name), VERB, ACTIVITY));
    admin.postJson("statements", statement(others, agent(name), VERB, ACTIVITY));

    String query = "statements?agent=" + enc(agent(name));
    assertThat(StatementResourceTest.ids(mine.get(query).json())).containsExactly(own.toString());
    assertThat(StatementResourceTest.ids(admin.get(query).json())).containsExactly(others.toString(), own.toString());
    assertThat(mine.get("statements?statementId=" + others).status()).isEqualTo(403);
    assertThat(mine.get("statements?statementId=" + own).json().at("/authority/account/name").asText())
        .isEqualTo(StoreKind.MINE.username());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void theVersionHeaderIsRequiredAndAnswered(StoreKind store) {
    XapiClient xapi = store.client("2.0.0");
    XapiClient.Reply missing = xapi.version(null).get("statements");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").asText()).contains("X-Experience-API-Version");
    assertThat(xapi.version("3.0.0").get("statements").status()).isEqualTo(400);
    assertThat(xapi.version("1.0.3").get("statements").header("X-Experience-API-Version")).isEqualTo("1.0.3");
    assertThat(xapi.version("2.0.0").get("statements").header("X-Experience-API-Version")).isEqualTo("2.0.0");
    assertThat(xapi.version("1.0.3").postJson("statements", "{\"actor\":" + agent(uniqueName()) + ",\"verb\":{\"id\":\""
        + VERB + "\"},\"object\":{\"id\":\"" + ACTIVITY + "\"},\"context\":{\"contextAgents\":[{\"objectType\":\"contextAgent\",\"agent\":"
        + agent(uniqueName()) + "}]}}").status())
        .as("2.0.0 properties are unknown in 1.0.3").isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void theAlternateRequestSyntaxWorksIn103AndIsRejectedIn200(StoreKind store) {
    XapiClient noHeaders = new XapiClient(store.lrs().baseUri(), null, null, null);
    UUID id = UUID.randomUUID();
    String auth = "Basic " + Base64.getEncoder().encodeToString((StoreKind.USER + ":" + StoreKind.PASSWORD).getBytes(StandardCharsets.UTF_8));
    String form = "statementId=" + id + "&Authorization=" + enc(auth) + "&X-Experience-API-Version=1.0.3"
        + "&Content-Type=application%2Fjson&content=" + enc(statement(null, agent(uniqueName()), VERB, ACTIVITY));

    XapiClient.Reply put = noHeaders.send("POST", "statements?method=PUT", "application/x-www-form-urlencoded",
        form.getBytes(StandardCharsets.UTF_8));
    assertThat(put.status()).as("%s", put).isEqualTo(204);
    assertThat(store.client("1.0.3").get("statements?statementId=" + id).status()).isEqualTo(200);

    // Form fields replace headers the request also carries.
    XapiClient.Reply get = store.client("1.0.3").send("POST", "statements?method=GET", "application/x-www-form-urlencoded",
        ("statementId=" + id + "&Authorization=" + enc(auth) + "&X-Experience-API-Version=1.0.3").getBytes(StandardCharsets.UTF_8));
    assertThat(get.status()).as("%s", get).isEqualTo(200);
    assertThat(get.json().get("id").asText()).isEqualTo(id.toString());

    XapiClient.Reply v2 = store.client("2.0.0").send("POST", "statements?method=GET", "application/x-www-form-urlencoded",
        ("statementId=" + id).getBytes(StandardCharsets.UTF_8));
    assertThat(v2.status()).isEqualTo(400);
    assertThat(v2.json().get("error").asText()).contains("2.0.0");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void corsPreflightsAreAnsweredWithoutCredentials(StoreKind store) {
    XapiClient anonymous = new XapiClient(store.lrs().baseUri(), null, null, null);
    XapiClient.Reply preflight = anonymous.send("OPTIONS", "statements", null, null,
        "Origin", "https://player.example", "Access-Control-Request-Method", "POST");
    assertThat(preflight.status()).isLessThan(300);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://player.example");
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("X-Experience-API-Version");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
