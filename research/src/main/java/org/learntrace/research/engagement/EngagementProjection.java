package org.learntrace.research.engagement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import org.learntrace.xapi.InteractionType;
import org.learntrace.xapi.XapiDuration;
import org.learntrace.xapi.XapiTimestamp;

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

  /** Thrown (without a stack trace) to abandon the fast path. */
  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super("unsupported by the fast path", null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED_STATEMENT = new Unsupported();

  private final String idSpace;
  private final StringCache cache = new StringCache();
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
    try (JsonParser p = FACTORY.createParser(b, off, len)) {
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
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        throw UNSUPPORTED_STATEMENT;
      }
      switch (f) {
        case "id" -> uuid(p, t);
        case "actor" -> {
          hasActor = true;
          actor(p, t, true);
        }
        case "verb" -> verb(p, t);
        case "object" -> object(p, t);
        case "result" -> result(p, t);
        case "context" -> context(p, t);
        case "timestamp" -> {
          timestampMs = timestamp(p, t);
          hasTimestamp = true;
        }
        case "stored" -> storedMs = timestamp(p, t);
        case "authority" -> actor(p, t, false);
        case "version" -> string(t);
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
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "objectType" -> {
          string(v);
          if (!"Agent".equals(p.getText())) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "name", "mbox", "mbox_sha1sum", "openid" -> string(v);
        case "account" -> {
          requireObject(v);
          String home = null;
          String name = null;
          String g;
          while ((g = p.nextFieldName()) != null) {
            JsonToken w = p.nextToken();
            switch (g) {
              case "homePage" -> {
                string(w);
                home = main ? cache.get(p) : null;
              }
              case "name" -> {
                string(w);
                name = main ? p.getText() : null;
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
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "id" -> {
          string(v);
          verbId = cache.get(p);
        }
        case "display" -> languageMap(p, v);
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
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "objectType" -> {
          string(v);
          if (!"Activity".equals(p.getText())) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "id" -> {
          string(v);
          hasId = true;
          id = keep ? cache.get(p) : null;
        }
        case "definition" -> type = definition(p, v, keep);
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
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "name", "description" -> languageMap(p, v);
        case "type" -> {
          string(v);
          type = keep ? cache.get(p) : null;
        }
        case "moreInfo" -> string(v);
        case "extensions" -> {
          requireObject(v);
          p.skipChildren();
        }
        case "interactionType" -> {
          string(v);
          if (InteractionType.fromText(p.getText()) == null) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "correctResponsesPattern" -> {
          requireArray(v);
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            string(e);
          }
        }
        case "choices", "scale", "source", "target", "steps" -> components(p, v);
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
      String f;
      while ((f = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (f) {
          case "id" -> string(v);
          case "description" -> languageMap(p, v);
          default -> throw UNSUPPORTED_STATEMENT;
        }
      }
    }
  }

  private void result(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "score" -> {
          requireObject(v);
          String g;
          while ((g = p.nextFieldName()) != null) {
            JsonToken w = p.nextToken();
            if (w != JsonToken.VALUE_NUMBER_INT && w != JsonToken.VALUE_NUMBER_FLOAT) {
              throw UNSUPPORTED_STATEMENT;
            }
            switch (g) {
              case "scaled" -> scaled = p.getDoubleValue();
              case "raw", "min", "max" -> {}
              default -> throw UNSUPPORTED_STATEMENT;
            }
          }
        }
        case "success" -> success = bool(v);
        case "completion" -> bool(v);
        case "response" -> string(v);
        case "duration" -> {
          string(v);
          if (!XapiDuration.isValid(p.getText())) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "extensions" -> {
          requireObject(v);
          String g;
          while ((g = p.nextFieldName()) != null) {
            JsonToken w = p.nextToken();
            if (g.equals(Vocabulary.EXT_PLAYED_SEGMENTS)) {
              playedSegments = w == JsonToken.VALUE_STRING ? p.getText() : null;
            }
            p.skipChildren();
          }
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  private void context(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        throw UNSUPPORTED_STATEMENT;
      }
      switch (f) {
        case "registration" -> uuid(p, v);
        case "instructor" -> actor(p, v, false);
        case "contextActivities" -> contextActivities(p, v);
        case "revision", "platform", "language" -> string(v);
        case "extensions" -> {
          requireObject(v);
          String g;
          while ((g = p.nextFieldName()) != null) {
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
            p.skipChildren();
          }
        }
        default -> throw UNSUPPORTED_STATEMENT; // team, statement, contextAgents, contextGroups, unknown
      }
    }
  }

  private void contextActivities(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      boolean parent;
      switch (f) {
        case "parent" -> parent = true;
        case "grouping", "category", "other" -> parent = false;
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

  private static void languageMap(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    while (p.nextFieldName() != null) {
      string(p.nextToken());
    }
  }

  private static void requireObject(JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      throw UNSUPPORTED_STATEMENT;
    }
  }

  private static void requireArray(JsonToken t) {
    if (t != JsonToken.START_ARRAY) {
      throw UNSUPPORTED_STATEMENT;
    }
  }

  private static void string(JsonToken t) {
    if (t != JsonToken.VALUE_STRING) {
      throw UNSUPPORTED_STATEMENT;
    }
  }

  private static Boolean bool(JsonToken t) {
    if (t == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    throw UNSUPPORTED_STATEMENT;
  }

  /** A UUID in 8-4-4-4-12 hex form, as {@code Uuids.isStandardForm}. */
  private static void uuid(JsonParser p, JsonToken t) throws IOException {
    string(t);
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    if (p.getTextLength() != 36) {
      throw UNSUPPORTED_STATEMENT;
    }
    for (int i = 0; i < 36; i++) {
      char ch = c[off + i];
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (ch != '-') {
          throw UNSUPPORTED_STATEMENT;
        }
      } else if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
        throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  private static long timestamp(JsonParser p, JsonToken t) throws IOException {
    string(t);
    try {
      return XapiTimestamp.parse(p.getText()).instant().toEpochMilli();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw UNSUPPORTED_STATEMENT;
    }
  }

  /**
   * Shares the String of repeated short values (verbs, activity ids, types, devices, the id
   * space) without allocating on a hit: a small direct-mapped table keyed by the characters.
   */
  static final class StringCache {
    private static final int SIZE = 1024;
    private static final int MAX_LENGTH = 160;
    private final String[] slots = new String[SIZE];

    String get(JsonParser p) throws IOException {
      int len = p.getTextLength();
      if (len > MAX_LENGTH) {
        return p.getText();
      }
      char[] c = p.getTextCharacters();
      int off = p.getTextOffset();
      int h = 0;
      for (int i = 0; i < len; i++) {
        h = 31 * h + c[off + i];
      }
      int slot = (h ^ (h >>> 16)) & (SIZE - 1);
      String s = slots[slot];
      if (s != null && s.length() == len) {
        boolean same = true;
        for (int i = 0; i < len; i++) {
          if (s.charAt(i) != c[off + i]) {
            same = false;
            break;
          }
        }
        if (same) {
          return s;
        }
      }
      s = new String(c, off, len);
      slots[slot] = s;
      return s;
    }
  }
}
