package org.learntrace.lrs.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A state, activity profile or agent profile document.
 *
 * @param content the bytes
 * @param contentType the media type it was stored with
 * @param etag the SHA-1 hex digest of the content
 * @param updatedMillis when it last changed, epoch milliseconds
 */
public record Document(byte[] content, String contentType, String etag, long updatedMillis) {

  /** A document with its ETag computed from the content. */
  public static Document of(byte[] content, String contentType, long updatedMillis) {
    return new Document(content, contentType, sha1(content), updatedMillis);
  }

  /** Whether the content type is JSON. */
  public boolean isJson() {
    return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }

  /** The content as UTF-8 text. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  private static String sha1(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
