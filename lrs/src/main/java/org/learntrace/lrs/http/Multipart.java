package org.learntrace.lrs.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** multipart/mixed bodies (RFC 2046) as xAPI uses them for statements with attachments. */
final class Multipart {
  private Multipart() {}

  /** One part: headers with lower-case names, and the raw content. */
  record Part(Map<String, String> headers, byte[] content) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String contentType() {
      String t = header("content-type");
      return t == null ? null : t.trim();
    }
  }

  /** The boundary parameter of a multipart Content-Type, or null. */
  static String boundary(String contentType) {
    for (String p : contentType.split(";")) {
      String t = p.trim();
      if (t.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = t.substring(9).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() ? null : b;
      }
    }
    return null;
  }

  /** The parts of {@code body}; the preamble and epilogue are ignored. */
  static List<Part> parse(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw LrsException.badRequest("multipart body has no boundary \"" + boundary + "\"");
    }
    while (true) {
      int after = pos + delimiter.length;
      if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
        return parts;
      }
      int headerStart = skipLineEnd(body, skipToLineEnd(body, after));
      int headerEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, headerStart - 2);
      int contentStart;
      Map<String, String> headers = new LinkedHashMap<>();
      if (headerEnd < 0) {
        throw LrsException.badRequest("multipart part without a blank line after its headers");
      }
      if (headerEnd < headerStart) {
        contentStart = headerStart + 2;
      } else {
        checkLineEnds(body, headerStart, headerEnd, parts.size() + 1);
        String headerText = new String(body, headerStart, headerEnd - headerStart, StandardCharsets.UTF_8);
        for (String line : headerText.split("\r\n")) {
          int colon = line.indexOf(':');
          String name = colon < 0 ? "" : line.substring(0, colon).trim();
          if (name.isEmpty()) {
            throw LrsException.badRequest("multipart part " + (parts.size() + 1) + ": header line \""
                + (line.length() > 100 ? line.substring(0, 100) + "..." : line) + "\" is not of the form name: value");
          }
          headers.put(name.toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        contentStart = headerEnd + 4;
      }
      byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int end = indexOf(body, next, contentStart);
      if (end < 0) {
        throw LrsException.badRequest("multipart body is not closed by --" + boundary + "--");
      }
      parts.add(new Part(headers, Arrays.copyOfRange(body, contentStart, end)));
      pos = end + 2;
    }
  }

  /**
   * Header lines end with CRLF; a bare CR or LF inside them is refused, since header values are
   * stored (an attachment's Content-Type) and written back into multipart responses.
   */
  private static void checkLineEnds(byte[] b, int from, int to, int partNumber) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\r' && i + 1 < to && b[i + 1] == '\n') {
        i++;
      } else if (b[i] == '\r' || b[i] == '\n') {
        throw LrsException.badRequest("multipart part " + partNumber + ": bare " + (b[i] == '\r' ? "CR" : "LF")
            + " at byte " + i + " of the body, in the part's headers; header lines must end with CRLF");
      }
    }
  }

  private static int skipToLineEnd(byte[] b, int from) {
    int i = from;
    while (i < b.length && b[i] != '\r' && b[i] != '\n') {
      i++;
    }
    return i;
  }

  private static int skipLineEnd(byte[] b, int i) {
    if (i < b.length && b[i] == '\r') {
      i++;
    }
    if (i < b.length && b[i] == '\n') {
      i++;
    }
    return i;
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Writes parts as a multipart/mixed body. */
  static byte[] write(String boundary, List<Part> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part p : parts) {
      out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      for (Map.Entry<String, String> h : p.headers().entrySet()) {
        out.writeBytes((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(p.content());
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }
}
