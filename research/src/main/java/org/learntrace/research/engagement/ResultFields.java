package org.learntrace.research.engagement;

import static org.learntrace.research.engagement.JsonChecks.UNSUPPORTED_STATEMENT;
import static org.learntrace.research.engagement.JsonChecks.bool;
import static org.learntrace.research.engagement.JsonChecks.once;
import static org.learntrace.research.engagement.JsonChecks.onceString;
import static org.learntrace.research.engagement.JsonChecks.requireObject;
import static org.learntrace.research.engagement.JsonChecks.textOrNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.learntrace.xapi.XapiDuration;

/**
 * Reads a statement's result for {@link EngagementProjection}: checks it as the model reader
 * would and keeps the scaled score, the success and the played-segments extension.
 *
 * <p>Not thread-safe: one per {@link EngagementProjection}.
 */
final class ResultFields implements FreeKeys.Extensions {
  private final FreeKeys freeKeys;
  private double scaled;
  private Boolean success;
  private String playedSegments;

  ResultFields(FreeKeys freeKeys) {
    this.freeKeys = freeKeys;
  }

  /** Forgets the last statement's result. */
  void reset() {
    scaled = Double.NaN;
    success = null;
    playedSegments = null;
  }

  /** The scaled score, or NaN. */
  double scaled() {
    return scaled;
  }

  /** The success, or null. */
  Boolean success() {
    return success;
  }

  /** The played-segments extension when a string, else null. */
  String playedSegments() {
    return playedSegments;
  }

  /** Reads the result whose first token {@code t} is current. */
  void read(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "score" -> {
          seen = once(seen, 1);
          score(p, v);
        }
        case "success" -> {
          seen = once(seen, 1 << 1);
          success = bool(v);
        }
        case "completion" -> {
          seen = once(seen, 1 << 2);
          bool(v);
        }
        case "response" -> seen = onceString(seen, 1 << 3, v);
        case "duration" -> {
          seen = onceString(seen, 1 << 4, v);
          if (!XapiDuration.isValid(p.getText())) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "extensions" -> {
          seen = once(seen, 1 << 5);
          freeKeys.extensions(p, v, this);
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  private void score(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
        throw UNSUPPORTED_STATEMENT;
      }
      switch (f) {
        case "scaled" -> {
          seen = once(seen, 1);
          scaled = p.getDoubleValue();
        }
        case "raw" -> seen = once(seen, 1 << 1);
        case "min" -> seen = once(seen, 1 << 2);
        case "max" -> seen = once(seen, 1 << 3);
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  @Override
  public void extension(JsonParser p, String key, JsonToken t) throws IOException {
    if (key.equals(Vocabulary.EXT_PLAYED_SEGMENTS)) {
      playedSegments = textOrNull(p, t);
    }
  }
}
