package org.learntrace.courseplayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.InMemorySink;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.QuizItemAnswered;

/** The player's server over real HTTP on loopback, without a browser: launch, static files, the collector. */
class CoursePlayerServerTest {
  @TempDir Path outbox;
  LearnTrace lt;
  InMemorySink sink;
  CoursePlayerServer server;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() {
    sink = new InMemorySink("research");
    lt = LearnTrace.builder().setOutboxDirectory(outbox)
        .setPseudonymKey("k1", "course-player-server-test-key".getBytes(StandardCharsets.UTF_8))
        .setBasePolicy(new AnalyticsPolicy("base",
            new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null), Map.of()))
        .setPolicyPollInterval(Duration.ZERO).setMetricsLogInterval(Duration.ZERO)
        .setBatching(100, 1 << 20, Duration.ofMillis(5))
        .addSink(sink).build();
    server = CoursePlayerServer.builder(lt.tracker()).start();
  }

  @AfterEach
  void stop() {
    server.close();
    lt.close();
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] resource(String relative) throws IOException {
    try (InputStream in = CoursePlayerServer.class.getResourceAsStream(CoursePlayerServer.WEB_RESOURCES + relative)) {
      assertThat(in).as("resource %s", relative).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void aLaunchLinkSetsAnHttpOnlySessionCookieAndHandsThePlayerItsLaunchParameters() throws Exception {
    URI launch = server.launchUri(Person.teacher("amina"), "xapi");
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(launch).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(303);
    String token = launch.getQuery().replaceAll(".*session=([^&]+).*", "$1");
    assertThat(r.headers().firstValue("Set-Cookie")).hasValue(PlayerSessions.COOKIE + "=" + token
        + "; Path=/; HttpOnly; SameSite=Strict");
    String location = URLDecoder.decode(r.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(location).startsWith("/course-player/index.html?endpoint=/learntrace/&actor=")
        .contains("\"account\":{\"homePage\":\"https://learntrace.org/players\",\"name\":\"amina\"}")
        .endsWith("&format=xapi");
    assertThat(server.sessions().person(token)).isEqualTo(Person.teacher("amina"));
  }

  @Test
  void aLaunchLinkWithAnUnknownSessionIsRefused() throws Exception {
    HttpResponse<byte[]> r = get("course-player/launch?session=forged");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("'session'");
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThatThrownBy(() -> server.launchUri(Person.teacher("amina"), "csv"))
        .hasMessageContaining("format must be one of");
  }

  @Test
  void theCollectorTakesEventsOnlyWithTheLaunchedSessionCookie() throws Exception {
    URI launch = server.launchUri(Person.teacher("amina"));
    String token = launch.getQuery().replaceAll(".*session=([^&]+).*", "$1");
    String event = "[{\"type\":\"quiz-item-answered\",\"occurrence\":{\"occurredAt\":\"2026-03-14T10:00:00.000Z\"},"
        + "\"module\":{\"course\":\"ags\",\"module\":\"m3\"},\"quiz\":\"m3-quiz\",\"attempt\":\"a1\",\"item\":\"q1\","
        + "\"interaction\":\"choice\",\"response\":\"b\",\"success\":true}]";
    HttpRequest.Builder post = HttpRequest.newBuilder(server.collectorUri().resolve("events"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event));

    HttpResponse<String> anonymous = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> signedIn = http.send(post.header("Cookie", PlayerSessions.COOKIE + "=" + token).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(sink.received()).singleElement().satisfies(e -> {
      QuizItemAnswered q = (QuizItemAnswered) e.event();
      assertThat(q.learner().pseudonymous()).isTrue();
      assertThat(q.item()).isEqualTo("q1");
    });
  }

  @Test
  void staticFilesComeWithTheirTypes() throws Exception {
    assertThat(get("course-player/index.html").headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(get("course-player/js/player.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("course-player/media/m3-intro.webm").headers().firstValue("Content-Type")).hasValue("video/webm");
    HttpResponse<byte[]> catalog = get("course-player/catalog.json");
    assertThat(catalog.body()).isEqualTo(resource("catalog.json"));
    assertThat(get("course-player/").statusCode()).isEqualTo(303);
  }

  @Test
  void aByteRangeOfTheVideoIsServedAsPartialContent() throws Exception {
    byte[] video = resource("media/m3-intro.webm");
    HttpResponse<byte[]> part = get("course-player/media/m3-intro.webm", "Range", "bytes=100-199");
    HttpResponse<byte[]> tail = get("course-player/media/m3-intro.webm", "Range", "bytes=-10");
    HttpResponse<byte[]> beyond = get("course-player/media/m3-intro.webm", "Range", "bytes=" + video.length + "-");

    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + video.length);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(video, 100, 200));
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(video, video.length - 10, video.length));
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + video.length);
  }

  @Test
  void nothingOutsideThePlayersFolderIsServed() throws Exception {
    for (String path : List.of("course-player/js/%2e%2e/catalog.json", "course-player/..%2Fcatalog.json",
        "course-player/nothing.html", "course-player/js/player.js%00.html",
        "course-player/../org/learntrace/courseplayer/CoursePlayerServer.class")) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void theServiceWorkerKeepsEveryFileThePlayerLoads() throws Exception {
    String sw = new String(resource("sw.js"), StandardCharsets.UTF_8);
    List<String> shell = new ArrayList<>();
    Matcher m = Pattern.compile("^  '([^']+)',$", Pattern.MULTILINE).matcher(sw);
    while (m.find()) {
      shell.add(m.group(1));
    }
    for (String file : shell) {
      assertThat(get("course-player/" + file).statusCode()).as("the service worker's %s", file).isEqualTo(200);
    }
    // Every module the page imports, and the video of every catalog video, must be in the offline copy.
    List<String> needed = new ArrayList<>(List.of("index.html", "player.css", "catalog.json", "js/player.js"));
    for (String js : List.copyOf(shell)) {
      if (js.endsWith(".js")) {
        Matcher imports = Pattern.compile("from '\\./([^']+)'").matcher(new String(resource(js), StandardCharsets.UTF_8));
        while (imports.find()) {
          needed.add("js/" + imports.group(1));
        }
      }
    }
    assertThat(CoursePlayerServer.catalog().platformIri()).isEqualTo("https://muktopaath.gov.bd/xapi");
    for (JsonNode course : new ObjectMapper().readTree(resource("catalog.json")).get("courses")) {
      for (JsonNode video : course.get("videos")) {
        needed.add("media/" + video.get("id").asText() + ".webm");
      }
    }
    assertThat(shell).containsAll(needed);
  }
}
