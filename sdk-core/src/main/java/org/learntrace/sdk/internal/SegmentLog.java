package org.learntrace.sdk.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A segmented append-only log addressed by global byte offsets. One writer thread appends through
 * {@link #stage} and {@link #commit}; any number of {@link LogReader}s read up to
 * {@link #committedEnd()}. Segments are deleted once every delivery cursor has passed them.
 */
final class SegmentLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);

  /** Sees each valid record during recovery: its position, the position after it, its body. */
  interface RecoveryVisitor {
    void visit(long position, long next, ByteBuffer body);
  }

  private final Path dir;
  private final int segmentBytes;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final AtomicLong totalBytes = new AtomicLong();
  private final Object lock = new Object();
  private ByteBuffer staging = ByteBuffer.allocate(1 << 20);
  private int stagedRecords;
  private Segment active;
  private volatile long committedEnd;
  private long truncatedBytes;

  private SegmentLog(Path dir, int segmentBytes) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
  }

  /** Opens the log in {@code dir}, truncating a torn tail, and shows every valid record to {@code visitor}. */
  static SegmentLog open(Path dir, int segmentBytes, RecoveryVisitor visitor) throws IOException {
    Files.createDirectories(dir);
    SegmentLog log = new SegmentLog(dir, segmentBytes);
    List<Long> bases = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        bases.add(Long.parseLong(n.substring(0, n.length() - 4)));
      }
    }
    bases.sort(null);
    for (long base : bases) {
      Segment s = Segment.open(dir, base, false);
      log.scan(s, visitor, true);
      log.segments.put(base, s);
      log.totalBytes.addAndGet(s.size);
    }
    if (log.segments.isEmpty()) {
      log.active = Segment.open(dir, 0, true);
      log.segments.put(0L, log.active);
    } else {
      log.active = log.segments.lastEntry().getValue();
    }
    log.committedEnd = log.active.end();
    return log;
  }

  private void scan(Segment s, RecoveryVisitor visitor, boolean repair) throws IOException {
    long fileSize = s.channel.size();
    ByteBuffer header = ByteBuffer.allocate(Frames.HEADER);
    long pos = 0;
    int records = 0;
    while (pos + Frames.HEADER <= fileSize) {
      header.clear();
      readFully(s.channel, header, pos);
      header.flip();
      int len = header.getInt();
      int crc = header.getInt();
      if (len <= 0 || len > segmentBytes || pos + Frames.HEADER + len > fileSize) {
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(len);
      readFully(s.channel, body, pos + Frames.HEADER);
      body.flip();
      if (Frames.crc(body) != crc) {
        break;
      }
      long next = pos + Frames.HEADER + len;
      visitor.visit(s.base + pos, s.base + next, body);
      pos = next;
      records++;
    }
    if (!repair) {
      return;
    }
    if (pos < fileSize) {
      truncatedBytes += fileSize - pos;
      LOG.warn("outbox segment {}: torn tail of {} bytes after {} records truncated", s.path.getFileName(), fileSize - pos, records);
      s.channel.truncate(pos);
    }
    s.size = pos;
    s.records = records;
  }

  static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of " + ch);
      }
      pos += n;
    }
  }

  /** Bytes dropped from torn tails during recovery. */
  long truncatedBytes() {
    return truncatedBytes;
  }

  /** Bytes of all segment files. */
  long totalBytes() {
    return totalBytes.get() + staging.position();
  }

  /** Where readers must stop: everything before it is complete and written. */
  long committedEnd() {
    return committedEnd;
  }

  /** The offset of the first record still on disk. */
  long start() {
    return segments.firstKey();
  }


  /**
   * Adds one frame to the group being committed (writer thread only); rolls to a new segment when
   * the current one would exceed the segment size.
   *
   * @return the global offset the frame will have
   */
  long stage(ByteBuffer frame, boolean force) throws IOException {
    int len = frame.remaining();
    if (active.size + staging.position() + len > segmentBytes && active.size + staging.position() > 0) {
      commit(force);
      roll(force);
    }
    if (staging.remaining() < len) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(staging.capacity() * 2, staging.position() + len));
      staging.flip();
      bigger.put(staging);
      staging = bigger;
    }
    long at = active.end() + staging.position();
    staging.put(frame);
    stagedRecords++;
    return at;
  }

  /** Writes the staged group with one {@code write()} and publishes it to readers (writer thread only). */
  void commit(boolean force) throws IOException {
    if (staging.position() == 0) {
      return;
    }
    staging.flip();
    long pos = active.size;
    int n = staging.remaining();
    while (staging.hasRemaining()) {
      pos += active.channel.write(staging, pos);
    }
    staging.clear();
    if (force) {
      active.channel.force(false);
    }
    active.records += stagedRecords;
    stagedRecords = 0;
    active.size = pos;
    totalBytes.addAndGet(n);
    committedEnd = active.end();
  }

  /** Forgets the staged group after a failed write (writer thread only). */
  void discardStaged() {
    staging.clear();
    stagedRecords = 0;
  }

  /** Forces the active segment to the device (writer thread only). */
  void force() throws IOException {
    active.channel.force(false);
  }

  private void roll(boolean force) throws IOException {
    if (force) {
      active.channel.force(false);
    }
    Segment next = Segment.open(dir, active.end(), true);
    if (force) {
      forceDirectory();
    }
    synchronized (lock) {
      segments.put(next.base, next);
      active = next;
    }
  }

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
    }
  }

  /** Deletes the sealed segments that end at or before {@code position}; returns bytes freed. */
  long releaseBefore(long position) {
    long freed = 0;
    synchronized (lock) {
      for (Map.Entry<Long, Segment> e : segments.entrySet()) {
        Segment s = e.getValue();
        if (s == active || s.end() > position) {
          break;
        }
        freed += delete(s);
      }
    }
    return freed;
  }

  /**
   * Deletes the oldest sealed segment to make room (drop-oldest overflow), first showing each of
   * its records to {@code visitor} so that the caller can count what is lost.
   *
   * @return the end of the deleted segment, or -1 if only the active segment is left
   */
  long evictOldest(RecoveryVisitor visitor) throws IOException {
    synchronized (lock) {
      Segment s = segments.firstEntry().getValue();
      if (s == active) {
        return -1;
      }
      scan(s, visitor, false);
      long end = s.end();
      delete(s);
      return end;
    }
  }

  private long delete(Segment s) {
    segments.remove(s.base);
    totalBytes.addAndGet(-s.size);
    try {
      s.channel.close();
      Files.deleteIfExists(s.path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete outbox segment " + s.path, e);
    }
    return s.size;
  }

  /** Whether {@code s} is still part of the log (not evicted or released). */
  boolean holds(Segment s) {
    return segments.get(s.base) == s;
  }

  /** The segment holding {@code position}, or the first one after it; null if none. */
  Segment segmentAtOrAfter(long position) {
    Map.Entry<Long, Segment> e = segments.floorEntry(position);
    if (e != null && position < e.getValue().end()) {
      return e.getValue();
    }
    Map.Entry<Long, Segment> h = segments.higherEntry(position);
    if (h != null) {
      return h.getValue();
    }
    return e == null ? null : e.getValue();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    synchronized (lock) {
      for (Segment s : segments.values()) {
        try {
          if (s == active) {
            s.channel.force(false);
          }
        } catch (IOException e) {
          first = first == null ? e : first;
        }
        try {
          s.channel.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
