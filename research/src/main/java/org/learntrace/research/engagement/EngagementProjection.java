package org.learntrace.research.engagement;

import static org.learntrace.research.engagement.JsonChecks.UNSUPPORTED_STATEMENT;
import static org.learntrace.research.engagement.JsonChecks.bool;
import static org.learntrace.research.engagement.JsonChecks.once;
import static org.learntrace.research.engagement.JsonChecks.requireArray;
import static org.learntrace.research.engagement.JsonChecks.requireObject;
import static org.learntrace.research.engagement.JsonChecks.string;
import static org.learntrace.research.engagement.JsonChecks.textIs;
import static org.learntrace.research.engagement.JsonChecks.timestamp;
import static org.learntrace.research.engagement.JsonChecks.uuid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import org.learntrace.xapi.InteractionType;
import org.learntrace.xapi.XapiDuration;

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
  private EngagementEvent event;

  // per statement
  private boolean actorAgent;
  private String homePage;
  private String accountName;
  private boolean hasAccount;
  private String verbId;
  private boolean hasVerb;
  private boolean objectActivity;
  private String objectId;
  private String objectType;
  private boolean hasParent;
  private String parentFirst;
  private String parentModule;
  private String receivedAt;
  private Boolean syncedLate;
  private String device;
  private double videoLength;
  private String playedSegments;
  private double scaled;
  private Boolean success;
  private boolean hasTimestamp;
  private long timestampMs;
  private long storedMs;

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
    // Jackson's byte bootstrapper would skip a BOM or guess UTF-16/32 from NUL bytes, where the
    // model path (a decoded String) would not: leave such lines to the model path.
    if (len < 2 || b[off] != '{' || b[off + 1] == 0 || (len > 2 && b[off + 2] == 0) || (len > 3 && b[off + 3] == 0)) {
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

  // One parser over a whole buffer of lines, for lineIn: creating a parser costs about as much as
  // reading a small statement.
  private byte[] buffer;
  private JsonParser bufferParser;
  /** Where bufferParser starts in buffer (its byte offsets are relative to it). */
  private int bufferStart;
  /** Just after the last statement bufferParser read. */
  private int bufferPos;

  /**
   * As {@link #line}, for a line of {@code b}'s bytes {@code [0, end)} read in order with the lines
   * before it: one parser reads every line of the buffer, which saves creating one per statement.
   * It is used only while it is exactly where the line starts (only JSON whitespace since the last
   * statement it read) and only for statements that end within the line; anything else starts
   * afresh, so every line gets the verdict {@link #line} would give. Call {@link #endBuffer} before
   * the buffer's contents change.
   */
  public int lineIn(byte[] b, int end, int off, int len) {
    if (len < 2 || b[off] != '{' || b[off + 1] == 0 || (len > 2 && b[off + 2] == 0) || (len > 3 && b[off + 3] == 0)) {
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
    boolean hasActor = false;
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
          hasActor = true;
          actor(p, t, true);
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
          result(p, t);
        }
        case "context" -> {
          seen = once(seen, 1 << 5);
          context(p, t);
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
          actor(p, t, false);
        }
        case "version" -> {
          seen = once(seen, 1 << 9);
          string(t);
        }
        default -> throw UNSUPPORTED_STATEMENT; // attachments, unknown properties
      }
    }
    if (!hasActor || !actorAgent || !hasAccount || !idSpace.equals(homePage) || !hasTimestamp || !hasVerb) {
      return OTHER;
    }
    String module = "";
    if (hasParent) {
      module = parentModule != null ? parentModule : parentFirst;
    } else if (objectActivity && Vocabulary.MODULE_TYPE.equals(objectType)) {
      module = objectId;
    }
    long received = storedMs;
    if (receivedAt != null) {
      try {
        received = java.time.Instant.parse(receivedAt).toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        received = storedMs;
      }
    }
    event = new EngagementEvent(accountName, verbId, objectActivity ? objectId : "", module, timestampMs, received,
        syncedLate, device, playedSegments, videoLength, scaled, success);
    return EVENT;
  }

  private void reset() {
    event = null;
    actorAgent = false;
    homePage = null;
    accountName = null;
    hasAccount = false;
    verbId = null;
    hasVerb = false;
    objectActivity = false;
    objectId = null;
    objectType = null;
    hasParent = false;
    parentFirst = null;
    parentModule = null;
    receivedAt = null;
    syncedLate = null;
    device = null;
    videoLength = Double.NaN;
    playedSegments = null;
    scaled = Double.NaN;
    success = null;
    hasTimestamp = false;
    timestampMs = 0;
    storedMs = Long.MIN_VALUE;
  }

  // ---- parts ----

  /** An Agent (a Group is left to the model path). {@code main}: the statement's actor. */
  private void actor(JsonParser p, JsonToken t, boolean main) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "objectType" -> {
          seen = once(seen, 1);
          string(v);
          if (!textIs(p, "Agent")) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "name" -> {
          seen = once(seen, 1 << 1);
          string(v);
        }
        case "mbox" -> {
          seen = once(seen, 1 << 2);
          string(v);
        }
        case "mbox_sha1sum" -> {
          seen = once(seen, 1 << 3);
          string(v);
        }
        case "openid" -> {
          seen = once(seen, 1 << 4);
          string(v);
        }
        case "account" -> {
          seen = once(seen, 1 << 5);
          requireObject(v);
          String home = null;
          String name = null;
          int accountSeen = 0;
          String g;
          while ((g = p.nextFieldName()) != null) {
            JsonToken w = p.nextToken();
            switch (g) {
              case "homePage" -> {
                accountSeen = once(accountSeen, 1);
                string(w);
                home = main ? cache.get(p) : null;
              }
              case "name" -> {
                accountSeen = once(accountSeen, 1 << 1);
                string(w);
                name = main ? accountName(p) : null;
              }
              default -> throw UNSUPPORTED_STATEMENT;
            }
          }
          if (main) {
            hasAccount = true;
            homePage = home;
            accountName = name;
          }
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    if (main) {
      actorAgent = true;
    }
  }

  private void verb(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "id" -> {
          seen = once(seen, 1);
          string(v);
          verbId = cache.get(p);
        }
        case "display" -> {
          seen = once(seen, 1 << 1);
          languageMap(p, v);
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    hasVerb = true;
  }

  /** The statement's object: an Activity (agents, groups, sub-statements and refs go to the model path). */
  private void object(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    String[] idAndType = activity(p, true);
    objectActivity = true;
    objectId = idAndType[0];
    objectType = idAndType[1];
  }

  private final String[] activityScratch = new String[2];

  /**
   * An Activity object whose START_OBJECT is current: {id, definition.type} when {@code keep},
   * else only checked. An activity without an id is left to the model path.
   */
  private String[] activity(JsonParser p, boolean keep) throws IOException {
    String id = null;
    String type = null;
    boolean hasId = false;
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "objectType" -> {
          seen = once(seen, 1);
          string(v);
          if (!textIs(p, "Activity")) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "id" -> {
          seen = once(seen, 1 << 1);
          string(v);
          hasId = true;
          id = keep ? cache.get(p) : null;
        }
        case "definition" -> {
          seen = once(seen, 1 << 2);
          type = definition(p, v, keep);
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    if (!hasId) {
      throw UNSUPPORTED_STATEMENT;
    }
    activityScratch[0] = id;
    activityScratch[1] = type;
    return activityScratch;
  }

  /** Checks a definition; returns its type when {@code keep}. */
  private String definition(JsonParser p, JsonToken t, boolean keep) throws IOException {
    requireObject(t);
    String type = null;
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "name" -> {
          seen = once(seen, 1);
          languageMap(p, v);
        }
        case "description" -> {
          seen = once(seen, 1 << 1);
          languageMap(p, v);
        }
        case "type" -> {
          seen = once(seen, 1 << 2);
          string(v);
          type = keep ? cache.get(p) : null;
        }
        case "moreInfo" -> {
          seen = once(seen, 1 << 3);
          string(v);
        }
        case "extensions" -> {
          seen = once(seen, 1 << 4);
          requireObject(v);
          freeKeys.skip(p, v, 0);
        }
        case "interactionType" -> {
          seen = once(seen, 1 << 5);
          string(v);
          if (InteractionType.fromText(p.getText()) == null) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "correctResponsesPattern" -> {
          seen = once(seen, 1 << 6);
          requireArray(v);
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            string(e);
          }
        }
        case "choices" -> {
          seen = once(seen, 1 << 7);
          components(p, v);
        }
        case "scale" -> {
          seen = once(seen, 1 << 8);
          components(p, v);
        }
        case "source" -> {
          seen = once(seen, 1 << 9);
          components(p, v);
        }
        case "target" -> {
          seen = once(seen, 1 << 10);
          components(p, v);
        }
        case "steps" -> {
          seen = once(seen, 1 << 11);
          components(p, v);
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    return type;
  }

  private void components(JsonParser p, JsonToken t) throws IOException {
    requireArray(t);
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      requireObject(e);
      int seen = 0;
      String f;
      while ((f = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (f) {
          case "id" -> {
            seen = once(seen, 1);
            string(v);
          }
          case "description" -> {
            seen = once(seen, 1 << 1);
            languageMap(p, v);
          }
          default -> throw UNSUPPORTED_STATEMENT;
        }
      }
    }
  }

  private void result(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "score" -> {
          seen = once(seen, 1);
          requireObject(v);
          int scoreSeen = 0;
          String g;
          while ((g = p.nextFieldName()) != null) {
            JsonToken w = p.nextToken();
            if (w != JsonToken.VALUE_NUMBER_INT && w != JsonToken.VALUE_NUMBER_FLOAT) {
              throw UNSUPPORTED_STATEMENT;
            }
            switch (g) {
              case "scaled" -> {
                scoreSeen = once(scoreSeen, 1);
                scaled = p.getDoubleValue();
              }
              case "raw" -> scoreSeen = once(scoreSeen, 1 << 1);
              case "min" -> scoreSeen = once(scoreSeen, 1 << 2);
              case "max" -> scoreSeen = once(scoreSeen, 1 << 3);
              default -> throw UNSUPPORTED_STATEMENT;
            }
          }
        }
        case "success" -> {
          seen = once(seen, 1 << 1);
          success = bool(v);
        }
        case "completion" -> {
          seen = once(seen, 1 << 2);
          bool(v);
        }
        case "response" -> {
          seen = once(seen, 1 << 3);
          string(v);
        }
        case "duration" -> {
          seen = once(seen, 1 << 4);
          string(v);
          if (!XapiDuration.isValid(p.getText())) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "extensions" -> {
          seen = once(seen, 1 << 5);
          requireObject(v);
          int n = 0;
          String g;
          while ((g = p.nextFieldName()) != null) {
            n = freeKeys.distinct(0, n, g);
            JsonToken w = p.nextToken();
            if (g.equals(Vocabulary.EXT_PLAYED_SEGMENTS)) {
              playedSegments = w == JsonToken.VALUE_STRING ? p.getText() : null;
            }
            freeKeys.skip(p, w, 1);
          }
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  private void context(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        throw UNSUPPORTED_STATEMENT;
      }
      switch (f) {
        case "registration" -> {
          seen = once(seen, 1);
          uuid(p, v);
        }
        case "instructor" -> {
          seen = once(seen, 1 << 1);
          actor(p, v, false);
        }
        case "contextActivities" -> {
          seen = once(seen, 1 << 2);
          contextActivities(p, v);
        }
        case "revision" -> {
          seen = once(seen, 1 << 3);
          string(v);
        }
        case "platform" -> {
          seen = once(seen, 1 << 4);
          string(v);
        }
        case "language" -> {
          seen = once(seen, 1 << 5);
          string(v);
        }
        case "extensions" -> {
          seen = once(seen, 1 << 6);
          requireObject(v);
          int n = 0;
          String g;
          while ((g = p.nextFieldName()) != null) {
            n = freeKeys.distinct(0, n, g);
            JsonToken w = p.nextToken();
            switch (g) {
              case Vocabulary.EXT_SYNCED_LATE -> syncedLate = w == JsonToken.VALUE_TRUE ? Boolean.TRUE
                  : w == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
              case Vocabulary.EXT_RECEIVED_AT -> receivedAt = w == JsonToken.VALUE_STRING ? p.getText() : null;
              case Vocabulary.EXT_DEVICE -> device = w == JsonToken.VALUE_STRING ? cache.get(p) : null;
              case Vocabulary.EXT_LENGTH -> videoLength = w == JsonToken.VALUE_NUMBER_INT
                  || w == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : Double.NaN;
              default -> { }
            }
            freeKeys.skip(p, w, 1);
          }
        }
        default -> throw UNSUPPORTED_STATEMENT; // team, statement, contextAgents, contextGroups, unknown
      }
    }
  }

  private void contextActivities(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      boolean parent;
      switch (f) {
        case "parent" -> {
          seen = once(seen, 1);
          parent = true;
        }
        case "grouping" -> {
          seen = once(seen, 1 << 1);
          parent = false;
        }
        case "category" -> {
          seen = once(seen, 1 << 2);
          parent = false;
        }
        case "other" -> {
          seen = once(seen, 1 << 3);
          parent = false;
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
      if (v == JsonToken.START_OBJECT) {
        String[] a = activity(p, parent);
        if (parent) {
          parent(a);
        }
      } else if (v == JsonToken.START_ARRAY) {
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          requireObject(e);
          String[] a = activity(p, parent);
          if (parent) {
            parent(a);
          }
        }
      } else {
        throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  /** One parent activity {id, type}: the module is the first typed as a module, else the first. */
  private void parent(String[] idAndType) {
    if (!hasParent) {
      hasParent = true;
      parentFirst = idAndType[0];
    }
    if (parentModule == null && Vocabulary.MODULE_TYPE.equals(idAndType[1])) {
      parentModule = idAndType[0];
    }
  }

  // ---- values ----

  private void languageMap(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int n = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      n = freeKeys.distinct(0, n, f);
      string(p.nextToken());
    }
  }

  /** The account name; the same String as the last statement's when equal (statements of one teacher come together). */
  private String accountName(JsonParser p) throws IOException {
    String last = lastAccountName;
    int len = p.getTextLength();
    if (last != null && last.length() == len) {
      char[] c = p.getTextCharacters();
      int off = p.getTextOffset();
      int i = 0;
      while (i < len && c[off + i] == last.charAt(i)) {
        i++;
      }
      if (i == len) {
        return last;
      }
    }
    lastAccountName = p.getText();
    return lastAccountName;
  }

  private String lastAccountName;
}
