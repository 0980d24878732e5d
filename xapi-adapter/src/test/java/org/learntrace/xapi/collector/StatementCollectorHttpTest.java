package org.learntrace.xapi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.InMemorySink;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.sdk.VideoPlayed;

/** The collector on a real HTTP server (Jersey on the JDK's server, loopback) over a real pipeline. */
class StatementCollectorHttpTest {
  static final Instant NOW = Instant.parse("2026-03-14T12:00:00.000Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HOME = "https://platform.example.org/id";
  static final Map<String, Person> SESSIONS = Map.of(
      "s-amina", Person.teacher("amina"), "s-bashir", Person.teacher("bashir"));

  @TempDir Path outbox;
  LearnTrace lt;
  InMemorySink sink;
  HttpServer server;
  URI base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    sink = new InMemorySink("research");
    lt = LearnTrace.builder().setOutboxDirectory(outbox)
        .setPseudonymKey("k1", "0123456789abcdef-collector".getBytes(StandardCharsets.UTF_8))
        .setBasePolicy(new AnalyticsPolicy("base",
            new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.RESEARCH, null), Map.of()))
        .setPolicyPollInterval(Duration.ZERO).setMetricsLogInterval(Duration.ZERO)
        .setBatching(100, 1 << 20, Duration.ofMillis(5))
        .addSink(sink).build();
    lt.consent().grant(Person.teacher("amina"), "research", 1);   // bashir has not consented
    StatementCollector collector = StatementCollector.builder(lt.tracker(),
            c -> c.cookie("SESSION") == null ? null : SESSIONS.get(c.cookie("SESSION")))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .playerAgent(p -> org.learntrace.xapi.Agent.ofAccount(HOME, p.id()))
        .maxBodyBytes(20_000).maxItems(50).maxDepth(16).rateLimit(60, Duration.ofHours(1))
        .awaitStored(Duration.ofSeconds(30))
        .build();
    server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), new ResourceConfig().register(collector));
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/learntrace/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    lt.close();
  }

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    JsonNode item(int i) {
      return body.get("items").get(i);
    }

    JsonNode error(int item, int n) {
      return item(item).get("errors").get(n);
    }
  }

  Answer post(String resource, String session, String body, String... headers) throws Exception {
    return send(resource, session, HttpRequest.BodyPublishers.ofString(body), headers);
  }

  Answer send(String resource, String session, HttpRequest.BodyPublisher body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(resource)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").POST(body);
    if (session != null) {
      b.header("Cookie", "SESSION=" + session);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()), r);
  }

  static String played(String occurredAt, double time, String extra) {
    return "{\"type\":\"video-played\",\"occurrence\":{\"occurredAt\":\"" + occurredAt + "\"},"
        + "\"module\":{\"course\":\"ags\",\"module\":\"m3\"},\"video\":\"m3-video-1\",\"sessionId\":\"s1\","
        + "\"time\":" + time + extra + "}";
  }

  static String playedStatement(String id, String actorName) {
    return "{\"id\":\"" + id + "\",\"actor\":{\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"" + actorName + "\"}},"
        + "\"verb\":{\"id\":\"https://w3id.org/xapi/video/verbs/played\",\"display\":{\"en-US\":\"played\"}},"
        + "\"object\":{\"id\":\"https://platform.example.org/ags/m3/video/1\",\"definition\":"
        + "{\"type\":\"https://w3id.org/xapi/video/activity-type/video\"}},"
        + "\"result\":{\"extensions\":{\"https://w3id.org/xapi/video/extensions/time\":12.5}},"
        + "\"context\":{\"extensions\":{\"https://learntrace.org/xapi/extensions/course\":\"ags\","
        + "\"https://learntrace.org/xapi/extensions/module\":\"m3\","
        + "\"https://w3id.org/xapi/video/extensions/session-id\":\"s-9\"}},"
        + "\"timestamp\":\"2026-03-14T11:59:00.000Z\"}";
  }

  List<TrackedEvent> delivered() throws InterruptedException {
    assertThat(lt.flush(Duration.ofSeconds(60))).isTrue();
    return sink.received();
  }

  @Test
  void aSingleEventIsAcceptedForTheSignedInUserWithTheServersReceiptTime() throws Exception {
    Answer a = post("events", "s-amina", played("2026-03-14T11:59:59.000Z", 12.5, ""));
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(a.item(0).get("outcome").asText()).isEqualTo("accepted");
    assertThat(a.item(0).get("stored").asBoolean()).isTrue();
    assertThat(a.item(0).get("eventId").asText()).isNotBlank();
    List<TrackedEvent> got = delivered();
    assertThat(got).singleElement().satisfies(e -> {
      assertThat(e.id().toString()).isEqualTo(a.item(0).get("eventId").asText());
      VideoPlayed v = (VideoPlayed) e.event();
      assertThat(v.time()).isEqualTo(12.5);
      assertThat(v.learner().pseudonymous()).isTrue();
      assertThat(v.occurrence().occurredAt()).isEqualTo(Instant.parse("2026-03-14T11:59:59.000Z"));
      assertThat(v.occurrence().receivedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void aGzipBatchIsAcceptedItemByItem() throws Exception {
    String body = "[" + played("2026-03-14T11:00:00.000Z", 1, "") + "," + played("2026-03-14T11:00:01.000Z", 2, "")
        + "," + played("2026-03-14T11:00:02.000Z", 3, "") + "]";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    Answer a = send("events", "s-amina", HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()), "Content-Encoding", "gzip");
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(a.body().get("accepted").asInt()).isEqualTo(3);
    assertThat(delivered()).hasSize(3);
  }

  @Test
  void anEventNamingSomeoneElseIsInvalidAndNotRecorded() throws Exception {
    String spoofed = played("2026-03-14T11:00:00.000Z", 1,
        ",\"learner\":{\"role\":\"TEACHER\",\"id\":\"bashir\",\"pseudonymous\":false}");
    Answer single = post("events", "s-amina", spoofed);
    assertThat(single.status()).isEqualTo(400);
    assertThat(single.error(0, 0).get("path").asText()).isEqualTo("$.learner");
    assertThat(single.error(0, 0).get("rule").asText()).isEqualTo("actor-mismatch");

    Answer mixed = post("events", "s-amina", "[" + played("2026-03-14T11:00:00.000Z", 1,
        ",\"learner\":{\"role\":\"TEACHER\",\"id\":\"amina\"}") + "," + spoofed + "]");
    assertThat(mixed.status()).as(mixed.body().toString()).isEqualTo(200);
    assertThat(mixed.item(0).get("outcome").asText()).isEqualTo("accepted");
    assertThat(mixed.item(1).get("outcome").asText()).isEqualTo("invalid");
    assertThat(mixed.error(1, 0).get("path").asText()).isEqualTo("$[1].learner");
    assertThat(delivered()).hasSize(1);
  }

  @Test
  void aStatementWhoseActorIsSomeoneElseIsInvalid() throws Exception {
    Answer a = post("statements", "s-amina", "[" + playedStatement("6f1c3a52-1f6b-4d1e-9a5e-0c2b7e9d4a11", "bashir") + "]");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error(0, 0).get("path").asText()).isEqualTo("$[0].actor");
    assertThat(a.error(0, 0).get("rule").asText()).isEqualTo("actor-mismatch");
    assertThat(delivered()).isEmpty();
  }

  @Test
  void aVideoProfileStatementBecomesAnEventAndAResentOneTheSameEvent() throws Exception {
    String s = playedStatement("6f1c3a52-1f6b-4d1e-9a5e-0c2b7e9d4a11", "amina");
    Answer first = post("statements", "s-amina", s);
    Answer again = post("statements", "s-amina", s);
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(again.item(0).get("eventId")).isEqualTo(first.item(0).get("eventId"));
    assertThat(delivered()).hasSize(2).allSatisfy(e -> {
      VideoPlayed v = (VideoPlayed) e.event();
      assertThat(v.video()).isEqualTo("https://platform.example.org/ags/m3/video/1");
      assertThat(v.sessionId()).isEqualTo("s-9");
      assertThat(v.module().course()).isEqualTo("ags");
      assertThat(v.time()).isEqualTo(12.5);
    });
  }

  @Test
  void aQuizAnswerStatementBecomesAQuizItemEvent() throws Exception {
    String s = "{\"actor\":{\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"amina\"}},"
        + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
        + "\"object\":{\"id\":\"https://platform.example.org/ags/m3/quiz/1/item/4\",\"definition\":{\"interactionType\":\"choice\","
        + "\"choices\":[{\"id\":\"a\"},{\"id\":\"b\"}]}},\"result\":{\"response\":\"b\",\"success\":true},"
        + "\"context\":{\"registration\":\"0f1c3a52-1f6b-4d1e-9a5e-0c2b7e9d4a22\",\"contextActivities\":"
        + "{\"parent\":[{\"id\":\"https://platform.example.org/ags/m3/quiz/1\"}]},"
        + "\"extensions\":{\"https://learntrace.org/xapi/extensions/course\":\"ags\"}},\"timestamp\":\"2026-03-14T11:30:00Z\"}";
    Answer a = post("statements", "s-amina", s);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(delivered()).singleElement().satisfies(e -> {
      QuizItemAnswered q = (QuizItemAnswered) e.event();
      assertThat(q.quiz()).isEqualTo("https://platform.example.org/ags/m3/quiz/1");
      assertThat(q.interaction()).isEqualTo("choice");
      assertThat(q.success()).isTrue();
    });
  }

  @Test
  void aStatementTheCollectorCannotConvertIsRefusedSayingWhy() throws Exception {
    String s = playedStatement("6f1c3a52-1f6b-4d1e-9a5e-0c2b7e9d4a11", "amina")
        .replace("https://w3id.org/xapi/video/verbs/played", "http://adlnet.gov/expapi/verbs/experienced");
    Answer a = post("statements", "s-amina", s);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.error(0, 0).get("path").asText()).isEqualTo("$.verb.id");
    assertThat(a.error(0, 0).get("rule").asText()).isEqualTo("unsupported-statement");
    assertThat(a.error(0, 0).get("detail").asText()).contains("experienced", "sdk-core event");
  }

  @Test
  void anInvalidStatementGetsEveryViolationWithPathAndRule() throws Exception {
    String s = "[" + playedStatement("6f1c3a52-1f6b-4d1e-9a5e-0c2b7e9d4a11", "amina") + ","
        + "{\"actor\":{\"mbox\":\"amina@example.org\"},\"object\":{\"id\":\"not an iri\"}}]";
    Answer a = post("statements", "s-amina", s);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.item(1).get("outcome").asText()).isEqualTo("invalid");
    List<String> found = new java.util.ArrayList<>();
    a.item(1).get("errors").forEach(e -> {
      assertThat(e.get("detail").asText()).isNotBlank();
      found.add(e.get("path").asText() + " " + e.get("rule").asText());
    });
    assertThat(found).contains("$[1].actor.mbox XAPI-00038", "$[1].verb XAPI-00004", "$[1].object.id XAPI-00047");
  }

  @Test
  void invalidEventsNameFieldRuleAndPosition() throws Exception {
    String body = "[" + "{\"type\":\"video-played\",\"module\":{\"course\":\"ags\"},\"video\":\"v\",\"time\":1}" + ","
        + played("2026-03-14T11:00:00.000Z", 1, ",\"bogus\":1") + ","
        + "{\"type\":\"lesson-observed\",\"occurrence\":{\"occurredAt\":\"2026-03-14T11:00:00Z\"}}" + ","
        + played("2026-03-14T11:00:00.000Z", 1, "").replace("\"time\":1.0", "\"time\":\"soon\"") + ","
        + "{\"type\":\"video-played\",\"occurrence\":{\"occurredAt\":\"2026-03-14T11:00:00Z\"},\"module\":{\"course\":\"ags\"},\"time\":1}"
        + "]";
    Answer a = post("events", "s-amina", body);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(400);
    assertThat(a.error(0, 0).get("path").asText() + " " + a.error(0, 0).get("rule").asText())
        .isEqualTo("$[0].occurrence required");
    assertThat(a.error(1, 0).get("path").asText() + " " + a.error(1, 0).get("rule").asText())
        .isEqualTo("$[1].bogus unknown-property");
    assertThat(a.error(2, 0).get("path").asText() + " " + a.error(2, 0).get("rule").asText())
        .isEqualTo("$[2].type type-not-accepted");
    assertThat(a.error(3, 0).get("path").asText()).isEqualTo("$[3].time");
    assertThat(a.error(4, 0).get("path").asText() + " " + a.error(4, 0).get("rule").asText())
        .isEqualTo("$[4].video required");
  }

  @Test
  void theDeviceClockSkewIsCorrectedFromTheSendTimeAndTheOriginalKept() throws Exception {
    // The phone's clock is 1 h behind: it says it sent the batch at 11:00 when the server says 12:00.
    // The batch was recorded offline three days earlier, by the phone's clock.
    Answer a = post("events", "s-amina", "[" + played("2026-03-11T10:00:00.000Z", 1, "") + ","
        + played("2026-03-11T10:05:00.000Z", 2, "") + "]", StatementCollector.SENT_AT_HEADER, "2026-03-14T11:00:00.000Z");
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    assertThat(a.body().get("clockOffset").asText()).isEqualTo("PT1H");
    List<TrackedEvent> got = delivered();
    assertThat(got).hasSize(2);
    VideoPlayed first = (VideoPlayed) got.get(0).event();
    VideoPlayed second = (VideoPlayed) got.get(1).event();
    assertThat(first.occurrence().occurredAt()).isEqualTo(Instant.parse("2026-03-11T11:00:00.000Z"));
    assertThat(second.occurrence().occurredAt()).isEqualTo(Instant.parse("2026-03-11T11:05:00.000Z"));
    assertThat(first.occurrence().receivedAt()).isEqualTo(NOW);
    assertThat(first.occurrence().attributes())
        .containsEntry("device-clock-time", "20260311T100000.000Z").containsEntry("clock-offset", "PT1H");
  }

  @Test
  void aSmallSkewIsTakenAsTransitTime() throws Exception {
    Answer a = post("events", "s-amina", played("2026-03-14T11:59:00.000Z", 1, ""),
        StatementCollector.SENT_AT_HEADER, "2026-03-14T11:59:59.500Z");
    assertThat(a.body().has("clockOffset")).isFalse();
    assertThat(((VideoPlayed) delivered().get(0).event()).occurrence().occurredAt())
        .isEqualTo(Instant.parse("2026-03-14T11:59:00.000Z"));
  }

  @Test
  void anUnreadableSendTimeIsRefused() throws Exception {
    Answer a = post("events", "s-amina", played("2026-03-14T11:59:00.000Z", 1, ""),
        StatementCollector.SENT_AT_HEADER, "yesterday");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().get("errors").get(0).get("path").asText()).isEqualTo("header X-LearnTrace-Sent-At");
  }

  @Test
  void aCallerWhoIsNotSignedInGets401() throws Exception {
    Answer none = post("events", null, played("2026-03-14T11:59:00.000Z", 1, ""));
    Answer unknown = post("events", "s-forged", played("2026-03-14T11:59:00.000Z", 1, ""));
    assertThat(none.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(none.body().get("errors").get(0).get("rule").asText()).isEqualTo("authentication");
    assertThat(delivered()).isEmpty();
  }

  @Test
  void anEventOfAUserWithoutConsentIsFiltered() throws Exception {
    Answer a = post("events", "s-bashir", played("2026-03-14T11:59:00.000Z", 1, ""));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.item(0).get("outcome").asText()).isEqualTo("filtered");
    assertThat(a.item(0).get("reason").asText()).isEqualTo("NO_CONSENT");
    assertThat(delivered()).isEmpty();
  }

  @Test
  void anOversizedBodyGets413EvenWhenItIsASmallGzip() throws Exception {
    String big = "[" + String.join(",", java.util.Collections.nCopies(120,
        played("2026-03-14T11:00:00.000Z", 1, ""))) + "]";
    Answer plain = post("events", "s-amina", big);
    assertThat(plain.status()).isEqualTo(413);
    assertThat(plain.body().get("errors").get(0).get("rule").asText()).isEqualTo("max-body-bytes");

    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(("[" + " ".repeat(1_000_000) + "]").getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(gz.size()).isLessThan(20_000);
    Answer bomb = send("events", "s-amina", HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()), "Content-Encoding", "gzip");
    assertThat(bomb.status()).isEqualTo(413);

    String many = "[" + String.join(",", java.util.Collections.nCopies(51, "{}")) + "]";
    Answer tooMany = post("events", "s-amina", many);
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.body().get("errors").get(0).get("rule").asText()).isEqualTo("max-items");
  }

  @Test
  void deeplyNestedOrMalformedBodiesGetAClear400() throws Exception {
    Answer deep = post("events", "s-amina", "[".repeat(40) + "]".repeat(40));
    assertThat(deep.status()).isEqualTo(400);
    assertThat(deep.body().get("errors").get(0).get("rule").asText()).isEqualTo("max-depth");

    Answer broken = post("events", "s-amina", "[{\"type\": \"video-played\",}]");
    assertThat(broken.status()).isEqualTo(400);
    JsonNode e = broken.body().get("errors").get(0);
    assertThat(e.get("rule").asText()).isEqualTo("json-syntax");
    assertThat(e.get("detail").asText()).contains("line 1, column");
  }

  @Test
  void tooManyItemsFromOnePersonGet429WithRetryAfter() throws Exception {
    String thirty = "[" + String.join(",", java.util.Collections.nCopies(30,
        played("2026-03-14T11:00:00.000Z", 1, ""))) + "]";
    assertThat(post("events", "s-amina", thirty).status()).isEqualTo(200);
    assertThat(post("events", "s-amina", thirty).status()).isEqualTo(200);
    Answer limited = post("events", "s-amina", thirty);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("3600");
    assertThat(post("events", "s-bashir", thirty).status()).as("another person's allowance").isEqualTo(200);
  }
}
