package org.learntrace.xapi.lrs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A document of the state, activity profile or agent profile resources: its bytes, content type
 * and, when read from an LRS, its ETag.
 *
 * @param content the bytes; never null
 * @param contentType the media type, e.g. {@code application/json}
 * @param etag the ETag the LRS gave it, or null for a document not read from an LRS
 */
public record Document(byte[] content, String contentType, String etag) {
  /** Copies the bytes. */
  public Document {
    content = Objects.requireNonNull(content, "content").clone();
    Objects.requireNonNull(contentType, "contentType");
  }

  /** A JSON document. */
  public static Document json(String json) {
    return new Document(json.getBytes(StandardCharsets.UTF_8), "application/json", null);
  }

  /** The bytes (a copy). */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content decoded as UTF-8. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Document d && Arrays.equals(d.content, content) && d.contentType.equals(contentType)
        && Objects.equals(d.etag, etag);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(content) * 31 + contentType.hashCode();
  }

  @Override
  public String toString() {
    return "Document[" + contentType + ", " + content.length + " bytes, etag=" + etag + "]";
  }
}
