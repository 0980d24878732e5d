package org.learntrace.xapi.lrs;

/**
 * A concurrency condition on a document write: none, {@code If-Match: <etag>}, or {@code
 * If-None-Match: *} (create only). A failed condition answers 412.
 *
 * @param header the header name, or null for none
 * @param value the header value
 */
public record Precondition(String header, String value) {
  private static final Precondition NONE = new Precondition(null, null);
  private static final Precondition ABSENT = new Precondition("If-None-Match", "*");

  /** Write unconditionally. */
  public static Precondition none() {
    return NONE;
  }

  /** Write only if the stored document still has this ETag. */
  public static Precondition ifMatch(String etag) {
    String quoted = etag.startsWith("\"") || etag.startsWith("W/") ? etag : "\"" + etag + "\"";
    return new Precondition("If-Match", quoted);
  }

  /** Write only if there is no document yet. */
  public static Precondition ifAbsent() {
    return ABSENT;
  }
}
