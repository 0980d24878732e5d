package org.learntrace.research.engagement;

import static org.learntrace.research.engagement.JsonChecks.UNSUPPORTED_STATEMENT;
import static org.learntrace.research.engagement.JsonChecks.once;
import static org.learntrace.research.engagement.JsonChecks.onceString;
import static org.learntrace.research.engagement.JsonChecks.requireObject;
import static org.learntrace.research.engagement.JsonChecks.textOrNull;
import static org.learntrace.research.engagement.JsonChecks.uuid;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads a statement's context for {@link EngagementProjection}: checks it as the model reader
 * would and keeps the module (from the parent activities) and the collector's extensions
 * (received-at, synced-late, device, video length). Team, sub-statement refs and xAPI 2.0 context
 * agents and groups are left to the model path.
 *
 * <p>Not thread-safe: one per {@link EngagementProjection}.
 */
final class ContextFields implements FreeKeys.Extensions {
  private final StringCache cache;
  private final FreeKeys freeKeys;
  private final AgentFields agents;
  private final ActivityFields activities;
  private boolean hasParent;
  private String parentFirst;
  private String parentModule;
  private String receivedAt;
  private Boolean syncedLate;
  private String device;
  private double videoLength;

  ContextFields(StringCache cache, FreeKeys freeKeys, AgentFields agents, ActivityFields activities) {
    this.cache = cache;
    this.freeKeys = freeKeys;
    this.agents = agents;
    this.activities = activities;
  }

  /** Forgets the last statement's context. */
  void reset() {
    hasParent = false;
    parentFirst = null;
    parentModule = null;
    receivedAt = null;
    syncedLate = null;
    device = null;
    videoLength = Double.NaN;
  }

  /** Whether the context has a parent activity. */
  boolean hasParent() {
    return hasParent;
  }

  /** The module of the parent activities: the first typed as a module, else the first parent. */
  String parentModule() {
    return parentModule != null ? parentModule : parentFirst;
  }

  /** The received-at extension when a string, else null. */
  String receivedAt() {
    return receivedAt;
  }

  /** The synced-late extension when a boolean, else null. */
  Boolean syncedLate() {
    return syncedLate;
  }

  /** The device extension when a string, else null. */
  String device() {
    return device;
  }

  /** The video length extension when a number, else NaN. */
  double videoLength() {
    return videoLength;
  }

  /** Reads the context whose first token {@code t} is current. */
  void read(JsonParser p, JsonToken t) throws IOException {
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
          agents.read(p, v, false);
        }
        case "contextActivities" -> {
          seen = once(seen, 1 << 2);
          contextActivities(p, v);
        }
        case "revision" -> seen = onceString(seen, 1 << 3, v);
        case "platform" -> seen = onceString(seen, 1 << 4, v);
        case "language" -> seen = onceString(seen, 1 << 5, v);
        case "extensions" -> {
          seen = once(seen, 1 << 6);
          freeKeys.extensions(p, v, this);
        }
        default -> throw UNSUPPORTED_STATEMENT; // team, statement, contextAgents, contextGroups, unknown
      }
    }
  }

  @Override
  public void extension(JsonParser p, String key, JsonToken t) throws IOException {
    switch (key) {
      case Vocabulary.EXT_SYNCED_LATE -> syncedLate = t == JsonToken.VALUE_TRUE ? Boolean.TRUE
          : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
      case Vocabulary.EXT_RECEIVED_AT -> receivedAt = textOrNull(p, t);
      case Vocabulary.EXT_DEVICE -> device = t == JsonToken.VALUE_STRING ? cache.get(p) : null;
      case Vocabulary.EXT_LENGTH -> videoLength = t == JsonToken.VALUE_NUMBER_INT
          || t == JsonToken.VALUE_NUMBER_FLOAT ? p.getDoubleValue() : Double.NaN;
      default -> { }
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
        activity(p, parent);
      } else if (v == JsonToken.START_ARRAY) {
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          requireObject(e);
          activity(p, parent);
        }
      } else {
        throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  /** One context activity; a parent's {id, type} counts toward the module. */
  private void activity(JsonParser p, boolean parent) throws IOException {
    activities.read(p, parent);
    if (!parent) {
      return;
    }
    if (!hasParent) {
      hasParent = true;
      parentFirst = activities.id();
    }
    if (parentModule == null && Vocabulary.MODULE_TYPE.equals(activities.type())) {
      parentModule = activities.id();
    }
  }
}
