package org.learntrace.sdk.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.learntrace.sdk.TrackedEvent;

/**
 * The body of an outbox frame: {@code byte version=1 | long idMsb | long idLsb | long receivedAt
 * epoch-millis | byte n | n bytes destination | byte k | k bytes key id | event JSON}; {@code k = 0}
 * when the record holds no pseudonym made by the pipeline. The
 * destination comes first so that a dispatcher skips other destinations' records without decoding.
 */
final class RecordBody {
  static final byte VERSION = 1;
  private static final byte[] CONSENT_WITHDRAWAL = "{\"type\":\"consent-withdrawn\"".getBytes(StandardCharsets.US_ASCII);

  private RecordBody() {}

  /** A complete frame (header and body), positioned for reading. */
  static ByteBuffer frame(ByteBuffer into, UUID id, long receivedAt, byte[] destination, byte[] keyId, byte[] json) {
    int bodyLen = 1 + 16 + 8 + 1 + destination.length + 1 + keyId.length + json.length;
    ByteBuffer f = into != null && into.capacity() >= Frames.HEADER + bodyLen ? into.clear() : ByteBuffer.allocate(Frames.HEADER + bodyLen);
    f.putInt(bodyLen).putInt(0);
    f.put(VERSION).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putLong(receivedAt);
    f.put((byte) destination.length).put(destination).put((byte) keyId.length).put(keyId).put(json);
    f.putInt(4, Frames.crc(f.array(), Frames.HEADER, bodyLen));
    f.flip();
    return f;
  }

  /** Whether the record is for {@code destination}. */
  static boolean isFor(ByteBuffer body, byte[] destination) {
    int p = body.position() + 1 + 16 + 8;
    int n = body.get(p) & 0xff;
    if (n != destination.length) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (body.get(p + 1 + i) != destination[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the record holds a consent withdrawal, without decoding it: {@link EventCodec} writes
   * the type id first.
   */
  static boolean isConsentWithdrawal(ByteBuffer body) {
    int p = body.position() + 1 + 16 + 8;
    p += 1 + (body.get(p) & 0xff);
    p += 1 + (body.get(p) & 0xff);
    if (body.limit() - p < CONSENT_WITHDRAWAL.length) {
      return false;
    }
    for (int i = 0; i < CONSENT_WITHDRAWAL.length; i++) {
      if (body.get(p + i) != CONSENT_WITHDRAWAL[i]) {
        return false;
      }
    }
    return true;
  }

  /** The destination name of the record. */
  static String destination(ByteBuffer body) {
    int p = body.position() + 1 + 16 + 8;
    int n = body.get(p) & 0xff;
    byte[] d = new byte[n];
    body.duplicate().position(p + 1).get(d);
    return new String(d, StandardCharsets.US_ASCII);
  }

  /** Decodes the record; the event JSON is copied, the event itself decoded lazily. */
  static TrackedEvent decode(ByteBuffer body, EventCodec codec) {
    ByteBuffer b = body.duplicate();
    byte version = b.get();
    if (version != VERSION) {
      throw new IllegalStateException("unknown outbox record version " + version);
    }
    UUID id = new UUID(b.getLong(), b.getLong());
    Instant receivedAt = Instant.ofEpochMilli(b.getLong());
    byte[] d = new byte[b.get() & 0xff];
    b.get(d);
    byte[] k = new byte[b.get() & 0xff];
    b.get(k);
    byte[] json = new byte[b.remaining()];
    b.get(json);
    return new TrackedEvent(id, new String(d, StandardCharsets.US_ASCII), receivedAt,
        k.length == 0 ? null : new String(k, StandardCharsets.UTF_8), json, codec::decode);
  }
}
