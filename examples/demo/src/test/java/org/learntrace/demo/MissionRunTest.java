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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    // Engagement and outcome records both go through the pipeline: one statement per tracked event.
    assertThat(s.get("engagementEvents").asLong() + outcomes).isEqualTo(delivered);
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

  @Test
  void theSameSeedGivesTheSameStatementsWithTheSameIds() throws IOException {
    Run second = run("b", SMALL);
    assertThat(second.status()).as(second.output()).isZero();
    assertThat(contentOf(second.lines())).isEqualTo(contentOf(first.lines()));
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
  }

  /**
   * The mission killed with SIGKILL while the pipeline delivers, then started again with the same
   * {@code --outbox}: it resumes after what the outbox holds and every statement is in the LRS
   * exactly once.
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
    while (!delivering && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      delivering = Files.exists(log) && Files.readString(log).contains("statements accepted by the LRS sink");
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
