package org.learntrace.sdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A destination's delivery cursor: every record before it is resolved (accepted or dead-lettered).
 * Stored in two alternating 24-byte slots {@code long seq | long position | int crc32c | int 0},
 * so that a torn write of one slot leaves the other; the valid slot with the higher sequence wins.
 * Losing a cursor update only causes redelivery, which deterministic ids make harmless.
 */
final class Cursor implements AutoCloseable {
  private static final int SLOT = 24;

  private final FileChannel channel;
  private final ByteBuffer slot = ByteBuffer.allocate(SLOT);
  private long seq;
  private long position;

  private Cursor(FileChannel channel, long seq, long position) {
    this.channel = channel;
    this.seq = seq;
    this.position = position;
  }

  static Path file(Path dir, String destination) {
    return dir.resolve("cursor-" + destination + ".bin");
  }

  /** Reads the cursor of {@code destination}, or 0 if it has none. */
  static Cursor open(Path dir, String destination) throws IOException {
    Path p = file(dir, destination);
    boolean existed = Files.exists(p);
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long bestSeq = 0;
    long bestPos = 0;
    if (existed) {
      for (int i = 0; i < 2; i++) {
        ByteBuffer b = ByteBuffer.allocate(SLOT);
        int n = ch.read(b, (long) i * SLOT);
        if (n < SLOT) {
          continue;
        }
        b.flip();
        long s = b.getLong();
        long pos = b.getLong();
        int crc = b.getInt();
        if (Frames.crc(b.array(), 0, 16) == crc && s > bestSeq) {
          bestSeq = s;
          bestPos = pos;
        }
      }
    }
    return new Cursor(ch, bestSeq, bestPos);
  }

  long position() {
    return position;
  }

  /** Moves the cursor to {@code p} (only forward) and writes it to the page cache. */
  void advance(long p) throws IOException {
    if (p <= position) {
      return;
    }
    seq++;
    position = p;
    slot.clear();
    slot.putLong(seq).putLong(p);
    slot.putInt(Frames.crc(slot.array(), 0, 16)).putInt(0);
    slot.flip();
    long at = (seq & 1) * SLOT;
    while (slot.hasRemaining()) {
      at += channel.write(slot, at);
    }
  }

  /** Resets the in-memory position during recovery (does not write). */
  void reset(long p) {
    position = p;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
