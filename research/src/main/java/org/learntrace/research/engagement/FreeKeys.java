package org.learntrace.research.engagement;

import static org.learntrace.research.engagement.JsonChecks.UNSUPPORTED_STATEMENT;

import static org.learntrace.research.engagement.JsonChecks.requireObject;
import static org.learntrace.research.engagement.JsonChecks.string;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds a repeated name in JSON objects whose keys are free (extensions, language maps) and in
 * everything nested in them, for the fast path's parser, which does not look for repeated names
 * itself (Jackson's strict duplicate detection allocates a hash set per object). Objects with
 * fixed fields use a bit per field instead ({@link JsonChecks#once}).
 *
 * <p>Not thread-safe: one per {@link EngagementProjection}.
 */
final class FreeKeys {
  /** Objects with more free keys than this are left to the model path. */
  private static final int MAX_FREE_KEYS = 64;

  /** The names of the open free-keyed objects (extensions, language maps), one list per nesting level. */
  private String[][] names = new String[4][];

  /**
   * Adds {@code name} to the {@code n} names already seen in the free-keyed object open at
   * {@code level}; the fast path gives up on a repeated name.
   *
   * @return {@code n + 1}
   */
  int distinct(int level, int n, String name) {
    if (n >= MAX_FREE_KEYS) {
      throw UNSUPPORTED_STATEMENT;
    }
    if (level >= names.length) {
      names = java.util.Arrays.copyOf(names, level * 2);
    }
    String[] seen = names[level];
    if (seen == null) {
      seen = names[level] = new String[MAX_FREE_KEYS];
    }
    for (int i = 0; i < n; i++) {
      if (seen[i].equals(name)) {
        throw UNSUPPORTED_STATEMENT;
      }
    }
    seen[n] = name;
    return n + 1;
  }

  /** What a section keeps of its extensions: called once per key, before the value is skipped. */
  interface Extensions {
    /** The extension {@code key}, whose value's first token {@code t} is current. */
    void extension(JsonParser p, String key, JsonToken t) throws IOException;
  }

  /**
   * Checks an extensions object whose first token {@code t} is current, showing each key to
   * {@code section} before skipping its value.
   */
  void extensions(JsonParser p, JsonToken t, Extensions section) throws IOException {
    requireObject(t);
    int n = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      n = distinct(0, n, f);
      JsonToken v = p.nextToken();
      section.extension(p, f, v);
      skip(p, v, 1);
    }
  }

  /** Checks a language map (distinct keys, string values) whose first token {@code t} is current. */
  void languageMap(JsonParser p, JsonToken t) throws IOException {
    requireObject(t);
    int n = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      n = distinct(0, n, f);
      string(p.nextToken());
    }
  }

  /**
   * Skips the value whose first token {@code t} is current, as {@code skipChildren()} does, but
   * checks every object inside it for repeated names.
   */
  void skip(JsonParser p, JsonToken t, int level) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      int n = 0;
      String f;
      while ((f = p.nextFieldName()) != null) {
        n = distinct(level, n, f);
        skip(p, p.nextToken(), level + 1);
      }
    } else if (t == JsonToken.START_ARRAY) {
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
        if (e == null) {
          throw UNSUPPORTED_STATEMENT;
        }
        skip(p, e, level);
      }
    } else if (t == null) {
      throw UNSUPPORTED_STATEMENT;
    }
  }
}
