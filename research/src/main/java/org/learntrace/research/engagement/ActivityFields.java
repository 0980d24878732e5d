package org.learntrace.research.engagement;

import static org.learntrace.research.engagement.JsonChecks.UNSUPPORTED_STATEMENT;
import static org.learntrace.research.engagement.JsonChecks.once;
import static org.learntrace.research.engagement.JsonChecks.onceString;
import static org.learntrace.research.engagement.JsonChecks.requireArray;
import static org.learntrace.research.engagement.JsonChecks.requireObject;
import static org.learntrace.research.engagement.JsonChecks.string;
import static org.learntrace.research.engagement.JsonChecks.textIs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.learntrace.xapi.InteractionType;

/**
 * Reads an Activity object for {@link EngagementProjection}: checks it as the model reader would
 * and, when asked to keep it, holds its id and definition type until the next one is read. An
 * activity without an id, or anything the checks do not accept, is left to the model path.
 *
 * <p>Not thread-safe: one per {@link EngagementProjection}.
 */
final class ActivityFields {
  private final StringCache cache;
  private final FreeKeys freeKeys;
  private String id;
  private String type;

  ActivityFields(StringCache cache, FreeKeys freeKeys) {
    this.cache = cache;
    this.freeKeys = freeKeys;
  }

  /** The id of the last activity read with {@code keep}, else null. */
  String id() {
    return id;
  }

  /** The definition type of the last activity read with {@code keep}, or null. */
  String type() {
    return type;
  }

  /** Reads the Activity whose START_OBJECT is current, keeping its id and type when {@code keep}. */
  void read(JsonParser p, boolean keep) throws IOException {
    id = null;
    type = null;
    boolean hasId = false;
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "objectType" -> {
          seen = onceString(seen, 1, v);
          if (!textIs(p, "Activity")) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "id" -> {
          seen = onceString(seen, 1 << 1, v);
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
          freeKeys.languageMap(p, v);
        }
        case "description" -> {
          seen = once(seen, 1 << 1);
          freeKeys.languageMap(p, v);
        }
        case "type" -> {
          seen = onceString(seen, 1 << 2, v);
          type = keep ? cache.get(p) : null;
        }
        case "moreInfo" -> seen = onceString(seen, 1 << 3, v);
        case "extensions" -> {
          seen = once(seen, 1 << 4);
          requireObject(v);
          freeKeys.skip(p, v, 0);
        }
        case "interactionType" -> {
          seen = onceString(seen, 1 << 5, v);
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
        case "choices" -> seen = components(p, v, seen, 1 << 7);
        case "scale" -> seen = components(p, v, seen, 1 << 8);
        case "source" -> seen = components(p, v, seen, 1 << 9);
        case "target" -> seen = components(p, v, seen, 1 << 10);
        case "steps" -> seen = components(p, v, seen, 1 << 11);
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    return type;
  }

  /** Checks an interaction components array, the definition's field of {@code bit}; returns the new {@code seen}. */
  private int components(JsonParser p, JsonToken t, int seen, int bit) throws IOException {
    seen = once(seen, bit);
    requireArray(t);
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      requireObject(e);
      int componentSeen = 0;
      String f;
      while ((f = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (f) {
          case "id" -> componentSeen = onceString(componentSeen, 1, v);
          case "description" -> {
            componentSeen = once(componentSeen, 1 << 1);
            freeKeys.languageMap(p, v);
          }
          default -> throw UNSUPPORTED_STATEMENT;
        }
      }
    }
    return seen;
  }
}
