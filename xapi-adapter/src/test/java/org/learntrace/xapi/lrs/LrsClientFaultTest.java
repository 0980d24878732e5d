package org.learntrace.xapi.lrs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.XapiVersion;

/**
 * Faults a real LRS will not produce on demand — timeouts, 5xx storms, 429 with Retry-After, 413,
 * broken connections, malformed replies, expiring OAuth tokens — each turned into the right
 * {@link LrsException} kind.
 */
class LrsClientFaultTest {
  WireMockServer lrs;
  LrsClient client;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T10:00:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void start() {
    lrs = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    lrs.start();
    client = builder().credentials(Credentials.basic("k", "s")).build();
  }

  LrsClient.Builder builder() {
    return LrsClient.builder(URI.create(lrs.baseUrl() + "/xapi/")).version(XapiVersion.V1_0_3)
        .requestTimeout(Duration.ofSeconds(20)).clock(CLOCK);
  }

  @AfterEach
  void stop() {
    lrs.stop();
  }

  static Statement statement() {
    return Statement.builder().id(UUID.randomUUID()).actor(Agent.ofMbox("mailto:a@b.org"))
        .verb(Verb.of("http://adlnet.gov/expapi/verbs/experienced")).object(Activity.of("https://learntrace.org/a")).build();
  }

  LrsException postFails() {
    try {
      client.postStatement(statement());
    } catch (LrsException e) {
      return e;
    }
    throw new AssertionError("expected an LrsException");
  }

