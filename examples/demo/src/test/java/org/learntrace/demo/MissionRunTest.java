package org.learntrace.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.Pseudonyms;

/**
 * The mission end to end at a small scale: embedded LRS, study, delivery through the SDK pipeline
 * (and, with {@code --direct}, by LrsClient batches), read-back, analysis, outputs.
 */
class MissionRunTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] SMALL = {"--seed", "424242", "--schools", "12", "--teachers", "24"};

  // Held so that the levels stick (loggers are weakly referenced): the pool's and Jersey's start-up chatter.
  static final java.util.logging.Logger POOL = java.util.logging.Logger.getLogger("com.zaxxer.hikari");
  static final java.util.logging.Logger JERSEY = java.util.logging.Logger.getLogger("org.glassfish.jersey");
  static final java.util.logging.Logger SDK = java.util.logging.Logger.getLogger("org.learntrace.sdk");

  @TempDir static Path tmp;
  static Run first;

  record Run(int status, String output, Path out) {
    JsonNode summary() throws IOException {
      return JSON.readTree(out.resolve("summary.json").toFile());
    }

    List<String> lines() throws IOException {
      return Files.readAllLines(out.resolve("statements.ndjson"), StandardCharsets.UTF_8);
    }
  }

  static Run run(String name, String... args) {
    Path out = tmp.resolve(name);
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--out");
    all.add(out.toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Demo.run(all.toArray(String[]::new), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8), out);
  }

  @BeforeAll
  static void runOnce() {
    POOL.setLevel(java.util.logging.Level.WARNING);
    JERSEY.setLevel(java.util.logging.Level.SEVERE);
    SDK.setLevel(java.util.logging.Level.WARNING);
    first = run("a", SMALL);
  }

  @Test
  void aSmallRunDeliversEverythingLosesNothingAndRecoversAnEffect() throws IOException {
    assertThat(first.status()).as(first.output()).isZero();
    JsonNode s = first.summary();
    assertThat(s.get("deliveryRoute").asText()).isEqualTo("sdk-pipeline");
    long delivered = s.get("statementsDelivered").asLong();
    assertThat(delivered).isPositive();
    assertThat(s.get("eventsTracked").asLong()).isEqualTo(delivered);
    assertThat(s.get("lost").asLong()).isZero();
    assertThat(s.get("deadLettered").asLong()).isZero();
    assertThat(s.get("dropped").asLong()).isZero();
    JsonNode effect = s.get("effect");
    for (String f : List.of("planted", "estimate", "ciLow", "ciHigh", "standardErrorClustered", "standardErrorNaive")) {
      assertThat(effect.has(f)).as(f).isTrue();
      assertThat(effect.get(f).isNumber()).as(f).isTrue();
    }
    assertThat(effect.get("planted").asDouble()).isEqualTo(0.2);
    assertThat(Double.isFinite(effect.get("ciLow").asDouble())).isTrue();
    assertThat(Double.isFinite(effect.get("ciHigh").asDouble())).isTrue();
    assertThat(effect.get("ciLow").asDouble()).isLessThan(effect.get("estimate").asDouble())
        .isLessThan(effect.get("ciHigh").asDouble());
    assertThat(effect.get("standardErrorClustered").asDouble()).isPositive();

    long outcomes = s.get("outcomesImported").asLong();
    assertThat(outcomes).isPositive();
    // Engagement, outcome records and the LTI launches and scores all go through the pipeline: one
    // statement per tracked event.
    long lti = s.get("ltiLaunches").asLong() + s.get("ltiScoresReturned").asLong();
    assertThat(s.get("engagementEvents").asLong() + outcomes + lti).isEqualTo(delivered);
    assertThat(s.get("statementsReadBack").asLong()).isEqualTo(delivered);
    assertThat(first.lines()).hasSize((int) delivered);
    assertThat(first.lines()).allSatisfy(l -> assertThat(JSON.readTree(l).has("stored")).isTrue());
    JsonNode linkage = s.get("linkage");
    assertThat(linkage.get("treatedTeachersWithStatements").asInt()).isEqualTo(linkage.get("treatedTeachers").asInt())
        .isPositive();
    assertThat(linkage.get("outcomeRowsResolved").asInt()).isEqualTo(linkage.get("outcomeRows").asInt());

    // Pseudonymous: no study id of a teacher or student in clear in what the LRS holds.
    String all = String.join("\n", first.lines());
    List<String> clear = new ArrayList<>();
    for (String table : List.of("teachers.csv", "student_classes.csv")) {
      List<String> rows = Files.readAllLines(first.out().resolve("study/links").resolve(table), StandardCharsets.UTF_8);
      for (String row : rows.subList(1, rows.size())) {
        String id = row.split(",")[0];
        if (all.contains("\"" + id + "\"")) {
          clear.add(id);
        }
      }
    }
    assertThat(clear).as("local ids in clear").isEmpty();
    // The course catalog's Bangla titles reach the statements.
    assertThat(all).contains("আনন্দে গণিত শিখি").contains("\"bn-BD\"");

    assertThat(first.out().resolve("report/index.html")).isRegularFile();
    assertThat(Files.readString(first.out().resolve("report/index.html"))).contains("How this report was made")
        .contains("SDK pipeline").contains("durable outbox");
    Path pkg = first.out().resolve("data/datapackage.json");
    assertThat(pkg).isRegularFile();
    for (JsonNode r : JSON.readTree(pkg.toFile()).get("resources")) {
      assertThat(first.out().resolve("data").resolve(r.get("path").asText())).isRegularFile();
    }
    assertThat(first.out().resolve("data/codebook.md")).isRegularFile();
    assertThat(first.output()).contains("[1/6]").contains("[6/6]").contains("Summary").contains("SDK pipeline")
        .contains("report                    " + first.out().resolve("report/index.html"));
  }

  /**
   * Issue #8: Muktopaath launches the external practice-quiz tool over LTI 1.3 for a few teachers,
   * the tool sends each score back through AGS, and the platform's research port tracks the launch
   * and the score through the SDK pipeline: both are statements in the LRS, under the teacher's LTI
   * pseudonym, with the score the tool gave.
   */
  @Test
  void anLtiLaunchOfTheExternalToolBringsAScoreBackThatTheLrsHoldsUnderTheTeachersLtiPseudonym() throws Exception {
    JsonNode s = first.summary();
    assertThat(s.get("ltiLaunches").asInt()).as(first.output()).isEqualTo(LtiLaunches.DEFAULT_LAUNCHES);
    assertThat(s.get("ltiScoresReturned").asInt()).isEqualTo(LtiLaunches.DEFAULT_LAUNCHES);
    JsonNode lti = s.get("lti");
    assertThat(lti.get("launchesTracked").asInt()).isEqualTo(LtiLaunches.DEFAULT_LAUNCHES);
    assertThat(lti.get("scoresTracked").asInt()).isEqualTo(LtiLaunches.DEFAULT_LAUNCHES);
    assertThat(lti.get("statementsReadBack").asInt()).isEqualTo(2 * LtiLaunches.DEFAULT_LAUNCHES);
    // The whole flow over HTTP: launch link, OIDC login initiation, authorization, id_token form_post, answers.
    assertThat(first.output()).contains("GET /muktopaath/launch/{ticket} 302 -> GET /lti/tool/login 302 -> "
        + "GET /lti/platform/auth 200 -> POST /lti/tool/launch 200 -> POST /practice/submit 200");

    Map<String, String> teacherOfLtiActor = new HashMap<>();
    List<String> rows = Files.readAllLines(first.out().resolve("study/links/teachers.csv"), StandardCharsets.UTF_8);
    for (String row : rows.subList(1, rows.size())) {
      String teacher = row.split(",")[0];
      teacherOfLtiActor.put(ltiActor(teacher), teacher);
    }
    List<JsonNode> statements = new ArrayList<>();
    for (String l : first.lines()) {
      statements.add(JSON.readTree(l));
    }
    Pseudonyms research = Pseudonyms.forDestination(SdkDelivery.KEY_ID, SdkDelivery.KEY, SdkDelivery.SINK);
    Set<String> teachers = new HashSet<>();
    for (JsonNode launch : lti.get("launches")) {
      String actor = launch.get("actor").asText();
      String teacher = teacherOfLtiActor.get(actor);
      assertThat(teacher).as("%s is the LTI pseudonym (iss %s, sub = the teacher's id) of a study teacher", actor,
          LtiLaunches.ISSUER).isNotNull();
      teachers.add(teacher);
      Instant launchedAt = Instant.parse(launch.get("launchedAt").asText());

      JsonNode launched = only(statements, actor, "/modules/" + LtiLaunches.RESOURCE_LINK);
      assertThat(launched.at("/verb/id").asText()).isEqualTo("http://adlnet.gov/expapi/verbs/launched");
      assertThat(launched.at("/actor/account/homePage").asText()).isEqualTo(LtiLaunches.ACTOR_HOME_PAGE);
      assertThat(Instant.parse(launched.get("timestamp").asText())).isEqualTo(launchedAt);
      assertThat(launched.at("/context/extensions").toString()).contains("\"ltiRole\":\"LEARNER\"");

      JsonNode scored = only(statements, actor, "/quizzes/" + LtiLaunches.LINE_ITEM);
      double scaled = launch.get("scoreGiven").asDouble() / launch.get("scoreMaximum").asDouble();
      boolean passed = scaled >= LtiLaunches.PASS_THRESHOLD;
      assertThat(launch.get("scoreMaximum").asInt()).isEqualTo(10);
      assertThat(scored.at("/result/score/scaled").asDouble()).as("score of %s", actor).isEqualTo(scaled);
      assertThat(scored.at("/result/success").asBoolean()).isEqualTo(passed);
      assertThat(scored.at("/verb/id").asText()).endsWith(passed ? "/passed" : "/failed");
      assertThat(scored.at("/actor/account/homePage").asText()).isEqualTo(LtiLaunches.ACTOR_HOME_PAGE);
      assertThat(Instant.parse(scored.get("timestamp").asText())).isEqualTo(Instant.parse(launch.get("scoredAt").asText()))
          .isAfter(launchedAt);

      // The right teacher: one who made module 3's quiz online at least half an hour before the launch
      // (found under the research LRS's own pseudonym for that teacher).
      String studyActor = research.pseudonym(Person.teacher(teacher));
      assertThat(statements).as("a module 3 quiz attempt of %s before the launch", teacher).anySatisfy(st -> {
        assertThat(st.at("/actor/account/name").asText()).isEqualTo(studyActor);
        assertThat(st.at("/object/id").asText()).endsWith("/quizzes/m3-quiz");
        assertThat(Instant.parse(st.get("timestamp").asText())).isBeforeOrEqualTo(launchedAt.minus(Duration.ofMinutes(30)));
      });
    }
    assertThat(teachers).hasSize(LtiLaunches.DEFAULT_LAUNCHES);
  }

  /** Base64url(HMAC-SHA256(LTI key, iss ‖ 0x00 ‖ sub)), computed from the LTI README's definition. */
  private static String ltiActor(String sub) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(LtiLaunches.KEY, "HmacSHA256"));
    mac.update(LtiLaunches.ISSUER.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sub.getBytes(StandardCharsets.UTF_8)));
  }

  /** The one statement by {@code actor} whose object id ends with {@code objectSuffix}. */
  private static JsonNode only(List<JsonNode> statements, String actor, String objectSuffix) {
    List<JsonNode> found = statements.stream().filter(st -> actor.equals(st.at("/actor/account/name").asText())
        && st.at("/object/id").asText().endsWith(objectSuffix)).toList();
    assertThat(found).as("statements of %s on …%s", actor, objectSuffix).hasSize(1);
    return found.get(0);
  }

  @Test
  void theSameSeedGivesTheSameStatementsWithTheSameIds() throws IOException {
    Run second = run("b", SMALL);
    assertThat(second.status()).as(second.output()).isZero();
    assertThat(contentOf(second.lines())).isEqualTo(contentOf(first.lines()));
    assertThat(second.lines().stream().filter(l -> l.contains(LtiLaunches.ACTOR_HOME_PAGE)))
        .as("the LTI launches and scores are among them").hasSize(2 * LtiLaunches.DEFAULT_LAUNCHES);
    assertThat(sorted(ids(second.lines()))).isEqualTo(sorted(ids(first.lines())));
    assertThat(ids(first.lines())).doesNotHaveDuplicates();

    Run other = run("c", "--seed", "7", "--schools", "4", "--teachers", "6", "--xapi-version", "1.0.3");
    assertThat(other.status()).as(other.output()).isZero();
    assertThat(other.summary().get("xapiVersion").asText()).isEqualTo("1.0.3");
    assertThat(ids(other.lines())).doesNotContainAnyElementsOf(ids(first.lines()));
    assertThat(other.lines()).allSatisfy(l -> assertThat(JSON.readTree(l).get("version").asText()).startsWith("1.0"));
  }

  @Test
  void theDirectRouteStillPostsTheGeneratorsStatementsAndTheSameStudyGivesTheSameEstimate() throws IOException {
    Run direct = run("d", "--direct", "--seed", "424242", "--schools", "12", "--teachers", "24");
    assertThat(direct.status()).as(direct.output()).isZero();
    JsonNode s = direct.summary();
    assertThat(s.get("deliveryRoute").asText()).isEqualTo("direct-lrs-client");
    long delivered = s.get("statementsDelivered").asLong();
    assertThat(s.get("eventsTracked").asLong()).isEqualTo(delivered);
    assertThat(s.get("lost").asLong()).isZero();
    assertThat(direct.lines()).hasSize((int) (delivered + s.get("outcomesImported").asLong()));
    // The SDK route's statements carry the same activity: the engagement measures and the estimate agree.
    JsonNode sdk = first.summary();
    assertThat(sdk.get("engagementEvents").asLong()).isEqualTo(delivered);
    assertThat(s.get("effect").get("estimate").asDouble()).isEqualTo(sdk.get("effect").get("estimate").asDouble());
    assertThat(s.get("selfReportGap")).isEqualTo(sdk.get("selfReportGap"));
    assertThat(s.get("linkage")).isEqualTo(sdk.get("linkage"));
    assertThat(s.get("ltiLaunches").asInt()).as("LTI launches need the SDK pipeline").isZero();
  }

  /**
   * The mission killed with SIGKILL while the pipeline delivers, then started again with the same
   * {@code --outbox}: it resumes after what the outbox holds and every statement is in the LRS
   * exactly once. The kill comes once the child's LRS holds a few batches (the dispatcher delivers
   * while the platform still tracks), or once the sink reports progress: waiting for the sink's
   * progress line alone misses the moment when the LRS keeps up with tracking.
   */
  @Test
  void killedWithSigkillAndStartedAgainWithTheSameOutboxEveryStatementArrivesExactlyOnce() throws Exception {
    String[] args = {"--seed", "99", "--schools", "40", "--teachers", "60"};
    Path out = tmp.resolve("killed");
    Path outbox = tmp.resolve("killed-outbox");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), Demo.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--out", out.toString(), "--outbox", outbox.toString()));
    Path log = tmp.resolve("killed.log");
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + 120_000_000_000L;
    boolean delivering = false;
    URI lrs = null;
    while (!delivering && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      String said = Files.exists(log) ? Files.readString(log) : "";
      java.util.regex.Matcher at = EMBEDDED_LRS.matcher(said);
      if (lrs == null && at.find()) {
        lrs = URI.create(at.group(1));
      }
      delivering = said.contains("statements accepted by the LRS sink") || (lrs != null && holdsAtLeast(lrs, 300));
    }
    child.destroyForcibly(); // SIGKILL on Linux
    child.waitFor();
    assertThat(delivering).as("killed while delivering; child said:%n%s", Files.readString(log)).isTrue();
    assertThat(Files.readString(log)).doesNotContain("Summary");

    List<String> again = new ArrayList<>(List.of(args));
    again.addAll(List.of("--outbox", outbox.toString()));
    Run resumed = new Run(Demo.run(concat(again, "--out", out.toString()), quiet()), "", out);
    JsonNode s = resumed.summary();
    assertThat(resumed.status()).as(s.toString()).isZero();
    assertThat(s.get("pipeline").get("resumedAfterEvents").asLong()).isPositive();
    assertThat(s.get("lost").asLong()).isZero();
    assertThat(s.get("deadLettered").asLong()).isZero();
    assertThat(s.get("dropped").asLong()).isZero();
    long tracked = s.get("eventsTracked").asLong();
    assertThat(s.get("statementsReadBack").asLong()).isEqualTo(tracked);
    assertThat(ids(resumed.lines())).hasSize((int) tracked).doesNotHaveDuplicates();
    assertThat(s.get("statementsDelivered").asLong()).as("the killed run delivered some").isLessThan(tracked);
  }

  private static final HttpClient LRS_POLL = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final java.util.regex.Pattern EMBEDDED_LRS = java.util.regex.Pattern.compile("embedded LRS at (\\S+) ");

  /** Whether the LRS at {@code endpoint} holds at least {@code n} statements (false while it cannot say). */
  private static boolean holdsAtLeast(URI endpoint, int n) {
    HttpRequest get = HttpRequest.newBuilder(endpoint.resolve("statements?format=ids&limit=" + n))
        .header("X-Experience-API-Version", "2.0.0")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (MissionRun.EMBEDDED_USER + ":" + MissionRun.EMBEDDED_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r = LRS_POLL.send(get, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && JSON.readTree(r.body()).path("statements").size() >= n;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String[] concat(List<String> a, String... more) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void theReportServerServesTheOutputButNotTheDatabaseOrAnythingOutside() throws Exception {
    try (ReportServer server = ReportServer.start(first.out(), 0)) {
      HttpClient http = HttpClient.newHttpClient();
      URI report = server.reportUri();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(report).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("LearnTrace study report");
      assertThat(get(http, report.resolve("/")).statusCode()).isEqualTo(302);
      assertThat(get(http, report.resolve("/data/datapackage.json")).statusCode()).isEqualTo(200);
      assertThat(get(http, report.resolve("/summary.json")).statusCode()).isEqualTo(200);
      assertThat(get(http, report.resolve("/lrs-data/lrs.mv.db")).statusCode()).isEqualTo(404);
      assertThat(get(http, report.resolve("/outbox/outbox.lock")).statusCode()).isEqualTo(404);
      assertThat(get(http, URI.create(report.resolve("/").toString() + "..%2f..%2fetc%2fpasswd")).statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> ids(List<String> lines) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String l : lines) {
      ids.add(JSON.readTree(l).get("id").asText());
    }
    return ids;
  }

  private static List<String> sorted(List<String> ids) {
    List<String> out = new ArrayList<>(ids);
    out.sort(null);
    return out;
  }

  /** Every statement without what the LRS adds at storage ({@code stored}, {@code authority}), by id. */
  private static List<JsonNode> contentOf(List<String> lines) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines) {
      ObjectNode n = (ObjectNode) JSON.readTree(l);
      n.remove("stored");
      n.remove("authority");
      out.add(n);
    }
    out.sort(java.util.Comparator.comparing(n -> n.get("id").asText()));
    return out;
  }
}
