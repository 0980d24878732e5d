package org.learntrace.xapi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.learntrace.sdk.DropReason;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;

/**
 * The collector takes bytes from phones and browsers: whatever they are — any body, gzip or not,
 * any {@code Content-Encoding}, any {@code X-LearnTrace-Sent-At}, events or statements — a request
 * ends accepted (its valid items handed to the tracker) or refused with the collector's own 4xx
 * naming path, rule and detail, never with any other exception; nothing refused reaches the tracker,
 * and whatever is accepted is about the signed-in person only (a statement's actor is the caller's
 * agent, an event's subjects are the caller), however the input tries to name someone else.
 *
 * <p>The resource object is called directly, in-process, as Jersey would call it (no HTTP), over a
 * tracker that records what it is handed.
 *
 * <p><b>Input format</b> (so that seeds are readable and the fuzzer can reach every header):
 * {@code options \n sent-at \n content-encoding \n body}. Without three newlines the whole input is
 * the body of a plain events request. Options are letters:
 *
 * <ul>
 *   <li>{@code S} statements resource (else events); {@code 1} / {@code 2}: {@code
 *       X-Experience-API-Version} 1.0.3 / 2.0.0
 *   <li>{@code Z} the body is gzip-compressed by the test and sent with {@code Content-Encoding:
 *       gzip} (so the fuzzer's JSON reaches the parser behind gzip); {@code z} the same without the
 *       header (the collector sniffs the gzip magic); otherwise the body goes as it is, with the
 *       third line as {@code Content-Encoding} (empty: none)
 *   <li>{@code n} nobody signed in; {@code b} the caller is a student, {@code o} an observer in a
 *       platform id space (default: a teacher)
 *   <li>{@code m} the collector reads canonical activity IRIs back ({@code activityIds}); {@code
 *       t} tight limits (body 4,000 bytes, 5 items, depth 8) so that small inputs reach the 413s
 *   <li>{@code f} / {@code d} the tracker answers filtered / dropped (else stored)
 * </ul>
 *
 * <p>Found so far (seeds {@code crash-*}): an expanded-year {@code X-LearnTrace-Sent-At} overflowed the
 * clock-skew correction (a {@code DateTimeException}, i.e. a 500); Jackson's byte parser read a
 * field name with malformed UTF-8 ({@code "lear\xFFner"}) as a name it had seen ({@code "learner"}).
 *
 * <p>In {@code mvn verify} this runs over the seeds in {@code
 * src/test/resources/org/learntrace/xapi/collector/CollectorFuzzTestInputs}; {@code JAZZER_FUZZ=1
 * mvn -pl xapi-adapter test -Dtest=CollectorFuzzTest} fuzzes.
 */
class CollectorFuzzTest {
  static final Instant NOW = Instant.parse("2026-03-14T12:00:00.000Z");
  static final String HOME = "https://platform.example.org/id";
  static final Person TEACHER = Person.teacher("amina");
  static final Person STUDENT = Person.student("bashir");
  static final Person OBSERVER = new Person(Person.Role.OBSERVER, "https://platform.example.org/staff", "o-7", false);
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<Integer> REQUEST_STATUSES = Set.of(400, 401, 413, 415, 429);
  static final Set<String> OUTCOMES = Set.of("accepted", "filtered", "dropped", "invalid");

  static final RecordingTracker TRACKER = new RecordingTracker();
  /** Indexed by (activityIds ? 1 : 0) + (tight ? 2 : 0). */
  static final StatementCollector[] COLLECTORS = new StatementCollector[4];

