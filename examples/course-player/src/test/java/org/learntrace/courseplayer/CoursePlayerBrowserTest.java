package org.learntrace.courseplayer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.lrs.EmbeddedLrs;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.internal.Pseudonymizer;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.lrs.StatementQuery;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.sink.LrsSink;

/**
 * The course player end to end in headless Chromium: the page's JS client records video and quiz
 * actions, queues them in IndexedDB while the browser is offline (DevTools network emulation),
 * syncs them to the real {@code StatementCollector} when it is back online, and the real SDK
 * pipeline (consent, pseudonyms, durable outbox, {@code LrsSink} with {@code EventMapper}) delivers
 * them to a real embedded LRS, which the test reads over HTTP with {@code LrsClient}.
 */
class CoursePlayerBrowserTest {
  static final String SINK = "research-lrs";
  static final String KEY_ID = "player-test";
  static final byte[] KEY = "course-player-browser-test-key".getBytes(StandardCharsets.UTF_8);
  static final String TEACHERS = "https://muktopaath.gov.bd/id/teachers";
  static final String LT = "https://learntrace.org/xapi/extensions/";
  static final String VIDEO_EXT = "https://w3id.org/xapi/video/extensions/";
  static final String PLAYED = "https://w3id.org/xapi/video/verbs/played";
  static final String PAUSED = "https://w3id.org/xapi/video/verbs/paused";
  static final String SEEKED = "https://w3id.org/xapi/video/verbs/seeked";
  static final String ANSWERED = "http://adlnet.gov/expapi/verbs/answered";
  static final String FAILED = "http://adlnet.gov/expapi/verbs/failed";
  static final String INITIALIZED = "http://adlnet.gov/expapi/verbs/initialized";
  static final DateTimeFormatter DEVICE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

  @TempDir static Path platformDir;
  static EmbeddedLrs lrs;
  static LrsClient research;
  static LearnTrace learnTrace;
  static CoursePlayerServer player;

  @TempDir Path profile;
  Chromium browser;

