package org.learntrace.xapi.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Violation;
import org.learntrace.xapi.XapiVersion;

/**
 * The JAX-RS resource a platform mounts so that browser and mobile course players send what their
 * users do through the platform: {@code POST …/learntrace/events} (sdk-core events as JSON) and
 * {@code POST …/learntrace/statements} (xAPI statements the collector can convert), one item or a
 * JSON array, optionally gzip ({@code Content-Encoding: gzip}).
 *
 * <p>For each request: the {@link PlayerAuthenticator} names the caller (none → 401); the per-person
 * rate limit applies (→ 429 with {@code Retry-After}); the body is read within the size and depth
 * limits (→ 413 / 400); each item is validated (statements by {@link StatementValidator} for the
 * version in {@code X-Experience-API-Version}, default 1.0.3), bound to the caller (an item naming
 * anyone else is invalid, see {@link EventItems}), its device time corrected for the device's clock
 * skew, and handed to {@link Tracker#track}, which applies the analytics policy and consent.
 *
 * <p><b>Clock skew.</b> A player sends its own clock reading at send time in
 * {@code X-LearnTrace-Sent-At} (RFC 3339). Then {@code offset = server receipt − sent-at}; beyond
 * the tolerance (default {@value #DEFAULT_SKEW_TOLERANCE_SECONDS} s, the slack for transit time)
 * every item's device time is shifted by it and the original device time and the offset are kept
 * in the occurrence's attributes ({@code device-clock-time}, {@code clock-offset}). Items of a late
 * offline batch keep their own times; the event's receipt time is the server's.
 *
 * <p><b>Answer.</b> 200 with one outcome per item, in order: {@code accepted} (with the event id
 * and whether it is already stored in the outbox), {@code filtered} (policy or consent, with the
 * reason), {@code dropped} (overflow, with the reason) or {@code invalid} (with every error's
 * path, rule and detail). When every item is invalid the same body comes with 400. Errors with the
 * request as a whole come as {@code {"errors": [{"path", "rule", "detail"}]}}.
 *
 * <pre>{@code
 * StatementCollector collector = StatementCollector.builder(learnTrace.tracker(),
 *         caller -> sessions.personOf(caller.cookie("SESSION")))
 *     .playerAgent(p -> Agent.ofAccount("https://muktopaath.gov.bd/id", p.id()))
 *     .build();
 * jerseyConfig.register(collector);
 * }</pre>
 */