  static {
    EventMapper mapper = EventMapper.create(CourseCatalog.empty("https://platform.example.org"));
    for (int i = 0; i < COLLECTORS.length; i++) {
      StatementCollector.Builder b = StatementCollector.builder(TRACKER, c -> TRACKER.caller)
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .playerAgent(p -> Agent.ofAccount(HOME, p.id()))
          // The clock stands still: the rate limit's window never ends, so it must not be reached.
          .rateLimit(1_000_000_000, Duration.ofMinutes(1))
          .awaitStored(Duration.ZERO);
      if ((i & 1) != 0) {
        b.activityIds(mapper);
      }
      if ((i & 2) != 0) {
        b.maxBodyBytes(4000).maxItems(5).maxDepth(8);
      }
      COLLECTORS[i] = b.build();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void everyRequestIsAcceptedForTheCallerOrRefusedWithAClear4xx(byte[] input) throws Exception {
    Request req = Request.parse(input);
    TRACKER.reset(req.caller, req.options.indexOf('f') >= 0 ? Receipt.Status.FILTERED
        : req.options.indexOf('d') >= 0 ? Receipt.Status.DROPPED : Receipt.Status.STORED);
    StatementCollector collector = COLLECTORS[(req.has('m') ? 1 : 0) + (req.has('t') ? 2 : 0)];

    Response response = req.statements
        ? collector.statements(req.headers(), new ByteArrayInputStream(req.wireBody()))
        : collector.events(req.headers(), new ByteArrayInputStream(req.wireBody()));

    int status = response.getStatus();
    assertThat(response.getEntity()).isInstanceOf(String.class);
    String entity = (String) response.getEntity();
    JsonNode answer = JSON.readTree(entity);
    if (answer.has("errors")) {
      // Refused as a whole: one of the collector's own 4xx, every error named, nothing tracked.
      assertThat(status).as(entity).isIn(REQUEST_STATUSES);
      assertThat(answer.has("items")).as(entity).isFalse();
      checkErrors(answer.get("errors"), "$", true, entity);
      assertThat(TRACKER.tracked).as(entity).isEmpty();
      if (req.caller == null) {
        assertThat(status).as(entity).isEqualTo(401);
      }
      return;
    }
    assertThat(req.caller).as("answered someone not signed in: " + entity).isNotNull();
    JsonNode items = answer.get("items");
    assertThat(items).as(entity).isNotNull();
    assertThat(items.isArray() && items.size() > 0).as(entity).isTrue();
    assertThat(answer.get("received").asInt()).as(entity).isEqualTo(items.size());

    JsonNode root = reparse(req);
    boolean batch = root.isArray();
    assertThat(items.size()).as(entity).isEqualTo(batch ? root.size() : 1);
    int invalid = 0;
    int passedOn = 0;
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      assertThat(item.get("index").asInt()).as(entity).isEqualTo(i);
      String outcome = item.get("outcome").asText();
      assertThat(outcome).as(entity).isIn(OUTCOMES);
      if ("invalid".equals(outcome)) {
        invalid++;
        checkErrors(item.get("errors"), batch ? "$[" + i + "]" : "$", false, entity);
        continue;
      }
      passedOn++;
      if (req.statements) {
        // No spoofing: a statement passed on is by the caller's own agent and nobody else.
        JsonNode actor = (batch ? root.get(i) : root).get("actor");
        assertThat(actor.path("objectType").asText("Agent")).as(entity).isEqualTo("Agent");
        assertThat(actor.path("account").path("homePage").isTextual()).as(entity).isTrue();
        assertThat(actor.path("account").path("homePage").asText()).as(entity).isEqualTo(HOME);
        assertThat(actor.path("account").path("name").isTextual()).as(entity).isTrue();
        assertThat(actor.path("account").path("name").asText()).as(entity).isEqualTo(req.caller.id());
        assertThat(actor.has("mbox") || actor.has("mbox_sha1sum") || actor.has("openid")).as(entity).isFalse();
      }
    }
    assertThat(answer.get("invalid").asInt()).as(entity).isEqualTo(invalid);
    assertThat(status).as(entity).isEqualTo(invalid == items.size() ? 400 : 200);
    // Nothing invalid reaches the tracker; everything else does, in order, about the caller alone.
    assertThat(TRACKER.tracked).as(entity).hasSize(passedOn);
    for (LearningEvent e : TRACKER.tracked) {
      assertThat(e.subjects()).as(entity).isNotEmpty().allSatisfy(p -> assertThat(p).isEqualTo(req.caller));
      assertThat(e.occurrence().receivedAt()).as(entity).isEqualTo(NOW);
      assertThat(e.module()).as(entity).isNotNull();
    }
    int accepted = 0;
    for (JsonNode item : items) {
      if ("accepted".equals(item.get("outcome").asText())) {
        accepted++;
      }
    }
    assertThat(answer.get("accepted").asInt()).as(entity).isEqualTo(accepted);
  }

  /** Each error names where (a JSON path under {@code prefix}, or a header), the rule and what. */
  static void checkErrors(JsonNode errors, String prefix, boolean headersToo, String entity) {
    assertThat(errors).as(entity).isNotNull();
    assertThat(errors.isArray() && errors.size() > 0).as(entity).isTrue();
    for (JsonNode e : errors) {
      String path = e.path("path").asText("");
      boolean underPrefix = path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
      boolean header = headersToo && path.startsWith("header ") && path.length() > "header ".length();
      assertThat(underPrefix || header).as("path of " + e + " in " + entity).isTrue();
      assertThat(e.path("rule").asText("")).as(entity).isNotBlank();
      String detail = e.path("detail").asText("");
      assertThat(detail).as(entity).isNotBlank().isNotEqualTo("null");
    }
  }

  /** The body the collector accepted, read again independently (gunzipped when it is gzip). */
  static JsonNode reparse(Request req) throws IOException {
    byte[] plain = req.body;
    if (!req.has('Z') && !req.has('z') && plain.length >= 2 && (plain[0] & 0xff) == 0x1f && (plain[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(plain))) {
        plain = in.readAllBytes();
      }
    }
    // Strictly: JSON is UTF-8 (RFC 8259), and Jackson's own byte parser is not strict about it in
    // field names (it once read "lear\xFFner" as an earlier "learner"), so this oracle decodes first.
    String text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(plain)).toString();
    return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  /** One request as decoded from the fuzzer's bytes. */
  static final class Request {
    String options = "";
    String sentAt = "";
    String contentEncoding = "";
    byte[] body;
    boolean statements;
    Person caller = TEACHER;

    static Request parse(byte[] input) {
      Request r = new Request();
      int a = indexOf(input, 0);
      int b = a < 0 ? -1 : indexOf(input, a + 1);
      int c = b < 0 ? -1 : indexOf(input, b + 1);
      if (c < 0) {
        r.body = input;
      } else {
        r.options = latin1(input, 0, a);
        r.sentAt = latin1(input, a + 1, b);
        r.contentEncoding = latin1(input, b + 1, c);
        r.body = java.util.Arrays.copyOfRange(input, c + 1, input.length);
      }
      r.statements = r.has('S');
      r.caller = r.has('n') ? null : r.has('b') ? STUDENT : r.has('o') ? OBSERVER : TEACHER;
      return r;
    }

    boolean has(char option) {
      return options.indexOf(option) >= 0;
    }

    byte[] wireBody() {
      return has('Z') || has('z') ? gzip(body) : body;
    }

    HttpHeaders headers() {
      FakeHeaders h = new FakeHeaders();
      h.add("Content-Type", "application/json");
      if (caller != null) {
        h.add("Cookie", "SESSION=s1");
      }
      if (!sentAt.isEmpty()) {
        h.add(StatementCollector.SENT_AT_HEADER, sentAt);
      }
      if (has('Z')) {
        h.add(HttpHeaders.CONTENT_ENCODING, "gzip");
      } else if (!has('z') && !contentEncoding.isEmpty()) {
        h.add(HttpHeaders.CONTENT_ENCODING, contentEncoding);
      }
      if (has('2')) {
        h.add("X-Experience-API-Version", "2.0.0");
      } else if (has('1')) {
        h.add("X-Experience-API-Version", "1.0.3");
      }
      return h;
    }

    private static int indexOf(byte[] bytes, int from) {
      for (int i = from; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          return i;
        }
      }
      return -1;
    }

    private static String latin1(byte[] bytes, int from, int to) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A tracker that records what it is handed and answers with the receipt the input asks for. */
  static final class RecordingTracker implements Tracker {
    final List<LearningEvent> tracked = new ArrayList<>();
    Person caller;
    Receipt.Status answer = Receipt.Status.STORED;

    void reset(Person signedIn, Receipt.Status status) {
      tracked.clear();
      caller = signedIn;
      answer = status;
    }

    @Override
    public Receipt track(LearningEvent event) {
      assertThat(event).isNotNull();
      tracked.add(event);
      return switch (answer) {
        case FILTERED -> Receipt.filtered(FilterReason.NO_CONSENT);
        case DROPPED -> Receipt.dropped(DropReason.QUEUE_FULL);
        default -> new StoredReceipt(UUID.nameUUIDFromBytes(String.valueOf(tracked.size()).getBytes(StandardCharsets.UTF_8)));
      };
    }
  }

  record StoredReceipt(UUID eventId) implements Receipt {
    @Override
    public Status status() {
      return Status.STORED;
    }

    @Override
    public FilterReason filterReason() {
      return null;
    }

    @Override
    public DropReason dropReason() {
      return null;
    }

    @Override
    public boolean awaitStored(Duration timeout) {
      return true;
    }
  }

  /** Request headers as Jersey presents them to the resource: names case-insensitive. */
  static final class FakeHeaders implements HttpHeaders {
    private final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    private final Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    void add(String name, String value) {
      headers.add(name, value);
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    @Override
    public List<String> getRequestHeader(String name) {
      return byName.get(name);
    }

    @Override
    public String getHeaderString(String name) {
      List<String> values = byName.get(name);
      return values == null ? null : String.join(",", values);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
      return headers;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
      return List.of(MediaType.WILDCARD_TYPE);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
      return List.of();
    }

    @Override
    public MediaType getMediaType() {
      return MediaType.APPLICATION_JSON_TYPE;
    }

    @Override
    public Locale getLanguage() {
      return null;
    }

    @Override
    public Map<String, Cookie> getCookies() {
      List<String> c = byName.get("Cookie");
      return c == null ? Map.of() : Map.of("SESSION", new Cookie.Builder("SESSION").value("s1").build());
    }

    @Override
    public Date getDate() {
      return null;
    }

    @Override
    public int getLength() {
      return -1;
    }
  }
}
