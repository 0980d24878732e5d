package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.SyntheticStudy;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementResult;
import org.learntrace.xapi.XapiJson;

/**
 * The fast path ({@link EngagementProjection}, the byte-chunked {@link NdjsonStatements#engagement}
 * and {@link LrsStatements#fastPage}) gives exactly what the model path gives: the same
 * {@link EngagementEvent}s, the same "not a teacher event" verdicts and the same
 * {@link NdjsonStatements.LineError}s, over a synthetic study's statements and edge cases.
 */
class EngagementProjectionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");
  @TempDir static Path tmp;
  static List<String> study;

  @BeforeAll
  static void generate() throws IOException {
    Path dir = tmp.resolve("study");
    SyntheticStudy.generate(StudyConfig.study(11), dir, n -> {});
    study = Files.readAllLines(dir.resolve("statements.ndjson"), StandardCharsets.UTF_8);
  }

  /** What the model path makes of one line: an EngagementEvent, "other", or the LineError. */
  static Object model(String line) {
    List<NdjsonStatements.LineError> errors = new ArrayList<>();
    Statement s = NdjsonStatements.parse(XapiJson.mapper(), line, 1, errors::add);
    if (s == null) {
      assertThat(errors).hasSize(1);
      return errors.get(0);
    }
    EngagementEvent e = EngagementEvent.of(s, Vocabulary.TEACHER_SPACE);
    return e == null ? "other" : e;
  }

  /** The fast path's verdict, or "unsupported". */
  static Object fast(EngagementProjection p, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    int r = p.line(b, 0, b.length);
    return switch (r) {
      case EngagementProjection.EVENT -> p.event();
      case EngagementProjection.OTHER -> "other";
      default -> "unsupported";
    };
  }

  @Test
  void everySyntheticStatementGivesTheModelsEventOnTheFastPath() {
    EngagementProjection p = new EngagementProjection(Vocabulary.TEACHER_SPACE);
    assertThat(study).hasSizeGreaterThan(5000);
    int events = 0;
    for (String line : study) {
      Object want = model(line);
      assertThat(want).as(line).isInstanceOf(EngagementEvent.class);
      assertThat(fast(p, line)).as(line).isEqualTo(want);
      events++;
    }
    assertThat(events).isEqualTo(study.size());
  }

  /** Variants the fast path must decide itself (and decide as the model does). */
  @Test
  void validVariantsAreReadOnTheFastPathExactlyAsByTheModel() throws IOException {
    EngagementProjection p = new EngagementProjection(Vocabulary.TEACHER_SPACE);
    Map<String, String> cases = validVariants();
    assertThat(cases).hasSizeGreaterThan(25);
    // events the measures cannot take (no teacher id, no verb id), still the model's
    String video = teacherLine(0);
    cases.put("no account name", edit(video, n -> obj(n, "actor", "account").remove("name")));
    cases.put("verb without id", edit(video, n -> obj(n, "verb").remove("id")));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Object want = model(c.getValue());
      assertThat(want).as("%s: %s", c.getKey(), c.getValue()).isNotInstanceOf(NdjsonStatements.LineError.class);
      assertThat(fast(p, c.getValue())).as("%s: %s", c.getKey(), c.getValue()).isEqualTo(want);
    }
  }

  /** Statements the fast path leaves to the model path: invalid ones and rare valid shapes. */
  @Test
  void everythingElseIsLeftToTheModelPath() throws IOException {
    EngagementProjection p = new EngagementProjection(Vocabulary.TEACHER_SPACE);
    Map<String, String> cases = modelOnlyVariants();
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThat(fast(p, c.getValue())).as("%s: %s", c.getKey(), c.getValue()).isEqualTo("unsupported");
    }
    // among them, the invalid ones are reported by the model path, never skipped
    long invalid = cases.values().stream().filter(l -> model(l) instanceof NdjsonStatements.LineError).count();
    assertThat(invalid).isGreaterThan(15);
  }

  @Test
  void ndjsonPassEqualsTheModelPassLineForLine() throws IOException {
    List<String> lines = new ArrayList<>();
    Random rnd = new Random(5);
    List<String> edge = new ArrayList<>(validVariants().values());
    edge.addAll(modelOnlyVariants().values());
    for (int i = 0; i < 2500; i++) {
      lines.add(study.get(i));
      if (i % 40 == 0) {
        lines.add(edge.get(rnd.nextInt(edge.size())));
      }
      if (i % 300 == 0) {
        lines.add(i % 600 == 0 ? "" : " \t ");
      }
    }
    lines.addAll(edge);
    String[] endings = {"\n", "\r\n", "\r"};
    for (String ending : endings) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        text.append(lines.get(i));
        if (i < lines.size() - 1) {
          text.append(i % 7 == 0 ? "\n" : ending);
        }
      }
      Path file = tmp.resolve("mixed" + ending.length() + ending.charAt(0) + ".ndjson");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Reference want = reference(file);
      for (int chunk : new int[] {NdjsonStatements.CHUNK, 4096, 1000}) {
        NdjsonStatements.EngagementPass got = NdjsonStatements.engagement(file, Vocabulary.TEACHER_SPACE, DHAKA, 1,
            n -> {}, chunk);
        assertThat(got.lines()).isEqualTo(want.lines);
        assertThat(got.otherActors()).isEqualTo(want.others);
        assertThat(got.errors()).isEqualTo(want.errors);
        assertSameMeasures(got.measures(), want.measures);
      }
      NdjsonStatements.EngagementPass two = NdjsonStatements.engagement(file, Vocabulary.TEACHER_SPACE, DHAKA, 2,
          n -> {});
      assertThat(two.errors()).isEqualTo(want.errors);
      assertThat(two.otherActors()).isEqualTo(want.others);
      assertSameMeasures(two.measures(), want.measures);
    }
  }

  @Test
  void inputThatIsNotUtf8FailsAsTheModelPathDoes() throws IOException {
    Path file = tmp.resolve("latin1.ndjson");
    byte[] good = (study.get(0) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = study.get(1).replace("Module", "M\u00f3dule").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Files.write(file, all);
    assertThatThrownBy(() -> NdjsonStatements.read(file, s -> {}, e -> {})).isInstanceOf(MalformedInputException.class);
    assertThatThrownBy(() -> NdjsonStatements.engagement(file, Vocabulary.TEACHER_SPACE, DHAKA, 2, n -> {}))
        .isInstanceOf(MalformedInputException.class);
    // an encoded surrogate, which Jackson's byte parser would take
    byte[] surrogate = study.get(2).replace("Module 1", "Module \u0001").getBytes(StandardCharsets.UTF_8);
    int at = indexOf(surrogate, (byte) 1);
    byte[] withSurrogate = new byte[surrogate.length + 2];
    System.arraycopy(surrogate, 0, withSurrogate, 0, at);
    withSurrogate[at] = (byte) 0xED;
    withSurrogate[at + 1] = (byte) 0xA0;
    withSurrogate[at + 2] = (byte) 0x80;
    System.arraycopy(surrogate, at + 1, withSurrogate, at + 3, surrogate.length - at - 1);
    Files.write(file, withSurrogate);
    assertThatThrownBy(() -> NdjsonStatements.read(file, s -> {}, e -> {})).isInstanceOf(MalformedInputException.class);
    assertThatThrownBy(() -> NdjsonStatements.engagement(file, Vocabulary.TEACHER_SPACE, DHAKA, 1, n -> {}))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void lrsPagesGiveTheModelsEvents() throws IOException {
    EngagementProjection p = new EngagementProjection(Vocabulary.TEACHER_SPACE);
    List<String> valid = new ArrayList<>(study.subList(0, 50));
    valid.addAll(validVariants().values());
    String[] pages = {
        "{\"statements\":[" + String.join(",", valid) + "],\"more\":\"/xapi/statements?page=2\"}",
        "{\"more\":\"\",\"statements\":[" + String.join(",", study.subList(50, 60)) + "]}",
        " {\"statements\":[], \"extra\":{\"a\":[1,2,{\"b\":null}]}} ",
    };
    for (String page : pages) {
      List<EngagementEvent> got = new ArrayList<>();
      String[] more = new String[1];
      long n = LrsStatements.fastPage(page.getBytes(StandardCharsets.UTF_8), p, got, more);
      StatementResult model = XapiJson.readStatementResult(page);
      List<EngagementEvent> want = new ArrayList<>();
      for (Statement s : model.statements()) {
        EngagementEvent e = EngagementEvent.of(s, Vocabulary.TEACHER_SPACE);
        if (e != null) {
          want.add(e);
        }
      }
      assertThat(n).isEqualTo(model.statements().size());
      assertThat(got).isEqualTo(want);
      assertThat(more[0] == null || more[0].isEmpty() ? null : more[0]).isEqualTo(model.more());
    }
    // pages the fast path leaves to the model reader
    String invalid = new ArrayList<>(modelOnlyVariants().values()).get(0);
    String[] modelOnly = {
        "{\"statements\":[" + study.get(0) + "," + invalid + "]}",
        "{\"statements\":{}}",
        "{\"more\":\"x\"}",
        "[]",
        "{\"statements\":[]} []",
        "{\"statements\":[],\"statements\":[]}",
        "{\"statements\":[1]}",
    };
    for (String page : modelOnly) {
      assertThat(LrsStatements.fastPage(page.getBytes(StandardCharsets.UTF_8), p, new ArrayList<>(), new String[1]))
          .as(page).isEqualTo(-1);
    }
  }

  // ---- the cases ----

  static String teacherLine(int verbIndex) {
    for (String l : study) {
      if (l.contains(VERBS[verbIndex])) {
        return l;
      }
    }
    throw new AssertionError("no statement with " + VERBS[verbIndex]);
  }

  static final String[] VERBS = {Vocabulary.VIDEO_PLAYED, Vocabulary.PASSED, Vocabulary.ANSWERED, Vocabulary.INITIALIZED,
      Vocabulary.COMPLETED};

  static ObjectNode tree(String line) throws IOException {
    return (ObjectNode) JSON.readTree(line);
  }

  static String edit(String line, Consumer<ObjectNode> change) throws IOException {
    ObjectNode n = tree(line);
    change.accept(n);
    return JSON.writeValueAsString(n);
  }

  static ObjectNode obj(JsonNode n, String... path) {
    JsonNode at = n;
    for (String k : path) {
      at = at.get(k);
    }
    return (ObjectNode) at;
  }

  /** Reverses (or shuffles) the order of an object's properties. */
  static void reorder(ObjectNode n, Random rnd) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      entries.add(it.next());
    }
    Collections.shuffle(entries, rnd);
    Collections.reverse(entries);
    n.removeAll();
    entries.forEach(e -> n.set(e.getKey(), e.getValue()));
  }

  static Map<String, String> validVariants() throws IOException {
    Map<String, String> c = new LinkedHashMap<>();
    String video = teacherLine(0);
    String passed = teacherLine(1);
    String answered = teacherLine(2);
    String init = teacherLine(3);
    String completed = teacherLine(4);
    ObjectNode sample = tree(video);
    c.put("no stored", edit(video, n -> n.remove("stored")));
    c.put("no result", edit(video, n -> n.remove("result")));
    c.put("no context", edit(video, n -> n.remove("context")));
    c.put("no context extensions", edit(video, n -> obj(n, "context").remove("extensions")));
    c.put("no contextActivities: module from the object type", edit(init, n -> obj(n, "context").remove("contextActivities")));
    c.put("empty parent", edit(init, n -> obj(n, "context", "contextActivities").putArray("parent")));
    c.put("parent as one object", edit(video, n -> obj(n, "context", "contextActivities")
        .set("parent", obj(n, "context", "contextActivities").get("parent").get(0))));
    c.put("two parents", edit(video, n -> ((ArrayNode) obj(n, "context", "contextActivities").get("parent"))
        .insertObject(0).put("id", "https://learntrace.org/ags/course/module/9")));
    c.put("typed module after an untyped parent", edit(video, n -> {
      ArrayNode parents = (ArrayNode) obj(n, "context", "contextActivities").get("parent");
      parents.insertObject(0).put("id", "https://learntrace.org/ags/course/lesson/3");
      parents.addObject().put("id", "https://learntrace.org/ags/course/module/8").putObject("definition")
          .put("type", Vocabulary.MODULE_TYPE);
    }));
    c.put("untyped parents only", edit(video, n -> {
      ArrayNode parents = (ArrayNode) obj(n, "context", "contextActivities").get("parent");
      parents.removeAll();
      parents.addObject().put("id", "https://learntrace.org/ags/course/lesson/3");
      parents.addObject().put("id", "https://learntrace.org/ags/course/lesson/4");
    }));
    c.put("received-at", edit(video, n -> obj(n, "context", "extensions")
        .put(Vocabulary.EXT_RECEIVED_AT, "2026-02-12T08:00:00.250Z")));
    c.put("received-at with an offset (not an Instant)", edit(video, n -> obj(n, "context", "extensions")
        .put(Vocabulary.EXT_RECEIVED_AT, "2026-02-12T14:00:00+06:00")));
    c.put("received-at not a date", edit(video, n -> obj(n, "context", "extensions")
        .put(Vocabulary.EXT_RECEIVED_AT, "yesterday")));
    c.put("received-at a number, no stored", edit(video, n -> {
      obj(n, "context", "extensions").put(Vocabulary.EXT_RECEIVED_AT, 1770000000000L);
      n.remove("stored");
    }));
    c.put("received-at without stored", edit(video, n -> {
      obj(n, "context", "extensions").put(Vocabulary.EXT_RECEIVED_AT, "2026-02-12T08:00:00Z");
      n.remove("stored");
    }));
    c.put("Tin Can replied", edit(video, n -> obj(n, "verb").put("id", Vocabulary.TINCAN_REPLIED)));
    c.put("no object definition", edit(init, n -> {
      obj(n, "context").remove("contextActivities");
      obj(n, "object").remove("definition");
    }));
    c.put("no object objectType", edit(video, n -> obj(n, "object").remove("objectType")));
    c.put("no actor objectType", edit(video, n -> obj(n, "actor").remove("objectType")));
    c.put("no verb", edit(video, n -> n.remove("verb")));
    c.put("no timestamp", edit(video, n -> n.remove("timestamp")));
    c.put("no actor", edit(video, n -> n.remove("actor")));
    c.put("no object", edit(video, n -> n.remove("object")));
    c.put("student", edit(video, n -> obj(n, "actor", "account").put("homePage", Vocabulary.STUDENT_SPACE)));
    c.put("mbox actor", edit(video, n -> {
      obj(n, "actor").remove("account");
      obj(n, "actor").put("mbox", "mailto:a@example.org");
    }));
    c.put("Bangla everywhere", edit(video, n -> {
      obj(n, "actor").put("name", "রহিমা খাতুন");
      obj(n, "actor", "account").put("name", "t-শিক্ষক-১");
      obj(n, "verb").putObject("display").put("bn", "দেখেছেন").put("en-US", "played");
      obj(n, "object", "definition").putObject("name").put("bn", "ভিডিও ১ — গণিত");
      obj(n, "context", "extensions").put(Vocabulary.EXT_DEVICE, "ফোন");
      obj(n, "result", "extensions").put("https://example.org/ext/নোট", "ভালো 😀");
    }));
    c.put("extensions reversed", edit(video, n -> {
      reorder(obj(n, "context", "extensions"), new Random(1));
      reorder(obj(n, "result", "extensions"), new Random(2));
    }));
    for (int seed = 0; seed < 4; seed++) {
      int s = seed;
      c.put("everything shuffled " + seed, edit(seed % 2 == 0 ? video : passed, n -> {
        Random rnd = new Random(s);
        reorder(n, rnd);
        reorder(obj(n, "context"), rnd);
        reorder(obj(n, "context", "extensions"), rnd);
        reorder(obj(n, "context", "contextActivities"), rnd);
        reorder(obj(n, "actor"), rnd);
        reorder(obj(n, "object"), rnd);
        if (n.has("result")) {
          reorder(obj(n, "result"), rnd);
        }
      }));
    }
    c.put("unknown extra properties inside extensions", edit(video, n -> {
      ObjectNode ext = obj(n, "context", "extensions");
      ObjectNode fresh = JsonNodeFactory.instance.objectNode();
      fresh.putObject("https://example.org/ext/nested").put("a", 1).putArray("b").add("x").addObject()
          .putNull("deep").put(Vocabulary.EXT_DEVICE, "not this one");
      fresh.putArray("https://example.org/ext/list").add(1.5).addNull().addArray().add(true);
      fresh.putNull("https://example.org/ext/null");
      fresh.setAll(ext);
      fresh.put("https://example.org/ext/after", "z");
      obj(n, "context").set("extensions", fresh);
      obj(n, "result", "extensions").putObject("https://example.org/ext/obj")
          .put(Vocabulary.EXT_PLAYED_SEGMENTS, "nested, not this one");
    }));
    c.put("extension values of other types", edit(video, n -> {
      obj(n, "context", "extensions").put(Vocabulary.EXT_SYNCED_LATE, "true");
      obj(n, "context", "extensions").put(Vocabulary.EXT_LENGTH, "195");
      obj(n, "context", "extensions").put(Vocabulary.EXT_DEVICE, 3);
      obj(n, "result", "extensions").put(Vocabulary.EXT_PLAYED_SEGMENTS, 12);
    }));
    c.put("extension objects where scalars are expected", edit(video, n -> {
      obj(n, "context", "extensions").putObject(Vocabulary.EXT_DEVICE).put("class", "phone");
      obj(n, "context", "extensions").putArray(Vocabulary.EXT_LENGTH).add(195);
      obj(n, "context", "extensions").putNull(Vocabulary.EXT_SYNCED_LATE);
      obj(n, "result", "extensions").putObject(Vocabulary.EXT_PLAYED_SEGMENTS).put("a", "0[.]1");
    }));
    c.put("integer length, true synced-late", edit(video, n -> {
      obj(n, "context", "extensions").put(Vocabulary.EXT_LENGTH, 195);
      obj(n, "context", "extensions").put(Vocabulary.EXT_SYNCED_LATE, true);
    }));
    c.put("big and exponent numbers", edit(video, n -> obj(n, "context", "extensions")
        .put(Vocabulary.EXT_LENGTH, new java.math.BigInteger("123456789012345678901234567890"))));
    c.put("exponent length", video.replace("/length\":195.0", "/length\":1.95e2"));
    c.put("integer scaled, score raw min max", edit(passed, n -> obj(n, "result").putObject("score").put("scaled", 1)
        .put("raw", 10).put("min", 0).put("max", 10)));
    c.put("success false, completion, response, duration", edit(answered, n -> obj(n, "result").put("success", false)
        .put("completion", true).put("response", "উত্তর").put("duration", "PT1M30.5S")));
    c.put("timestamp with an offset", edit(video, n -> n.put("timestamp", "2026-02-07T19:18:44.886+06:00")));
    c.put("timestamp without millis", edit(video, n -> n.put("timestamp", "2026-02-07T13:18:44Z")));
    c.put("timestamp with micros", edit(video, n -> n.put("timestamp", "2026-02-07T13:18:44.123456Z")));
    c.put("uppercase UUID", edit(video, n -> n.put("id", n.get("id").textValue().toUpperCase())));
    c.put("version, authority, instructor, revision, platform, language", edit(completed, n -> {
      n.put("version", "1.0.3");
      n.putObject("authority").put("objectType", "Agent").putObject("account").put("homePage", "https://lrs.example")
          .put("name", "client");
      obj(n, "context").putObject("instructor").put("mbox", "mailto:i@example.org");
      obj(n, "context").put("revision", "r1").put("platform", "Muktopaath").put("language", "bn-BD");
    }));
    c.put("interaction definition", edit(answered, n -> {
      ObjectNode d = obj(n, "object", "definition");
      d.put("interactionType", "choice").put("moreInfo", "https://example.org/i");
      d.putArray("correctResponsesPattern").add("a");
      d.putArray("choices").addObject().put("id", "a").putObject("description").put("bn", "ক");
      d.putObject("extensions").put("https://example.org/x", 1);
      d.putObject("description").put("en-US", "Item");
    }));
    c.put("whitespace inside", video.replace(",\"verb\":", " ,\n\t \"verb\" :  ").replace("\n", " "));
    c.put("escaped strings", video.replace("t-", "t\\u002d").replace("\"phone\"", "\"ph\\u006fne\""));
    c.put("other time-zone free day", edit(completed, n -> n.put("timestamp", "2026-03-01T18:00:00.000Z")));
    assertThat(sample.has("result")).isTrue();
    return c;
  }

  static Map<String, String> modelOnlyVariants() throws IOException {
    Map<String, String> c = new LinkedHashMap<>();
    String video = teacherLine(0);
    // invalid: the model path reports them
    c.put("null value", edit(video, n -> n.putNull("stored")));
    c.put("null in context", edit(video, n -> obj(n, "context").putNull("registration")));
    c.put("null in a language map", edit(video, n -> obj(n, "verb").putObject("display").putNull("en")));
    c.put("unknown statement property", edit(video, n -> n.put("colour", "red")));
    c.put("unknown context property", edit(video, n -> obj(n, "context").put("colour", "red")));
    c.put("unknown contextActivities key", edit(video, n -> obj(n, "context", "contextActivities").putArray("others")));
    c.put("miscased property", edit(video, n -> {
      n.set("Verb", n.get("verb"));
      n.remove("verb");
    }));
    c.put("bad UUID", edit(video, n -> n.put("id", "not-a-uuid")));
    c.put("bad registration", edit(video, n -> obj(n, "context").put("registration", "1234")));
    c.put("bad timestamp", edit(video, n -> n.put("timestamp", "2026-02-30T10:00:00Z")));
    c.put("timestamp not a string", edit(video, n -> n.put("timestamp", 1700000000)));
    c.put("bad duration", edit(video, n -> obj(n, "result").put("duration", "90 seconds")));
    c.put("success as a string", edit(video, n -> obj(n, "result").put("success", "true")));
    c.put("scaled as a string", edit(video, n -> obj(n, "result").putObject("score").put("scaled", "0.5")));
    c.put("unknown score key", edit(video, n -> obj(n, "result").putObject("score").put("percent", 50)));
    c.put("verb as a string", edit(video, n -> n.put("verb", Vocabulary.VIDEO_PLAYED)));
    c.put("extensions as an array", edit(video, n -> obj(n, "context").putArray("extensions")));
    c.put("bad interaction type", edit(video, n -> obj(n, "object", "definition").put("interactionType", "Choice")));
    c.put("bad objectType", edit(video, n -> obj(n, "object").put("objectType", "Thing")));
    c.put("actor unknown property", edit(video, n -> obj(n, "actor").put("age", 40)));
    c.put("duplicate key", video.replace("\"verb\":", "\"stored\":\"2026-01-01T00:00:00Z\",\"verb\":"));
    c.put("duplicate extension key", video.replace("\"https://learntrace.org/xapi/extensions/network\":",
        "\"https://learntrace.org/xapi/extensions/device-class\":\"x\",\"https://learntrace.org/xapi/extensions/network\":"));
    c.put("trailing garbage", video + " x");
    c.put("two objects", video + video);
    c.put("truncated", video.substring(0, video.length() / 2));
    c.put("not JSON", "hello");
    c.put("an array", "[" + video + "]");
    c.put("a number", "42");
    c.put("a BOM", "\uFEFF" + video);
    c.put("control character", video.replace("t-", "t\u0001"));
    // valid but rare shapes, left to the model path
    c.put("leading blank", "  " + video);
    c.put("group actor", edit(video, n -> {
      obj(n, "actor").put("objectType", "Group");
      obj(n, "actor").putArray("member").addObject().put("mbox", "mailto:m@example.org");
    }));
    c.put("statement ref object", edit(video, n -> n.putObject("object").put("objectType", "StatementRef")
        .put("id", "7c9a6037-2789-47a4-843a-7371474012b2")));
    c.put("agent object", edit(video, n -> n.putObject("object").put("objectType", "Agent").put("mbox", "mailto:x@y.z")));
    c.put("attachments", edit(video, n -> n.putArray("attachments")));
    c.put("context statement", edit(video, n -> obj(n, "context").putObject("statement").put("objectType", "StatementRef")
        .put("id", "7c9a6037-2789-47a4-843a-7371474012b2")));
    c.put("activity without id", edit(video, n -> obj(n, "object").remove("id")));
    return c;
  }

  // ---- references ----

  record Reference(EngagementMeasures measures, long lines, long others, List<NdjsonStatements.LineError> errors) {}

  /** The model path: NdjsonStatements.read, EngagementEvent.of, one EngagementMeasures. */
  static Reference reference(Path file) throws IOException {
    EngagementMeasures m = new EngagementMeasures(DHAKA);
    long[] others = {0};
    List<NdjsonStatements.LineError> errors = new ArrayList<>();
    NdjsonStatements.read(file, s -> {
      EngagementEvent e = EngagementEvent.of(s, Vocabulary.TEACHER_SPACE);
      if (e == null) {
        others[0]++;
      } else {
        m.add(e);
      }
    }, errors::add);
    long lines;
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      lines = r.lines().count();
    }
    return new Reference(m, lines, others[0], errors);
  }

  static void assertSameMeasures(EngagementMeasures got, EngagementMeasures want) {
    assertThat(got.events()).isEqualTo(want.events());
    assertThat(got.teacherRows()).isEqualTo(want.teacherRows());
    assertThat(got.teacherModuleRows()).isEqualTo(want.teacherModuleRows());
    assertThat(got.teacherModuleDayRows()).isEqualTo(want.teacherModuleDayRows());
    assertThat(got.teacherDayRows()).isEqualTo(want.teacherDayRows());
  }

  static int indexOf(byte[] b, byte v) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
