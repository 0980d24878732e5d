package org.learntrace.research.engagement;

/**
 * Reads an xAPI Video Profile {@code played-segments} string such as {@code "0[.]95.4[,]80[.]150"}:
 * segments separated by {@code [,]}, each two numbers separated by {@code [.]}.
 *
 * <p>Parts are those of {@code segments.split("\\[,\\]")} (trailing empty parts dropped, an empty
 * part elsewhere is malformed) and numbers those of {@link Double#parseDouble}, without compiling a
 * regular expression for every statement.
 */
final class PlayedSegments {
  private PlayedSegments() {}

  /** Receives each segment in order. */
  interface Sink {
    void add(double from, double to);
  }

  private static final String SEPARATOR = "[,]";
  private static final String RANGE = "[.]";

  /**
   * Passes every segment of {@code segments} (null or empty: none) to {@code sink}.
   *
   * @throws IllegalArgumentException naming the part when it is malformed
   */
  static void forEach(String segments, Sink sink) {
    if (segments == null || segments.isEmpty()) {
      return;
    }
    int end = segments.length();
    // "[,]" cannot overlap itself, so trailing separators are exactly split()'s trailing empty parts
    while (end >= SEPARATOR.length() && segments.startsWith(SEPARATOR, end - SEPARATOR.length())) {
      end -= SEPARATOR.length();
    }
    int start = 0;
    while (start < end) {
      int sep = segments.indexOf(SEPARATOR, start);
      if (sep < 0 || sep > end - SEPARATOR.length()) {
        part(segments.substring(start, end), sink);
        return;
      }
      part(segments.substring(start, sep), sink); // an empty part here is malformed, as with split()
      start = sep + SEPARATOR.length();
    }
  }

  private static void part(String seg, Sink sink) {
    int dot = seg.indexOf(RANGE);
    if (dot < 0) {
      throw new IllegalArgumentException("played-segments part '" + seg + "' has no [.]");
    }
    double from;
    double to;
    try {
      from = Double.parseDouble(seg.substring(0, dot));
      to = Double.parseDouble(seg.substring(dot + RANGE.length()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("played-segments part '" + seg + "' is not two numbers", e);
    }
    sink.add(from, to);
  }
}
