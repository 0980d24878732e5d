package org.learntrace.lrs.http;

import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;

/**
 * The digest that tells whether a statement sent again under a stored id is the same statement:
 * SHA-256 (hex) of its JSON with the keys of every object sorted, leaving out the properties the
 * LRS sets ({@code id}, {@code stored}, {@code authority}, {@code version}).
 *
 * <p>The hashed text is fixed, because digests stored by earlier versions are compared with new
 * ones: each object member and array element is followed by a comma ({@code {"a":1,"b":[true,],}}),
 * strings are escaped as Jackson's default generator escapes them, integers and booleans are
 * written as such and any other number as Jackson prints it; the text is hashed as UTF-8, an
 * unpaired surrogate as {@code ?} (as {@link String#getBytes} encodes it).
 */
final class ContentHash {
  // MessageDigest.getInstance looks the algorithm up among the providers on every call.
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });
  /** The characters Jackson's string quoting escapes: those with a non-zero entry. */
  private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

  private ContentHash() {}

  static String of(ObjectNode statement) {
    Utf8 text = new Utf8();
    append(statement, text, true);
    MessageDigest sha = SHA_256.get();
    sha.update(text.bytes, 0, text.length);
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void append(JsonNode n, Utf8 b, boolean top) {
    if (n.isObject()) {
      String[] names = new String[n.size()];
      int count = 0;
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!top || !setByLrs(name)) {
          names[count++] = name;
        }
      }
      Arrays.sort(names, 0, count);
      b.ascii('{');
      for (int i = 0; i < count; i++) {
        quoted(names[i], b);
        b.ascii(':');
        append(n.get(names[i]), b, false);
        b.ascii(',');
      }
      b.ascii('}');
    } else if (n.isArray()) {
      b.ascii('[');
      for (JsonNode v : n) {
        append(v, b, false);
        b.ascii(',');
      }
      b.ascii(']');
    } else if (n.isTextual()) {
      quoted(n.textValue(), b);
    } else if (n.isBoolean() || n.isNull() || n.isInt() || n.isLong()) {
      b.append(n.asText());
    } else if (n.isDouble() && Double.isFinite(n.doubleValue())) {
      // What JsonNode.toString() prints for it, without going through an ObjectMapper.
      b.append(Double.toString(n.doubleValue()));
    } else if (n.isBigInteger()) {
      b.append(n.bigIntegerValue().toString());
    } else {
      b.append(n.toString());
    }
  }

  private static boolean setByLrs(String name) {
    return switch (name) {
      case "id", "stored", "authority", "version" -> true;
      default -> false;
    };
  }

  private static void quoted(String s, Utf8 b) {
    b.ascii('"');
    if (needsEscapes(s)) {
      StringBuilder escaped = new StringBuilder(s.length() + 16);
      JsonStringEncoder.getInstance().quoteAsString(s, escaped);
      b.append(escaped);
    } else {
      b.append(s); // what quoteAsString gives for it
    }
    b.ascii('"');
  }

  private static boolean needsEscapes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < ESCAPES.length && ESCAPES[c] != 0) {
        return true;
      }
    }
    return false;
  }

  /** The hashed text, encoded as UTF-8 as it is written. */
  private static final class Utf8 {
    byte[] bytes = new byte[4096];
    int length;

    void ascii(char c) {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[length++] = (byte) c;
    }

    void append(CharSequence s) {
      int n = s.length();
      if (length + 3 * n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + 3 * n));
      }
      byte[] out = bytes;
      int at = length;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          out[at++] = (byte) c;
        } else if (c < 0x800) {
          out[at++] = (byte) (0xc0 | c >> 6);
          out[at++] = (byte) (0x80 | c & 0x3f);
        } else if (!Character.isSurrogate(c)) {
          out[at++] = (byte) (0xe0 | c >> 12);
          out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
          out[at++] = (byte) (0x80 | c & 0x3f);
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          out[at++] = (byte) (0xf0 | cp >> 18);
          out[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
          out[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
          out[at++] = (byte) (0x80 | cp & 0x3f);
        } else {
          out[at++] = '?';
        }
      }
      length = at;
    }
  }
}
