package org.learntrace.research.engagement;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.learntrace.xapi.XapiTimestamp;

/**
 * The checks {@link EngagementProjection} makes of JSON values, each the model reader's rule for
 * that value; a value that breaks one makes the fast path give up ({@link #UNSUPPORTED_STATEMENT})
 * so that the model reader reports it.
 */
final class JsonChecks {
  private JsonChecks() {}

  /** Thrown (without a stack trace) to abandon the fast path. */
  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super("unsupported by the fast path", null, false, false);
    }
  }

  /** Thrown to leave a statement to the model reader. */
  static final RuntimeException UNSUPPORTED_STATEMENT = new Unsupported();

  /** {@code seen | bit}, or the fast path gives up when the field was already seen (a repeated name). */
  static int once(int seen, int bit) {
    if ((seen & bit) != 0) {
      throw UNSUPPORTED_STATEMENT;
    }
    return seen | bit;
  }

  /** {@link #once} of a field whose value must be a string. */
  static int onceString(int seen, int bit, JsonToken t) {
    string(t);
    return once(seen, bit);
  }

  /** The current token's text when it is a string, else null (an extension of another type is ignored). */
  static String textOrNull(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  /** Whether the current string token is {@code s}, without making a String of it. */
  static boolean textIs(JsonParser p, String s) throws IOException {
    int len = p.getTextLength();
    if (len != s.length()) {
      return false;
    }
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    for (int i = 0; i < len; i++) {
      if (c[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static void requireObject(JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      throw UNSUPPORTED_STATEMENT;
    }
  }

  static void requireArray(JsonToken t) {
    if (t != JsonToken.START_ARRAY) {
      throw UNSUPPORTED_STATEMENT;
    }
  }

  static void string(JsonToken t) {
    if (t != JsonToken.VALUE_STRING) {
      throw UNSUPPORTED_STATEMENT;
    }
  }

  static Boolean bool(JsonToken t) {
    if (t == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    throw UNSUPPORTED_STATEMENT;
  }

  private static final boolean[] HEX = new boolean[128];

  static {
    for (char ch = '0'; ch <= '9'; ch++) {
      HEX[ch] = true;
    }
    for (char ch = 'a'; ch <= 'f'; ch++) {
      HEX[ch] = true;
      HEX[Character.toUpperCase(ch)] = true;
    }
  }

  /** A UUID in 8-4-4-4-12 hex form, as {@code Uuids.isStandardForm}. */
  static void uuid(JsonParser p, JsonToken t) throws IOException {
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
      } else if (ch >= 128 || !HEX[ch]) {
        throw UNSUPPORTED_STATEMENT;
      }
    }
  }

  static long timestamp(JsonParser p, JsonToken t) throws IOException {
    string(t);
    try {
      return XapiTimestamp.parse(p.getText()).instant().toEpochMilli();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw UNSUPPORTED_STATEMENT;
    }
  }
}
