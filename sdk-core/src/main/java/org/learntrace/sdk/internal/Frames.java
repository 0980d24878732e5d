package org.learntrace.sdk.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of one outbox record: {@code int length | int crc32c(body) | body}, big-endian.
 * A frame whose length is out of range or whose checksum does not match marks a torn tail.
 */
final class Frames {
  static final int HEADER = 8;

  private Frames() {}

  static int crc(ByteBuffer body) {
    CRC32C c = new CRC32C();
    c.update(body.duplicate());
    return (int) c.getValue();
  }

  static int crc(byte[] body, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(body, off, len);
    return (int) c.getValue();
  }
}
