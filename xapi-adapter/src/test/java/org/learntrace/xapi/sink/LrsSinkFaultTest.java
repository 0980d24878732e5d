package org.learntrace.xapi.sink;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.DeliveryResult;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.sdk.VideoSeeked;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.ContextAgent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiTimestamp;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.mapping.StatementMapping;

/**
 * Faults a real LRS will not produce on demand — 413, 401/403, 429 with Retry-After, 5xx storms,
 * timeouts, a 409 to resolve — against WireMock.
 */
class LrsSinkFaultTest {
  static final String STATEMENTS = "/xapi/statements";
  WireMockServer lrs;
  final TestMapping mapping = new TestMapping();

  /** Answers a statement POST as an LRS would: the ids of the posted statements. */
  static final class EchoIds implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent event) {
      try {
        JsonNode body = XapiJson.mapper().readTree(event.getRequest().getBodyAsString());
        List<String> ids = new ArrayList<>();
        body.forEach(s -> ids.add(s.get("id").asText()));
        return okJson(XapiJson.mapper().writeValueAsString(ids)).build();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public String getName() {
      return "echo-ids";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }
  }

  @BeforeEach
  void start() {
    lrs = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new EchoIds()));
    lrs.start();
  }

  @AfterEach
  void stop() {
    lrs.stop();
  }

  LrsClient client(Duration timeout) {
    return LrsClient.builder(java.net.URI.create(lrs.baseUrl() + "/xapi/")).version(XapiVersion.V1_0_3)
        .requestTimeout(timeout).build();
  }

  LrsSink.Builder sink() {
    return LrsSink.builder("lrs", client(Duration.ofSeconds(30)), mapping);
  }

  static List<TrackedEvent> played(int n) {
    List<TrackedEvent> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(Events.played(i));
    }
    return batch;
  }

  void echo() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).atPriority(10).willReturn(aResponse().withTransformers("echo-ids")));
  }

  @Test
  void payloadTooLargeSplitsTheBatchUntilItFits() {
    echo();
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).atPriority(1).withRequestBody(matchingJsonPath("$[2]"))
        .willReturn(aResponse().withStatus(413)));
    List<TrackedEvent> batch = played(4);
    assertThat(sink().build().deliver(batch)).isEqualTo(DeliveryResult.accepted());
    lrs.verify(3, postRequestedFor(urlPathEqualTo(STATEMENTS)));
    for (TrackedEvent e : batch) {
      lrs.verify(2, postRequestedFor(urlPathEqualTo(STATEMENTS)).withRequestBody(containing(e.id().toString())));
    }
  }

  @Test
  void aSingleStatementTooLargeForTheLrsIsRejected() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).willReturn(aResponse().withStatus(413).withBody("max 1 KB")));
    assertThat(sink().build().deliver(played(1))).isInstanceOfSatisfying(DeliveryResult.Rejected.class,
        r -> assertThat(r.reason()).contains("too large", "413", "max 1 KB"));
  }

  @Test
  void unauthorizedPausesTheDestinationForTheConfiguredPauseAndIsReported() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).willReturn(aResponse().withStatus(401)));
    LrsSink sink = sink().authorizationPause(Duration.ofMinutes(7)).build();
    assertThat(sink.deliver(played(3))).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
        r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(7)));
    assertThat(sink.authorizationFailures()).isEqualTo(1);
    assertThat(sink.authorizationProblem()).hasValueSatisfying(p -> assertThat(p).contains("401"));

    lrs.resetAll();
    echo();
    assertThat(sink.deliver(played(3))).isEqualTo(DeliveryResult.accepted());
    assertThat(sink.authorizationProblem()).isEmpty();
    assertThat(sink.authorizationFailures()).isEqualTo(1);
  }

  @Test
  void forbiddenPausesTheDestinationForTheDefaultPause() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).willReturn(aResponse().withStatus(403)));
    LrsSink sink = sink().build();
    assertThat(sink.deliver(played(2))).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, r -> {
      assertThat(r.retryAfter()).isEqualTo(LrsSink.DEFAULT_AUTHORIZATION_PAUSE);
      assertThat(r.reason()).contains("403");
    });
    assertThat(sink.authorizationFailures()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheLrsRetryAfter() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
    assertThat(sink().build().deliver(played(3))).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, r -> {
      assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(120));
      assertThat(r.reason()).contains("TOO_MANY_REQUESTS");
    });
  }

  @Test
  void aTimeoutIsRetriedLater() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).willReturn(okJson("[]").withFixedDelay(10_000)));
    LrsSink sink = LrsSink.builder("lrs", client(Duration.ofMillis(500)), mapping).build();
    assertThat(sink.deliver(played(2))).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
        r -> assertThat(r.reason()).contains("TIMEOUT"));
  }

  @Test
  void aStormOfServerErrorsDelaysButLosesNothing(@TempDir Path outbox) throws Exception {
    String state = Scenario.STARTED;
    for (int i = 0; i < 8; i++) {
      String next = "failure-" + i;
      lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).inScenario("storm").whenScenarioStateIs(state)
          .willReturn(aResponse().withStatus(i % 2 == 0 ? 503 : 500).withHeader("Retry-After", "0"))
          .willSetStateTo(next));
      state = next;
    }
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).inScenario("storm").whenScenarioStateIs(state)
        .willReturn(aResponse().withTransformers("echo-ids")));
    AnalyticsPolicy base = new AnalyticsPolicy("base",
        new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null), Map.of());
    List<UUID> ids = new ArrayList<>();
    try (LearnTrace lt = LearnTrace.builder().setOutboxDirectory(outbox).setPseudonymKey("k1", LrsSinkLearningLockerTest.KEY)
        .setBasePolicy(base).setBatching(10, 1 << 20, Duration.ofMillis(20))
        .setBackoff(Duration.ofMillis(10), Duration.ofMillis(100)).setCircuitBreaker(3, Duration.ofMillis(100))
        .setPolicyPollInterval(Duration.ZERO).setMetricsLogInterval(Duration.ZERO)
        .addSink(sink().build()).build()) {
      Person t = Person.teacher("t-storm");
      for (int i = 0; i < 25; i++) {
        ids.add(LrsSinkLearningLockerTest.stored(lt.tracker().track(Events.played(t, i))));
      }
      assertThat(lt.flush(LrsSinkLearningLockerTest.PATIENCE)).isTrue();
      assertThat(lt.deadLetters()).isEmpty();
    }
    List<ServeEvent> stored = lrs.getAllServeEvents().stream()
        .filter(e -> e.getResponse().getStatus() == 200).toList();
    for (UUID id : ids) {
      assertThat(stored).as("answered 200 for %s", id)
          .filteredOn(e -> e.getRequest().getBodyAsString().contains(id.toString())).hasSize(1);
    }
  }

  @Test
  void aConflictIsResolvedStatementByStatement() {
    List<TrackedEvent> batch = played(3);
    Statement same = mapping.toStatement(batch.get(0), XapiVersion.V1_0_3);
    Statement other = mapping.toStatement(batch.get(1), XapiVersion.V1_0_3);
    // What the LRS holds: the first as we would send it (plus what an LRS adds, timestamp in +06:00),
    // the second with other content under the same id; the third not at all.
    Statement storedSame = new Statement(same.id(), same.actor(), same.verb(), same.object(), same.result(), null,
        XapiTimestamp.parse("2026-03-14T15:26:53.589+06:00"), XapiTimestamp.parse("2026-03-15T00:00:00.000Z"),
        Agent.ofMbox("mailto:lrs@example.org"), "1.0.0", List.of());
    Statement storedOther = new Statement(other.id(), Agent.ofAccount(TestMapping.HOME, "someone-else"), other.verb(),
        other.object(), other.result(), null, other.timestamp(), null, null, null, List.of());
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).atPriority(1).withRequestBody(containing(same.id().toString()))
        .willReturn(aResponse().withStatus(409)));
    echo();
    lrs.stubFor(get(urlPathEqualTo(STATEMENTS)).withQueryParam("statementId", equalTo(same.id().toString()))
        .willReturn(okJson(XapiJson.toJson(storedSame))));
    lrs.stubFor(get(urlPathEqualTo(STATEMENTS)).withQueryParam("statementId", equalTo(other.id().toString()))
        .willReturn(okJson(XapiJson.toJson(storedOther))));
    lrs.stubFor(get(urlPathEqualTo(STATEMENTS)).atPriority(10).willReturn(aResponse().withStatus(404)));

    DeliveryResult r = sink().build().deliver(batch);

    assertThat(r).isInstanceOfSatisfying(DeliveryResult.PerRecord.class, per -> {
      assertThat(per.outcomes().get(0)).isEqualTo(DeliveryResult.accepted());
      assertThat(per.outcomes().get(1)).isInstanceOfSatisfying(DeliveryResult.Rejected.class,
          rej -> assertThat(rej.reason()).contains(other.id().toString(), "other content", "$.actor.account.name"));
      assertThat(per.outcomes().get(2)).isEqualTo(DeliveryResult.accepted());
    });
    lrs.verify(getRequestedFor(urlPathEqualTo(STATEMENTS)).withQueryParam("voidedStatementId",
        equalTo(batch.get(2).id().toString())));
  }

  @Test
  void aWholeBatchRefusedWith400IsLeftToTheDispatcherToBisect() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).willReturn(aResponse().withStatus(400).withBody("bad statement")));
    assertThat(sink().build().deliver(played(4))).isInstanceOf(DeliveryResult.Rejected.class);
    assertThat(sink().build().deliver(played(1))).isInstanceOfSatisfying(DeliveryResult.Rejected.class,
        r -> assertThat(r.reason()).contains("400", "bad statement"));
  }

  @Test
  void unmappableAndInvalidEventsAreRejectedOneByOneAndTheRestIsPosted() {
    echo();
    StatementMapping twoOnly = (e, v) -> {
      Statement s = mapping.toStatement(e, v);
      return e.event() instanceof org.learntrace.sdk.VideoPlayed p && p.time() == 1
          ? new Statement(s.id(), s.actor(), s.verb(), s.object(), s.result(),
              Context.builder().contextAgent(new ContextAgent(Agent.ofAccount(TestMapping.HOME, "x"), List.of())).build(),
              s.timestamp(), null, null, null, List.of())
          : s;
    };
    Person p = new Person(Person.Role.TEACHER, null, "pseudo", true);
    List<TrackedEvent> batch = List.of(Events.played(0), Events.played(1),
        Events.tracked(UUID.randomUUID(), new VideoSeeked(Occurrence.at(Events.T0), p, Events.AGS_M3, "v", "s", 1, 2)),
        Events.played(3));
    DeliveryResult r = LrsSink.builder("lrs", client(Duration.ofSeconds(30)), twoOnly).build().deliver(batch);
    assertThat(r).isInstanceOfSatisfying(DeliveryResult.PerRecord.class, per -> {
      assertThat(per.outcomes().get(0)).isEqualTo(DeliveryResult.accepted());
      assertThat(per.outcomes().get(1)).isInstanceOfSatisfying(DeliveryResult.Rejected.class,
          rej -> assertThat(rej.reason()).contains("invalid for xAPI 1.0.3", "$.context.contextAgents"));
      assertThat(per.outcomes().get(2)).isInstanceOfSatisfying(DeliveryResult.Rejected.class,
          rej -> assertThat(rej.reason()).contains("cannot map VideoSeeked", "no statement for VideoSeeked"));
      assertThat(per.outcomes().get(3)).isEqualTo(DeliveryResult.accepted());
    });
    lrs.verify(1, postRequestedFor(urlPathEqualTo(STATEMENTS)));
  }

  @Test
  void aWithdrawalWaitsForTheRecordsBeforeItWhenTheyMustBeRetried() {
    lrs.stubFor(post(urlPathEqualTo(STATEMENTS)).willReturn(aResponse().withStatus(503)));
    Person p = new Person(Person.Role.TEACHER, null, "pseudo", true);
    List<TrackedEvent> batch = List.of(Events.played(0), Events.withdrawn(p), Events.played(2));
    assertThat(sink().build().deliver(batch)).isInstanceOf(DeliveryResult.RetryLater.class);
    lrs.verify(0, getRequestedFor(anyUrl()));
    lrs.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void eventsOutsideTheFilterAreAcceptedWithoutBeingSent() {
    LrsSink sink = sink().filter(e -> false).build();
    assertThat(sink.deliver(played(5))).isEqualTo(DeliveryResult.accepted());
    lrs.verify(0, anyRequestedFor(anyUrl()));
  }
}
