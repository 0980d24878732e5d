package org.learntrace.sdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * Reads frames of a {@link SegmentLog} in order from a position, in chunks, never past the
 * committed end. One reader per dispatcher thread; not thread-safe.
 */
final class LogReader {
  private static final int CHUNK = 256 * 1024;

  private final SegmentLog log;
  private long position;
  private ByteBuffer buf = ByteBuffer.allocate(CHUNK);
  private Segment bufSegment;
  private long bufStart = -1;

  LogReader(SegmentLog log, long position) {
    this.log = log;
    this.position = position;
  }

  /** The position of the next frame. */
  long position() {
    return position;
  }

  /** Moves forward to {@code p} if it is ahead (after an eviction). */
  void skipTo(long p) {
    if (p > position) {
      position = p;
    }
  }

  /**
   * The body of the next frame, positioned on the body bytes (valid until the next call), or null
   * when the reader is at the committed end. {@link #position()} then points past that frame.
   *
   * @throws IOException if the file cannot be read or a frame fails its checksum
   */
  ByteBuffer next() throws IOException {
    while (true) {
      long limit = log.committedEnd();
      if (position >= limit) {
        return null;
      }
      Segment s = log.segmentAtOrAfter(position);
      if (s == null) {
        return null;
      }
      if (position < s.base) {
        position = s.base;
        continue;
      }
      long segEnd = Math.min(s.end(), limit);
      if (position >= segEnd) {
        if (s.end() <= position && position < limit) {
          // At the end of a sealed segment: the next one starts exactly here or later.
          Segment after = log.segmentAtOrAfter(s.end());
          if (after == null || after == s) {
            return null;
          }
          position = after.base;
          continue;
        }
        return null;
      }
      try {
        if (!fill(s, position, Frames.HEADER, segEnd)) {
          return null;
        }
        int off = (int) (position - bufStart);
        int len = buf.getInt(off);
        int crc = buf.getInt(off + 4);
        if (len <= 0 || position + Frames.HEADER + len > segEnd) {
          throw new IOException("corrupt outbox frame at " + position + " (length " + len + ")");
        }
        if (!fill(s, position, Frames.HEADER + len, segEnd)) {
          return null;
        }
        off = (int) (position - bufStart);
        ByteBuffer body = buf.duplicate();
        body.limit(off + Frames.HEADER + len).position(off + Frames.HEADER);
        if (Frames.crc(body) != crc) {
          throw new IOException("outbox frame at " + position + " fails its checksum");
        }
        position += Frames.HEADER + len;
        return body.slice();
      } catch (ClosedChannelException closed) {
        bufSegment = null;
        if (log.holds(s)) {
          // Not evicted: the channel was closed under a live segment (the log is closing, or an
          // interrupt closed it). Skipping its records would let the cursor pass them undelivered.
          throw closed;
        }
        // The segment was evicted under us (drop-oldest): go on from the next one.
        Segment after = log.segmentAtOrAfter(s.end());
        if (after == null || after == s) {
          return null;
        }
        position = Math.max(position, after.base);
      }
    }
  }

  /** Makes {@code [pos, pos + need)} of segment {@code s} available in {@code buf}. */
  private boolean fill(Segment s, long pos, int need, long segEnd) throws IOException {
    if (bufSegment == s && pos >= bufStart && pos + need <= bufStart + buf.limit()) {
      return true;
    }
    if (pos + need > segEnd) {
      return false;
    }
    if (buf.capacity() < need) {
      buf = ByteBuffer.allocate(Math.max(need, CHUNK));
    }
    buf.clear();
    int want = (int) Math.min(buf.capacity(), segEnd - pos);
    buf.limit(want);
    SegmentLog.readFully(s.channel, buf, pos - s.base);
    buf.flip();
    bufSegment = s;
    bufStart = pos;
    return true;
  }
}