@Path("learntrace")
public final class StatementCollector {
  static final long DEFAULT_SKEW_TOLERANCE_SECONDS = 2;
  /** Largest body, after decompression: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  /** Most items in one request: 1,000. */
  public static final int DEFAULT_MAX_ITEMS = 1000;
  /** Deepest JSON nesting: 32. */
  public static final int DEFAULT_MAX_DEPTH = 32;
  /** Items per person per {@link #DEFAULT_RATE_WINDOW}: 5,000. */
  public static final int DEFAULT_RATE_LIMIT = 5000;
  /** The rate limit's window: one minute. */
  public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);
  /** Device clock offsets up to this are taken as transit time: {@value #DEFAULT_SKEW_TOLERANCE_SECONDS} s. */
  public static final Duration DEFAULT_SKEW_TOLERANCE = Duration.ofSeconds(DEFAULT_SKEW_TOLERANCE_SECONDS);
  /** How long an answer waits for its events to reach the outbox: 2 s. */
  public static final Duration DEFAULT_AWAIT_STORED = Duration.ofSeconds(2);
  /** The header with the device's clock reading when it sent the batch. */
  public static final String SENT_AT_HEADER = "X-LearnTrace-Sent-At";
  /** The account home page of {@link Builder#playerAgent}'s default. */
  public static final String DEFAULT_PLAYER_HOME_PAGE = "https://learntrace.org/players";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Tracker tracker;
  private final PlayerAuthenticator authenticator;
  private final Clock clock;
  private final RequestBody body;
  private final int maxItems;
  private final RateLimiter rateLimiter;
  private final Duration skewTolerance;
  private final Duration awaitStored;
  private final Function<Person, Agent> playerAgent;
  private final EventMapper activityIds;
  private final EventItems events = new EventItems();

  private StatementCollector(Builder b) {
    this.tracker = b.tracker;
    this.authenticator = b.authenticator;
    this.clock = b.clock;
    this.body = new RequestBody(b.maxBodyBytes, b.maxDepth);
    this.maxItems = b.maxItems;
    this.rateLimiter = new RateLimiter(b.rateLimit, b.rateWindow, b.clock);
    this.skewTolerance = b.skewTolerance;
    this.awaitStored = b.awaitStored;
    this.playerAgent = b.playerAgent;
    this.activityIds = b.activityIds;
  }

  /** A builder over the platform's tracker and authentication hook. */
  public static Builder builder(Tracker tracker, PlayerAuthenticator authenticator) {
    return new Builder(tracker, authenticator);
  }

  /** Receives sdk-core events. */
  @POST
  @Path("events")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response events(@Context HttpHeaders headers, InputStream in) {
    return handle(headers, in, false);
  }

  /** Receives xAPI statements the collector converts into events. */
  @POST
  @Path("statements")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response statements(@Context HttpHeaders headers, InputStream in) {
    return handle(headers, in, true);
  }

  private Response handle(HttpHeaders headers, InputStream in, boolean statements) {
    Instant receivedAt = clock.instant();
    try {
      Person caller = authenticate(headers);
      ClockSkew skew = skew(headers, receivedAt);
      JsonNode root = body.read(in, headers.getHeaderString(HttpHeaders.CONTENT_ENCODING));
      boolean batch = root.isArray();
      int n = batch ? root.size() : 1;
      if (n == 0) {
        throw new CollectorException(400, new ItemError("$", "required", "the batch is empty"));
      }
      if (n > maxItems) {
        throw new CollectorException(413, new ItemError("$", "max-items", n + " items, at most " + maxItems + " per request"));
      }
      Duration wait = rateLimiter.take(caller.idSpace() + "\u0000" + caller.id(), n);
      if (wait != null) {
        throw new CollectorException(429, List.of(new ItemError("$", "rate-limit",
            "too many items from this user; retry after " + wait.toSeconds() + " s")), wait);
      }
      List<ObjectNode> outcomes = statements
          ? statementItems(root, batch, headers, caller, skew, receivedAt)
          : eventItems(root, batch, caller, skew, receivedAt);
      return answer(outcomes, skew);
    } catch (CollectorException e) {
      return problem(e);
    }
  }

  private Person authenticate(HttpHeaders headers) throws CollectorException {
    Map<String, String> cookies = new HashMap<>();
    for (Map.Entry<String, Cookie> c : headers.getCookies().entrySet()) {
      cookies.put(c.getKey(), c.getValue().getValue());
    }
    Person p = authenticator.authenticate(new PlayerAuthenticator.Caller(headers.getRequestHeaders(), cookies));
    if (p == null) {
      throw new CollectorException(401, new ItemError("$", "authentication", "sign in to send learning events"));
    }
    return p;
  }

  private ClockSkew skew(HttpHeaders headers, Instant receivedAt) throws CollectorException {
    String sent = headers.getHeaderString(SENT_AT_HEADER);
    if (sent == null || sent.isBlank()) {
      return ClockSkew.NONE;
    }
    try {
      // RFC 3339 years have four digits: java.time also reads expanded years (+999999999-…), whose
      // offset from the server's clock no device time can be corrected by.
      return ClockSkew.of(java.time.OffsetDateTime.parse(ClockSkew.requireFourDigitYear(sent.trim())).toInstant(),
          receivedAt, skewTolerance);
    } catch (DateTimeParseException e) {
      throw new CollectorException(400, new ItemError("header " + SENT_AT_HEADER, "timestamp",
          "the device's clock reading must be an RFC 3339 timestamp (four-digit year, with offset), was \""
              + sent + "\""));
    }
  }

  private List<ObjectNode> eventItems(JsonNode root, boolean batch, Person caller, ClockSkew skew, Instant receivedAt) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < (batch ? root.size() : 1); i++) {
      String path = batch ? "$[" + i + "]" : "$";
      try {
        out.add(track(i, events.read(batch ? root.get(i) : root, path, caller, skew, receivedAt)));
      } catch (EventItems.Invalid e) {
        out.add(invalid(i, e.errors));
      }
    }
    return out;
  }

  private List<ObjectNode> statementItems(JsonNode root, boolean batch, HttpHeaders headers, Person caller,
      ClockSkew skew, Instant receivedAt) {
    String v = headers.getHeaderString("X-Experience-API-Version");
    StatementValidator validator = StatementValidator.forVersion(
        v != null && v.trim().startsWith("2.0") ? XapiVersion.V2_0_0 : XapiVersion.V1_0_3);
    List<StatementValidator.Validated> checked = validator.validateBatch(root);
    Agent expected = playerAgent.apply(caller);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < checked.size(); i++) {
      StatementValidator.Validated c = checked.get(i);
      if (!c.isValid()) {
        List<ItemError> errors = new ArrayList<>();
        for (Violation violation : c.violations()) {
          errors.add(new ItemError(violation.path(), violation.rule().id(), violation.rule().text()
              + (violation.detail().isEmpty() ? "" : ": " + violation.detail())));
        }
        out.add(invalid(i, errors));
        continue;
      }
      try {
        out.add(track(i, StatementEvents.toEvent(c.statement(), batch ? "$[" + i + "]" : "$", caller, expected, skew,
            receivedAt, activityIds)));
      } catch (EventItems.Invalid e) {
        out.add(invalid(i, e.errors));
      } catch (RuntimeException e) {
        out.add(invalid(i, List.of(new ItemError(batch ? "$[" + i + "]" : "$", "value", String.valueOf(e.getMessage())))));
      }
    }
    return out;
  }

  private ObjectNode track(int index, LearningEvent event) {
    Receipt r = tracker.track(event);
    ObjectNode o = item(index);
    switch (r.status()) {
      case FILTERED -> o.put("outcome", "filtered").put("reason", String.valueOf(r.filterReason()));
      case DROPPED -> o.put("outcome", "dropped").put("reason", String.valueOf(r.dropReason()));
      default -> {
        o.put("outcome", "accepted");
        o.putPOJO("receipt", r);
      }
    }
    return o;
  }

  private ObjectNode invalid(int index, List<ItemError> errors) {
    ObjectNode o = item(index).put("outcome", "invalid");
    o.set("errors", errors(errors));
    return o;
  }

  private static ObjectNode item(int index) {
    return JSON.createObjectNode().put("index", index);
  }

  private Response answer(List<ObjectNode> outcomes, ClockSkew skew) {
    long deadline = System.nanoTime() + awaitStored.toNanos();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    int invalid = 0;
    int accepted = 0;
    for (ObjectNode o : outcomes) {
      JsonNode receipt = o.remove("receipt");
      if (receipt != null) {
        Receipt r = (Receipt) ((com.fasterxml.jackson.databind.node.POJONode) receipt).getPojo();
        boolean stored = awaitStored(r, deadline);
        if (r.status() == Receipt.Status.DROPPED) {
          o.put("outcome", "dropped").put("reason", String.valueOf(r.dropReason()));
        } else {
          accepted++;
          if (r.eventId() != null) {
            o.put("eventId", r.eventId().toString());
          }
          o.put("stored", stored);
        }
      }
      if ("invalid".equals(o.get("outcome").asText())) {
        invalid++;
      }
      items.add(o);
    }
    body.put("received", outcomes.size()).put("accepted", accepted).put("invalid", invalid);
    if (skew.applies()) {
      body.put("clockOffset", skew.offset().toString());
    }
    int status = invalid == outcomes.size() ? 400 : 200;
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
  }

  private static boolean awaitStored(Receipt r, long deadline) {
    try {
      return r.awaitStored(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return r.status() == Receipt.Status.STORED;
    }
  }

  private static Response problem(CollectorException e) {
    ObjectNode body = JSON.createObjectNode();
    body.set("errors", errors(e.errors));
    Response.ResponseBuilder b = Response.status(e.status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString());
    if (e.retryAfter != null) {
      b.header("Retry-After", Long.toString(Math.max(1, (e.retryAfter.toMillis() + 999) / 1000)));
    }
    if (e.status == 401) {
      b.header("WWW-Authenticate", "Session");
    }
    return b.build();
  }

  private static ArrayNode errors(List<ItemError> errors) {
    ArrayNode a = JSON.createArrayNode();
    for (ItemError e : errors) {
      a.addObject().put("path", e.path()).put("rule", e.rule()).put("detail", e.detail());
    }
    return a;
  }

  /** Configures a {@link StatementCollector}; every limit has a default named above. */
  public static final class Builder {
    private final Tracker tracker;
    private final PlayerAuthenticator authenticator;
    private Clock clock = Clock.systemUTC();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxItems = DEFAULT_MAX_ITEMS;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int rateLimit = DEFAULT_RATE_LIMIT;
    private Duration rateWindow = DEFAULT_RATE_WINDOW;
    private Duration skewTolerance = DEFAULT_SKEW_TOLERANCE;
    private Duration awaitStored = DEFAULT_AWAIT_STORED;
    private Function<Person, Agent> playerAgent = p -> Agent.ofAccount(DEFAULT_PLAYER_HOME_PAGE, p.id());
    private EventMapper activityIds;

    private Builder(Tracker tracker, PlayerAuthenticator authenticator) {
      this.tracker = Objects.requireNonNull(tracker, "tracker");
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    /** The server clock: receipt times and skew. Default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Largest body after decompression (413 beyond). Default {@link #DEFAULT_MAX_BODY_BYTES}. */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = positive("maxBodyBytes", bytes);
      return this;
    }

    /** Most items per request (413 beyond). Default {@link #DEFAULT_MAX_ITEMS}. */
    public Builder maxItems(int items) {
      this.maxItems = positive("maxItems", items);
      return this;
    }

    /** Deepest JSON nesting (400 beyond). Default {@link #DEFAULT_MAX_DEPTH}. */
    public Builder maxDepth(int depth) {
      this.maxDepth = positive("maxDepth", depth);
      return this;
    }

    /** Items per person per window (429 beyond). Defaults {@link #DEFAULT_RATE_LIMIT} per {@link #DEFAULT_RATE_WINDOW}. */
    public Builder rateLimit(int items, Duration window) {
      this.rateLimit = positive("rateLimit", items);
      if (window == null || window.toMillis() <= 0) {
        throw new IllegalArgumentException("rate window must be at least 1 ms, was " + window);
      }
      this.rateWindow = window;
      return this;
    }

    /** Device clock offsets taken as transit time. Default {@link #DEFAULT_SKEW_TOLERANCE}. */
    public Builder skewTolerance(Duration tolerance) {
      if (tolerance == null || tolerance.isNegative()) {
        throw new IllegalArgumentException("skewTolerance must be zero or positive, was " + tolerance);
      }
      this.skewTolerance = tolerance;
      return this;
    }

    /** How long an answer waits for its events to be stored. Default {@link #DEFAULT_AWAIT_STORED}. */
    public Builder awaitStored(Duration wait) {
      if (wait == null || wait.isNegative()) {
        throw new IllegalArgumentException("awaitStored must be zero or positive, was " + wait);
      }
      this.awaitStored = wait;
      return this;
    }

    /**
     * How players name the signed-in user as a statement's actor (the platform tells its players,
     * e.g. in a cmi5-style launch). A statement whose actor is anyone else is invalid. Default: an
     * account on {@link #DEFAULT_PLAYER_HOME_PAGE} named by the person's local id.
     */
    public Builder playerAgent(Function<Person, Agent> agentOf) {
      this.playerAgent = Objects.requireNonNull(agentOf, "agentOf");
      return this;
    }

    /**
     * Lets players name the platform's own videos, quizzes and quiz items by the canonical IRIs
     * {@code mapper} gives them ({@code {platform}/courses/ags/videos/m3-intro}): statements are read
     * back to the local ids ({@code m3-intro}) the mapper names them from, so they reach the LRS
     * with the catalog's names and the same IRIs as the platform's own statements. Other IRIs are
     * kept as they are. Default: none, every activity IRI is taken as the id.
     */
    public Builder activityIds(EventMapper mapper) {
      this.activityIds = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /** The resource. */
    public StatementCollector build() {
      return new StatementCollector(this);
    }

    private static int positive(String what, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(what + " must be positive, was " + value);
      }
      return value;
    }
  }
}
