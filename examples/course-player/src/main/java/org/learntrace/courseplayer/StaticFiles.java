package org.learntrace.courseplayer;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The player's static files, read from the classpath under one resource folder and served
 * read-only: GET and HEAD, a content type by extension, {@code Cache-Control: no-cache} (the
 * service worker keeps the offline copy) and single byte ranges ({@code Range: bytes=a-b}), which
 * browsers use to stream and seek media. A path with an empty, {@code .} or {@code ..} segment, a
 * backslash or a character outside {@code [A-Za-z0-9._-/]} is not found; nothing outside the
 * folder is ever served.
 */
final class StaticFiles {
  static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json; charset=utf-8",
      "webm", "video/webm",
      "svg", "image/svg+xml",
      "webmanifest", "application/manifest+json");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/-]+");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final byte[] MISSING = new byte[0];

  private final String folder;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** Files under the classpath folder {@code folder} (starting and ending with {@code /}). */
  StaticFiles(String folder) {
    if (!folder.startsWith("/") || !folder.endsWith("/")) {
      throw new IllegalArgumentException("the resource folder must start and end with '/', was " + folder);
    }
    this.folder = folder;
  }

  /** The bytes of {@code relative} (e.g. {@code js/player.js}), or null when there is no such file. */
  byte[] read(String relative) throws IOException {
    if (!SAFE.matcher(relative).matches()) {
      return null;
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;
      }
    }
    byte[] cached = cache.get(relative);
    if (cached == null) {
      try (InputStream in = StaticFiles.class.getResourceAsStream(folder + relative)) {
        cached = in == null ? MISSING : in.readAllBytes();
      }
      cache.put(relative, cached);
    }
    return cached == MISSING ? null : cached;
  }

  /** Answers {@code x} with the file {@code relative}. */
  void serve(HttpExchange x, String relative) throws IOException {
    String method = x.getRequestMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      x.getResponseHeaders().add("Allow", "GET, HEAD");
      text(x, 405, "method not allowed: " + method);
      return;
    }
    byte[] body = read(relative);
    String type = body == null ? null : TYPES.get(extension(relative));
    if (type == null) {
      text(x, 404, "not found: " + x.getRequestURI().getPath());
      return;
    }
    x.getResponseHeaders().add("Content-Type", type);
    x.getResponseHeaders().add("Cache-Control", "no-cache");
    x.getResponseHeaders().add("Accept-Ranges", "bytes");
    x.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
    int from = 0;
    int to = body.length - 1;
    int status = 200;
    String range = x.getRequestHeaders().getFirst("Range");
    if (range != null) {
      int[] r = range(range.trim(), body.length);
      if (r == null) {
        x.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
        text(x, 416, "unsatisfiable range " + range + " of a " + body.length + "-byte file");
        return;
      }
      from = r[0];
      to = r[1];
      status = 206;
      x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
    }
    int length = to - from + 1;
    if ("HEAD".equals(method)) {
      x.getResponseHeaders().add("Content-Length", Integer.toString(length));
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, length == 0 ? -1 : length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(Arrays.copyOfRange(body, from, to + 1));
    }
  }

  /** The first and last byte of a single range, or null when it cannot be satisfied or is not one range. */
  static int[] range(String header, int size) {
    Matcher m = RANGE.matcher(header);
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || size == 0) {
      return null;
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        return suffix == 0 ? null : new int[] {(int) Math.max(0, size - suffix), size - 1};
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      return first >= size || last < first ? null : new int[] {(int) first, (int) last};
    } catch (NumberFormatException e) {
      return null;   // more digits than a long holds: no such byte
    }
  }

  static void text(HttpExchange x, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(x.getRequestMethod())) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
