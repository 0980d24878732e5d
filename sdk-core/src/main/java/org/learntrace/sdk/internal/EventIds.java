package org.learntrace.sdk.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.learntrace.sdk.LearningEvent;

/**
 * Deterministic event ids. With a natural key: the RFC 4122 name-based UUID v5 of the key in the
 * LearnTrace namespace. Without one: an RFC 9562 UUID v8 made of the first 122 bits of
 * HMAC-SHA256(id key, the event's JSON with local ids) — keyed, so that it cannot be reversed into
 * the local ids it covers, and stable for the same event however often it is tracked or delivered.
 */
public final class EventIds {
  /** The namespace of natural keys: UUID v5 of {@code https://learntrace.org/ns/event} in the URL namespace. */
  public static final UUID NAMESPACE = v5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "https://learntrace.org/ns/event");

  private final Pseudonymizer idKey;
  private final EventCodec codec;

  EventIds(Pseudonymizer idKey, EventCodec codec) {
    this.idKey = idKey;
    this.codec = codec;
  }

  UUID idOf(LearningEvent e) {
    String key = e.occurrence().naturalKey();
    return key != null ? v5(NAMESPACE, key) : v8(idKey.mac(codec.clearJson(e)));
  }

  /** The UUID v5 of {@code name} in {@code namespace}. */
  public static UUID v5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      return withVersion(h, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }

  static UUID v8(byte[] hash) {
    return withVersion(hash, 8);
  }

  private static UUID withVersion(byte[] h, int version) {
    h[6] = (byte) ((h[6] & 0x0f) | (version << 4));
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }
}