  @Test
  void sendsTheVersionHeaderAndCredentialsOnEveryCall() {
    Statement s = statement();
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(okJson("[\"" + s.id() + "\"]")));
    assertThat(client.postStatement(s)).isEqualTo(s.id());
    lrs.verify(postRequestedFor(urlPathEqualTo("/xapi/statements"))
        .withHeader("X-Experience-API-Version", equalTo("1.0.3"))
        .withHeader("Authorization", equalTo("Basic azpz"))
        .withHeader("Content-Type", equalTo("application/json")));
  }

  @Test
  void aSlowLrsTimesOutAsRetryable() {
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(okJson("[]").withFixedDelay(30_000)));
    client = builder().credentials(Credentials.basic("k", "s")).requestTimeout(Duration.ofMillis(300)).build();
    LrsException e = postFails();
    assertThat(e.kind()).isEqualTo(LrsException.Kind.TIMEOUT);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void aBrokenConnectionIsRetryable() {
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThat(postFails().kind()).isEqualTo(LrsException.Kind.IO);
  }

  @Test
  void serviceUnavailableCarriesRetryAfterSeconds() {
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
    LrsException e = postFails();
    assertThat(e.kind()).isEqualTo(LrsException.Kind.SERVER_ERROR);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void tooManyRequestsCarriesRetryAfterAsADate() {
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "Sat, 14 Mar 2026 10:00:30 GMT")));
    LrsException e = postFails();
    assertThat(e.kind()).isEqualTo(LrsException.Kind.TOO_MANY_REQUESTS);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void tooLargeAndBadRequestAreNotRetryableAndKeepTheLrsExplanation() {
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(413)));
    assertThat(postFails().kind()).isEqualTo(LrsException.Kind.PAYLOAD_TOO_LARGE);
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(400)
        .withBody("{\"message\": \"$.actor.mbox is not a mailto IRI\"}")));
    LrsException e = postFails();
    assertThat(e.kind()).isEqualTo(LrsException.Kind.BAD_REQUEST);
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.getMessage()).contains("400").contains("$.actor.mbox");
  }

  @Test
  void a200WithGarbageIsAMalformedResponse() {
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(okJson("<html>proxy error</html>")));
    assertThat(postFails().kind()).isEqualTo(LrsException.Kind.MALFORMED_RESPONSE);
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(okJson("[]")));
    assertThat(postFails().kind()).isEqualTo(LrsException.Kind.MALFORMED_RESPONSE);
  }

  @Test
  void unauthorizedWithBasicIsNotRetried() {
    lrs.stubFor(post(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(401)));
    assertThat(postFails().kind()).isEqualTo(LrsException.Kind.UNAUTHORIZED);
    lrs.verify(1, postRequestedFor(urlPathEqualTo("/xapi/statements")));
  }

  @Test
  void oauthTokensAreCachedAndRenewedOnceAfterA401() {
    lrs.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"access_token\": \"first\", \"expires_in\": 3600}")).willSetStateTo("second"));
    lrs.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(okJson("{\"access_token\": \"second\", \"expires_in\": 3600}")));
    lrs.stubFor(put(urlPathEqualTo("/xapi/statements")).withHeader("Authorization", equalTo("Bearer first"))
        .willReturn(aResponse().withStatus(401)));
    lrs.stubFor(put(urlPathEqualTo("/xapi/statements")).withHeader("Authorization", equalTo("Bearer second"))
        .willReturn(aResponse().withStatus(204)));
    LrsClient oauth = builder().credentials(Credentials.oauth2(URI.create(lrs.baseUrl() + "/token"), "client", "secret",
        "statements/write")).build();
    oauth.putStatement(statement());
    oauth.putStatement(statement());
    lrs.verify(2, postRequestedFor(urlPathEqualTo("/token"))
        .withHeader("Authorization", equalTo("Basic Y2xpZW50OnNlY3JldA=="))
        .withRequestBody(equalTo("grant_type=client_credentials&scope=statements%2Fwrite")));
    lrs.verify(3, putRequestedFor(urlPathEqualTo("/xapi/statements")));
  }

  @Test
  void aSecond401AfterRenewalFails() {
    lrs.stubFor(post(urlPathEqualTo("/token")).willReturn(okJson("{\"access_token\": \"t\", \"expires_in\": 3600}")));
    lrs.stubFor(put(urlPathEqualTo("/xapi/statements")).willReturn(aResponse().withStatus(401)));
    LrsClient oauth = builder().credentials(Credentials.oauth2(URI.create(lrs.baseUrl() + "/token"), "c", "s", null)).build();
    assertThatThrownBy(() -> oauth.putStatement(statement()))
        .isInstanceOfSatisfying(LrsException.class, e -> assertThat(e.kind()).isEqualTo(LrsException.Kind.UNAUTHORIZED));
    lrs.verify(2, putRequestedFor(urlPathEqualTo("/xapi/statements")));
  }

  @Test
  void negotiationPicks2OnlyWhenAboutListsIt() {
    lrs.stubFor(get(urlPathEqualTo("/xapi/about")).willReturn(okJson("{\"version\": [\"1.0.3\", \"2.0.0\"]}")));
    assertThat(LrsClient.builder(URI.create(lrs.baseUrl() + "/xapi")).build().version()).isEqualTo(XapiVersion.V2_0_0);
    assertThat(LrsClient.builder(URI.create(lrs.baseUrl() + "/xapi")).negotiateUpTo(XapiVersion.V1_0_3).build().version())
        .isEqualTo(XapiVersion.V1_0_3);
    lrs.stubFor(get(urlPathEqualTo("/xapi/about")).willReturn(okJson("{\"version\": [\"0.95\"]}")));
    assertThatThrownBy(() -> LrsClient.builder(URI.create(lrs.baseUrl() + "/xapi/")).build().version())
        .isInstanceOf(LrsException.class).hasMessageContaining("no xAPI version");
  }

  @Test
  void documentsCarryEtagsAndPreconditions() {
    Agent agent = Agent.ofMbox("mailto:a@b.org");
    DocumentKey key = new DocumentKey.State("https://learntrace.org/ags/module/3", agent, null, "bookmark");
    lrs.stubFor(get(urlPathEqualTo("/xapi/activities/state")).willReturn(okJson("{\"position\": 95}").withHeader("ETag", "\"abc\"")));
    Document d = client.getDocument(key).orElseThrow();
    assertThat(d.text()).isEqualTo("{\"position\": 95}");
    assertThat(d.etag()).isEqualTo("\"abc\"");
    lrs.stubFor(put(urlPathEqualTo("/xapi/activities/state")).willReturn(aResponse().withStatus(412)));
    assertThatThrownBy(() -> client.putDocument(key, Document.json("{\"position\": 120}"), Precondition.ifMatch(d.etag())))
        .isInstanceOfSatisfying(LrsException.class, e -> assertThat(e.kind()).isEqualTo(LrsException.Kind.PRECONDITION_FAILED));
    lrs.verify(putRequestedFor(urlPathEqualTo("/xapi/activities/state"))
        .withHeader("If-Match", equalTo("\"abc\""))
        .withQueryParam("stateId", equalTo("bookmark"))
        .withQueryParam("activityId", equalTo("https://learntrace.org/ags/module/3"))
        .withQueryParam("agent", equalTo("{\"objectType\":\"Agent\",\"mbox\":\"mailto:a@b.org\"}")));
    lrs.stubFor(get(urlPathEqualTo("/xapi/activities/state")).willReturn(aResponse().withStatus(404)));
    assertThat(client.getDocument(key)).isEmpty();
  }

  @Test
  void queriesEncodeEveryFilter() {
    lrs.stubFor(get(urlPathEqualTo("/xapi/statements")).willReturn(okJson("{\"statements\": [], \"more\": \"\"}")
        .withHeader("X-Experience-API-Consistent-Through", "2026-03-14T10:00:00.000Z")));
    UUID registration = UUID.randomUUID();
    StatementPage page = client.queryStatements(StatementQuery.builder()
        .agent(Agent.ofAccount("https://muktopaath.gov.bd/id/teachers", "t1")).relatedAgents(true)
        .verb("http://adlnet.gov/expapi/verbs/answered").activity("https://learntrace.org/ags").relatedActivities(true)
        .registration(registration).since(Instant.parse("2026-03-01T00:00:00Z")).until(Instant.parse("2026-03-14T00:00:00Z"))
        .limit(100).format(StatementQuery.Format.IDS).ascending(true).build());
    assertThat(page.statements()).isEmpty();
    assertThat(page.more()).isNull();
    assertThat(page.consistentThrough()).isEqualTo("2026-03-14T10:00:00.000Z");
    lrs.verify(getRequestedFor(urlPathEqualTo("/xapi/statements"))
        .withQueryParam("agent", equalTo("{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://muktopaath.gov.bd/id/teachers\",\"name\":\"t1\"}}"))
        .withQueryParam("related_agents", equalTo("true"))
        .withQueryParam("verb", equalTo("http://adlnet.gov/expapi/verbs/answered"))
        .withQueryParam("activity", equalTo("https://learntrace.org/ags"))
        .withQueryParam("related_activities", equalTo("true"))
        .withQueryParam("registration", equalTo(registration.toString()))
        .withQueryParam("since", equalTo("2026-03-01T00:00:00.000Z"))
        .withQueryParam("until", equalTo("2026-03-14T00:00:00.000Z"))
        .withQueryParam("limit", equalTo("100"))
        .withQueryParam("format", equalTo("ids"))
        .withQueryParam("ascending", equalTo("true")));
  }

  @Test
  void invalidStatementsAreNeverSent() {
    Statement bad = Statement.builder().actor(Agent.ofMbox("a@b.org")).verb(Verb.of("http://x.org/v"))
        .object(Activity.of("http://x.org/a")).build();
    assertThatThrownBy(() -> client.postStatements(List.of(bad)))
        .isInstanceOf(org.learntrace.xapi.XapiValidationException.class).hasMessageContaining("$.actor.mbox");
    assertThat(lrs.getAllServeEvents()).isEmpty();
  }
}
