package org.learntrace.research.engagement;

import static org.learntrace.research.engagement.JsonChecks.UNSUPPORTED_STATEMENT;
import static org.learntrace.research.engagement.JsonChecks.once;
import static org.learntrace.research.engagement.JsonChecks.onceString;
import static org.learntrace.research.engagement.JsonChecks.requireObject;
import static org.learntrace.research.engagement.JsonChecks.timestamp;
import static org.learntrace.research.engagement.JsonChecks.uuid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The fast path of the analysis: reads a statement with Jackson's streaming parser (no tree, no
 * model) and keeps only the fields of an {@link EngagementEvent}.
 *
 * <p>It accepts a strict subset of what the model reader ({@code XapiJson.readStatement})
 * accepts: every property the model reader would check is checked the same way (JSON types, no
 * nulls, no unknown properties, UUIDs, timestamps, durations, interaction types, duplicate keys,
 * trailing tokens). Whatever it does not fully understand — a violation, an agent or group as
 * object, a sub-statement, attachments, a group actor, xAPI 2.0 context agents, malformed JSON —
 * it answers {@link #UNSUPPORTED} for, and the caller hands that statement to the model reader,
 * which produces the event or reports the problem exactly as before. So for every statement the
 * result is the same as {@link EngagementEvent#of} over the model; only the common, valid case is
 * fast.
 *
 * <p>The sections of a statement are read by {@link AgentFields}, {@link ActivityFields},
 * {@link ResultFields} and {@link ContextFields}, each keeping its own fields.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class EngagementProjection {
  /** The statement is a teacher's event: see {@link #event()}. */
  public static final int EVENT = 0;
  /** The statement is readable but not a teacher event of the id space (EngagementEvent.of is null). */
  public static final int OTHER = 1;
  /** The fast path cannot decide: read this statement with the model reader. */
  public static final int UNSUPPORTED = 2;

  /** Same JSON rules as {@code XapiJson.mapper()}: strict duplicate detection. */
  static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * The factory of {@link #line}: Jackson's strict duplicate detection allocates a hash set for
   * every object of three or more fields, so {@link #statement} finds repeated names itself (a
   * bit per known field, a short list per free-keyed object) and this parser does not.
   */
  static final JsonFactory LINE_FACTORY = JsonFactory.builder().build();

  private final String idSpace;
  private final StringCache cache = new StringCache();
  private final FreeKeys freeKeys = new FreeKeys();
  private final AgentFields agents = new AgentFields(cache);
  private final ActivityFields activities = new ActivityFields(cache, freeKeys);
  private final ResultFields result = new ResultFields(freeKeys);
  private final ContextFields context = new ContextFields(cache, freeKeys, agents, activities);
  private EngagementEvent event;

  // per statement, besides the sections'
  private String verbId;
  private boolean hasVerb;
  private boolean objectActivity;
  private String objectId;
  private String objectType;
  private boolean hasTimestamp;
  private long timestampMs;
  private long storedMs;

  // One parser over a whole buffer of lines, for lineIn: creating a parser costs about as much as
  // reading a small statement.
  private byte[] buffer;
  private JsonParser bufferParser;
  /** Where bufferParser starts in buffer (its byte offsets are relative to it). */
  private int bufferStart;
  /** Just after the last statement bufferParser read. */
  private int bufferPos;

  /** A reader of the events of teachers whose account homePage is {@code idSpace}. */
  public EngagementProjection(String idSpace) {
    this.idSpace = idSpace;
  }

  /** The teachers' account homePage. */
  public String idSpace() {
    return idSpace;
  }

  /** The event of the last statement read with result {@link #EVENT}. */
  public EngagementEvent event() {
    return event;
  }

  /**
   * Reads one NDJSON line of UTF-8 bytes (without its terminator; the caller has checked that it
   * is well-formed UTF-8).
   *
   * @return {@link #EVENT}, {@link #OTHER} or {@link #UNSUPPORTED}
   */
  public int line(byte[] b, int off, int len) {
    if (!plainObjectStart(b, off, len)) {
      return UNSUPPORTED;
    }
    try (JsonParser p = LINE_FACTORY.createParser(b, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return UNSUPPORTED;
      }
      int r = statement(p);
      if (p.nextToken() != null) {
        return UNSUPPORTED; // trailing tokens: the model path reports them
      }
      return r;
    } catch (IOException | RuntimeException e) {
      return UNSUPPORTED;
    }
  }

  /**
   * As {@link #line}, for a line of {@code b}'s bytes {@code [0, end)} read in order with the lines
   * before it: one parser reads every line of the buffer, which saves creating one per statement.
   * It is used only while it is exactly where the line starts (only JSON whitespace since the last
   * statement it read) and only for statements that end within the line; anything else starts
   * afresh, so every line gets the verdict {@link #line} would give. Call {@link #endBuffer} before
   * the buffer's contents change.
   */
  public int lineIn(byte[] b, int end, int off, int len) {
    if (!plainObjectStart(b, off, len)) {
      return UNSUPPORTED;
    }
    try {
      JsonParser p = bufferParser;
      if (p == null || buffer != b || !jsonWhitespace(b, bufferPos, off)) {
        endBuffer();
        p = LINE_FACTORY.createParser(b, off, end - off);
        buffer = b;
        bufferParser = p;
        bufferStart = off;
      }
      if (p.nextToken() != JsonToken.START_OBJECT) {
        endBuffer();
        return UNSUPPORTED;
      }
      int r = statement(p);
      int after = bufferStart + (int) p.currentLocation().getByteOffset();
      int lineEnd = off + len;
      if (after > lineEnd) {
        endBuffer(); // the object ran on past the line: read alone, the line is cut short
        return UNSUPPORTED;
      }
      for (int i = after; i < lineEnd; i++) {
        if (b[i] != ' ' && b[i] != '\t') {
          endBuffer(); // trailing tokens (or bytes that are not JSON): the model path reports them
          return UNSUPPORTED;
        }
      }
      bufferPos = after;
      return r;
    } catch (IOException | RuntimeException e) {
      endBuffer();
      return UNSUPPORTED;
    }
  }

  /** Lets go of the buffer {@link #lineIn} was reading. */
  public void endBuffer() {
    JsonParser p = bufferParser;
    bufferParser = null;
    buffer = null;
    if (p != null) {
      try {
        p.close();
      } catch (IOException e) {
        // a byte-array parser has nothing to close
      }
    }
  }

  /**
   * Whether the line starts as an object with no NUL among its first bytes: Jackson's byte
   * bootstrapper would skip a BOM or guess UTF-16/32 from NUL bytes, where the model path (a
   * decoded String) would not, so other lines are left to the model path.
   */
  private static boolean plainObjectStart(byte[] b, int off, int len) {
    return len >= 2 && b[off] == '{' && b[off + 1] != 0 && (len <= 2 || b[off + 2] != 0)
        && (len <= 3 || b[off + 3] != 0);
  }

  /** Whether {@code b[from, to)} is only what JSON takes as whitespace. */
  private static boolean jsonWhitespace(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return from <= to;
  }

  /**
   * Reads the statement object whose {@code START_OBJECT} is the parser's current token, leaving
   * the parser on its {@code END_OBJECT}.
   *
   * @return {@link #EVENT} or {@link #OTHER}
   * @throws IOException on malformed JSON
   * @throws RuntimeException (an internal type) when the fast path cannot decide; callers treat
   *     any exception as {@link #UNSUPPORTED}
   */
  int statement(JsonParser p) throws IOException {
    reset();
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        throw UNSUPPORTED_STATEMENT;
      }
      switch (f) {
        case "id" -> {
          seen = once(seen, 1);
          uuid(p, t);
        }
        case "actor" -> {
          seen = once(seen, 1 << 1);
          agents.read(p, t, true);
        }
        case "verb" -> {
          seen = once(seen, 1 << 2);
          verb(p, t);
        }
        case "object" -> {
          seen = once(seen, 1 << 3);
          object(p, t);
        }
        case "result" -> {
          seen = once(seen, 1 << 4);
          result.read(p, t);
        }
        case "context" -> {
          seen = once(seen, 1 << 5);
          context.read(p, t);
        }
        case "timestamp" -> {
          seen = once(seen, 1 << 6);
          timestampMs = timestamp(p, t);
          hasTimestamp = true;
        }
        case "stored" -> {
          seen = once(seen, 1 << 7);
          storedMs = timestamp(p, t);
        }
        case "authority" -> {
          seen = once(seen, 1 << 8);
          agents.read(p, t, false);
        }
        case "version" -> seen = onceString(seen, 1 << 9, t);
        default -> throw UNSUPPORTED_STATEMENT; // attachments, unknown properties
      }
    }
    if (!agents.actorIn(idSpace) || !hasTimestamp || !hasVerb) {
      return OTHER;
    }
    String module = "";
    if (context.hasParent()) {
      module = context.parentModule();
    } else if (objectActivity && Vocabulary.MODULE_TYPE.equals(objectType)) {
      module = objectId;
    }
    event = new EngagementEvent(agents.accountName(), verbId, objectActivity ? objectId : "", module, timestampMs,
        received(), context.syncedLate(), context.device(), result.playedSegments(), context.videoLength(),
        result.scaled(), result.success());
    return EVENT;
  }

  /** When the collector received the statement: its received-at extension when valid, else stored. */
  private long received() {
    String receivedAt = context.receivedAt();
    if (receivedAt != null) {
      try {
        return Instant.parse(receivedAt).toEpochMilli();
      } catch (DateTimeParseException e) {
        return storedMs;
      }
    }
    return storedMs;
  }

  private void reset() {
    event = null;
    agents.reset();
    result.reset();
    context.reset();
    verbId = null;
    hasVerb = false;
    objectActivity = false;
    objectId = null;
    objectType = null;
    hasTimestamp = false;
    timestampMs = 0;
    storedMs = Long.MIN_VALUE;
  }

  private void verb(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "id" -> {
          seen = onceString(seen, 1, v);
          verbId = cache.get(p);
        }
        case "display" -> {
          seen = once(seen, 1 << 1);
          freeKeys.languageMap(p, v);
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    hasVerb = true;
  }

  /** The statement's object: an Activity (agents, groups, sub-statements and refs go to the model path). */
  private void object(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    activities.read(p, true);
    objectActivity = true;
    objectId = activities.id();
    objectType = activities.type();
  }
}