  @BeforeAll
  static void platform() {
    lrs = EmbeddedLrs.start(platformDir.resolve("lrs"), "researcher", "secret");
    research = LrsClient.builder(lrs.baseUri()).credentials(Credentials.basic("researcher", "secret"))
        .version(XapiVersion.V1_0_3).build();
    learnTrace = LearnTrace.builder()
        .setOutboxDirectory(platformDir.resolve("outbox"))
        .setPseudonymKey(KEY_ID, KEY)
        .setBasePolicy(new AnalyticsPolicy("base",
            new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.RESEARCH, null), Map.of()))
        .setPolicyPollInterval(Duration.ZERO).setMetricsLogInterval(Duration.ZERO)
        .setBatching(100, 1 << 20, Duration.ofMillis(20))
        .addSink(LrsSink.builder(SINK, research, EventMapper.create(CoursePlayerServer.catalog())).build())
        .build();
    for (String teacher : List.of("amina", "bashir", "chaity", "dipa", "esha")) {
      learnTrace.consent().grant(Person.teacher(teacher), "research", 1);
    }
    player = CoursePlayerServer.builder(learnTrace.tracker()).start();
  }

  @AfterAll
  static void stopPlatform() {
    if (player != null) {
      player.close();
    }
    if (learnTrace != null) {
      learnTrace.close();
    }
    if (lrs != null) {
      lrs.close();
    }
  }

  @BeforeEach
  void startBrowser() {
    browser = Chromium.start(profile);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  // ---- the scenarios ----

  @Test
  void actionsQueuedOfflineReachTheLrsForTheSignedInTeacherWithTheirOriginalTimes() throws Exception {
    launch("amina", "events");

    // Online: watch a little, pause, skip ahead, answer the first item; all of it syncs at once.
    playFor(1.0);
    browser.click("pause");
    browser.click("forward");
    answer("q1", "b");
    awaitStatus("online actions synced", s -> s.get("queued").equals("0") && s.get("sent").equals("5"));

    // Offline: keep watching, answer the rest, finish the quiz; and a page script tries to report
    // an action as somebody else.
    browser.offline();
    awaitStatus("the player to see it is offline", s -> s.get("state").equals("offline"));
    playFor(0.5);
    browser.click("pause");
    answer("q2", "c");
    answer("q3", "b");
    browser.click("finish-quiz");
    browser.await("window.learnTracePlayer.client.record({type: 'video-played', module: {course: 'ags', module: 'm3'},"
        + " video: 'm3-intro', sessionId: 'forged', time: 0, learner: {role: 'TEACHER', id: 'rahim'}})");
    awaitStatus("six actions queued while offline", s -> s.get("queued").equals("6"));
    List<Map<String, Object>> queued = pending();
    assertThat(queued).extracting(e -> body(e).get("type")).containsExactly("video-played", "video-paused",
        "quiz-item-answered", "quiz-item-answered", "quiz-attempt-finished", "video-played");
    assertThat(queued).allSatisfy(e -> assertThat(e.get("offline")).isEqualTo(true));
    assertThat(browser.status()).containsEntry("sent", "5").containsEntry("state", "offline");

    // Back online: the queue drains by itself; the forged action is refused and kept aside.
    Instant backOnline = Instant.now();
    browser.online();
    awaitStatus("the offline queue synced", s -> s.get("queued").equals("0") && s.get("sent").equals("10")
        && s.get("rejected").equals("1"));
    List<Map<String, Object>> rejected = rejected();
    assertThat(rejected).singleElement().satisfies(r -> {
      Map<String, Object> error = errors(r).get(0);
      assertThat(error).containsEntry("rule", "actor-mismatch");
      assertThat((String) error.get("path")).endsWith(".learner");
    });
    assertThat(browser.element("rejected-list").getText()).contains("actor-mismatch");

    List<Statement> stored = statementsOf("amina", 10);
    assertThat(stored).extracting(s -> s.verb().id()).containsExactlyInAnyOrder(INITIALIZED, PLAYED, PAUSED, SEEKED,
        ANSWERED, PLAYED, PAUSED, ANSWERED, ANSWERED, FAILED);
    assertThat(stored).allSatisfy(s -> assertThat(s.actor()).isEqualTo(agentOf("amina")));
    assertThat(statementsOf("rahim", 0)).as("statements attributed to the forged learner").isEmpty();

    // Each action recorded offline keeps the device time it happened at, not the time it was synced.
    Map<String, Statement> byKey = stored.stream().collect(Collectors.toMap(s -> text(s, LT + "natural-key"), s -> s));
    for (Map<String, Object> entry : queued.subList(0, 5)) {
      Map<String, Object> occurrence = occurrence(entry);
      Statement s = byKey.get((String) occurrence.get("naturalKey"));
      assertThat(s).as("the LRS statement of queued %s", body(entry).get("type")).isNotNull();
      Instant deviceTime = Instant.parse((String) occurrence.get("occurredAt"));
      assertThat(s.timestamp().instant()).as("timestamp of %s", s.verb().id()).isEqualTo(deviceTime).isBefore(backOnline);
      assertThat(Instant.parse(text(s, LT + "received-at"))).as("received-at of %s", s.verb().id()).isAfter(backOnline);
      assertThat(s.context().extensions().get(LT + "synced-late").asBoolean()).isTrue();
      assertThat(text(s, LT + "network")).isEqualTo("offline");
    }

    // The Video Profile: the offline pause carries this session's two played segments and its progress.
    Statement offlinePause = byKey.get((String) occurrence(queued.get(1)).get("naturalKey"));
    String session = (String) browser.js("return window.learnTracePlayer.sessionId;");
    assertThat(text(offlinePause, VIDEO_EXT + "session-id")).isEqualTo(session);
    assertThat(offlinePause.result().extensions().get(VIDEO_EXT + "played-segments").asText()).contains("[,]");
    assertThat(offlinePause.result().extensions().get(VIDEO_EXT + "progress").asDouble()).isBetween(0.1, 0.9);
    // Quiz items carry the catalog's Bangla and English text.
    Statement q2 = byKey.get((String) occurrence(queued.get(2)).get("naturalKey"));
    assertThat(((Activity) q2.object()).definition().name().get("bn-BD")).isEqualTo("৪ + ৪ = ?");
    assertThat(q2.result().success()).isTrue();
    Statement finished = byKey.get((String) occurrence(queued.get(4)).get("naturalKey"));
    assertThat(finished.result().score().scaled()).isEqualTo(0.667);
  }

  @Test
  void aReloadWhileOfflineKeepsTheQueueAndItSyncsLater() throws Exception {
    launch("bashir", "events");
    awaitStatus("the launch synced", s -> s.get("queued").equals("0") && s.get("sent").equals("1"));

    browser.offline();
    awaitStatus("the player to see it is offline", s -> s.get("state").equals("offline"));
    answer("q1", "a");
    awaitStatus("the answer queued", s -> s.get("queued").equals("1"));
    Map<String, Object> answered = pending().get(0);

    browser.driver.navigate().refresh();
    browser.until("the player to open again from its offline copy",
        d -> "true".equals(browser.js("return document.body.dataset.ready;")));
    // The reloaded page starts a new session (initialized, also queued); the earlier answer is still there, unchanged.
    awaitStatus("two entries queued after the reload", s -> s.get("queued").equals("2"));
    List<Map<String, Object>> afterReload = pending();
    assertThat(afterReload.get(0)).isEqualTo(answered);
    assertThat(body(afterReload.get(1)).get("type")).isEqualTo("module-lifecycle");

    Instant backOnline = Instant.now();
    browser.online();
    awaitStatus("the queue synced after the reload", s -> s.get("queued").equals("0") && s.get("sent").equals("3"));
    List<Statement> stored = statementsOf("bashir", 3);
    Statement answer = stored.stream().filter(s -> s.verb().id().equals(ANSWERED)).findFirst().orElseThrow();
    assertThat(answer.timestamp().instant()).isEqualTo(Instant.parse((String) occurrence(answered).get("occurredAt")))
        .isBefore(backOnline);
    assertThat(answer.result().success()).isFalse();
    assertThat(stored).allSatisfy(s -> assertThat(s.actor()).isEqualTo(agentOf("bashir")));
  }

  @Test
  void xapiStatementsFromThePlayerAreTakenOnlyForTheSignedInTeacher() throws Exception {
    launch("chaity", "xapi");
    playFor(0.5);
    browser.click("pause");
    answer("q1", "b");
    awaitStatus("the statements synced", s -> s.get("queued").equals("0") && s.get("sent").equals("4"));

    // A page script opens its own client that names another teacher as the statements' actor.
    browser.await("import(new URL('js/learntrace-client.js', location.href).href).then((m) => m.LearnTraceClient.open({"
        + " owner: window.learnTracePlayer.launch.owner, format: 'xapi', platformIri: 'https://muktopaath.gov.bd/xapi',"
        + " actor: {objectType: 'Agent', account: {homePage: 'https://learntrace.org/players', name: 'rahim'}} }))"
        + ".then((forger) => forger.record({type: 'video-played', module: {course: 'ags', module: 'm3'},"
        + " video: 'm3-intro', sessionId: 'forged', time: 0}).then(() => forger.sync()))");
    awaitStatus("the forged statement refused", s -> s.get("rejected").equals("1") && s.get("queued").equals("0"));
    Map<String, Object> refused = rejected().get(0);
    assertThat(refused.get("kind")).isEqualTo("statement");
    assertThat(errors(refused).get(0)).containsEntry("rule", "actor-mismatch").containsEntry("path", "$[0].actor");

    List<Statement> stored = statementsOf("chaity", 4);
    assertThat(stored).extracting(s -> s.verb().id()).containsExactlyInAnyOrder(INITIALIZED, PLAYED, PAUSED, ANSWERED);
    assertThat(stored).allSatisfy(s -> assertThat(s.actor()).isEqualTo(agentOf("chaity")));
    assertThat(statementsOf("rahim", 0)).isEmpty();
    Statement paused = stored.stream().filter(s -> s.verb().id().equals(PAUSED)).findFirst().orElseThrow();
    assertThat(text(paused, VIDEO_EXT + "session-id")).isEqualTo(browser.js("return window.learnTracePlayer.sessionId;"));
    assertThat(paused.result().extensions().get(VIDEO_EXT + "progress").asDouble()).isPositive();
  }

  @Test
  void aCollectorThatCannotBeReachedWhileOnlineIsTriedAgainUntilItAnswers() throws Exception {
    launch("esha", "events");
    awaitStatus("the launch synced", s -> s.get("queued").equals("0") && s.get("sent").equals("1"));
    // The device is online but the platform is not reachable (a captive portal, a server down).
    browser.driver.executeCdpCommand("Network.enable", Map.of());
    browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/learntrace/*")));
    answer("q1", "b");
    awaitStatus("the failed sync to wait for a retry", s -> s.get("state").equals("retrying") && s.get("queued").equals("1"));

    browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    awaitStatus("the retry to deliver", s -> s.get("queued").equals("0") && s.get("sent").equals("2"));
    assertThat(statementsOf("esha", 2)).extracting(s -> s.verb().id()).containsExactlyInAnyOrder(INITIALIZED, ANSWERED);
  }

  @Test
  void aDeviceClockAnHourSlowIsCorrectedByTheCollectorAndItsReadingKept() throws Exception {
    // Every page of this browser reads a clock that is an hour behind.
    browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "{ const real = Date.now.bind(Date); Date.now = () => real() - 3600000; }"));
    Instant before = Instant.now();
    launch("dipa", "events");
    answer("q1", "b");
    awaitStatus("the answer synced", s -> s.get("queued").equals("0") && s.get("sent").equals("2"));
    Instant after = Instant.now();

    Statement answer = statementsOf("dipa", 2).stream().filter(s -> s.verb().id().equals(ANSWERED)).findFirst()
        .orElseThrow();
    JsonNode attributes = answer.context().extensions().get(LT + "attributes");
    assertThat(attributes).as("the occurrence's attributes in %s", answer.context().extensions()).isNotNull();
    Instant deviceReading = LocalDateTime.parse(attributes.get("device-clock-time").asText(), DEVICE_TIME)
        .toInstant(ZoneOffset.UTC);
    assertThat(deviceReading).as("the device's own reading, kept").isBefore(before.minus(Duration.ofMinutes(59)));
    assertThat(answer.timestamp().instant()).as("the corrected time")
        .isBetween(before.truncatedTo(ChronoUnit.MILLIS), after)
        .isAfter(deviceReading.plus(Duration.ofMinutes(59)));
  }

  // ---- helpers ----

  private void launch(String teacher, String format) {
    browser.open(player.launchUri(Person.teacher(teacher), format).toString());
    browser.until("the player to open", d -> "true".equals(browser.js("return document.body.dataset.ready;")));
    awaitStatus("the offline copy of the player", s -> "true".equals(s.get("offlineReady")));
    browser.until("the video to be loaded", d -> ((Number) browser.js(
        "return document.getElementById('lesson').readyState;")).intValue() >= 4);
  }

  private void playFor(double seconds) {
    double start = ((Number) browser.js("return document.getElementById('lesson').currentTime;")).doubleValue();
    browser.click("play");
    browser.until("the video to play " + seconds + " s", d -> ((Number) browser.js(
        "return document.getElementById('lesson').currentTime;")).doubleValue() >= start + seconds);
  }

  private void answer(String item, String choice) {
    browser.click("choice-" + item + "-" + choice);
    browser.click("answer-" + item);
    browser.until("item " + item + " answered", d -> browser.element("item-" + item).getAttribute("data-answered") != null);
  }

  private void awaitStatus(String what, java.util.function.Predicate<Map<String, String>> condition) {
    browser.until(what, d -> condition.test(browser.status()));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> pending() {
    return (List<Map<String, Object>>) browser.await("window.learnTracePlayer.client.pending()");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rejected() {
    return (List<Map<String, Object>>) browser.await("window.learnTracePlayer.client.rejected()");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Map<String, Object> entry) {
    return (Map<String, Object>) entry.get("body");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> occurrence(Map<String, Object> entry) {
    return (Map<String, Object>) body(entry).get("occurrence");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(Map<String, Object> rejectedEntry) {
    return (List<Map<String, Object>>) rejectedEntry.get("errors");
  }

  private static String text(Statement s, String contextExtension) {
    JsonNode v = s.context() == null || s.context().extensions() == null ? null
        : s.context().extensions().get(contextExtension);
    return v == null ? null : v.asText();
  }

  /** How the LRS names a teacher: an account on the platform's teacher id space, named by the keyed pseudonym. */
  private static Agent agentOf(String teacher) {
    String pseudonym = Pseudonymizer.forDestination(KEY, KEY_ID, SINK)
        .pseudonym(Person.Role.TEACHER.defaultIdSpace(), teacher);
    return Agent.ofAccount(TEACHERS, pseudonym);
  }

  /** The LRS's statements about {@code teacher}, once the pipeline has delivered and the LRS holds {@code expected}. */
  private static List<Statement> statementsOf(String teacher, int expected) throws InterruptedException {
    assertThat(learnTrace.flush(Chromium.PATIENCE)).as("the SDK pipeline delivered everything").isTrue();
    List<Statement> found = research.streamStatements(
        StatementQuery.builder().agent(agentOf(teacher)).ascending(true).limit(500).build()).toList();
    assertThat(found).as("statements of %s in the LRS: %s", teacher, found.stream().map(s -> s.verb().id())
        .filter(Objects::nonNull).toList()).hasSize(expected);
    return found;
  }
}
