package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The posting list of one digest between two sequence numbers, read a few blocks at a time from
 * where a seek lands (so a seek far ahead skips the blocks in between).
 */
final class PostingCursor implements SeqCursor {
  private static final int FIRST_FETCH = 4;
  private static final int MAX_FETCH = 64;
  // "ORDER BY h, first_seq" (not just first_seq) lets H2 read the primary key index in order.
  private static final String AT_OR_BELOW = "SELECT first_seq, last_seq, n, gaps FROM lrs_posting"
      + " WHERE h = ? AND first_seq <= ? ORDER BY h DESC, first_seq DESC LIMIT ?";
  private static final String ABOVE = "SELECT first_seq, last_seq, n, gaps FROM lrs_posting"
      + " WHERE h = ? AND first_seq > ? AND first_seq <= ? ORDER BY h, first_seq LIMIT ?";

  private final Connection c;
  private final long h;
  private final long lo;
  private final long hi;
  private final boolean ascending;
  /** The blocks read last, concatenated, ascending. */
  private long[] seqs = new long[0];
  private int pos;
  /** Whether blocks beyond those read may hold more, in this cursor's direction. */
  private boolean more = true;
  private int fetch = FIRST_FETCH;
  private long current = END;
  private boolean done;

  /** The sequence numbers in {@code [lo, hi]} filed under digest {@code h}. */
  PostingCursor(Connection c, long h, long lo, long hi, boolean ascending) {
    this.c = c;
    this.h = h;
    this.lo = lo;
    this.hi = hi;
    this.ascending = ascending;
  }

  @Override
  public long seek(long target) throws SQLException {
    if (done) {
      return END;
    }
    if (current != END && (ascending ? current >= target : current <= target)) {
      return current;
    }
    return ascending ? seekUp(Math.max(target, lo)) : seekDown(Math.min(target, hi));
  }

  private long seekUp(long target) throws SQLException {
    if (target > hi) {
      return finish();
    }
    while (true) {
      int i = firstAtOrAbove(target);
      if (i < seqs.length) {
        return land(i);
      }
      if (!more) {
        return finish();
      }
      fetchUp(target);
    }
  }

  private long seekDown(long target) throws SQLException {
    if (target < lo) {
      return finish();
    }
    while (true) {
      int i = lastAtOrBelow(target);
      if (i >= 0) {
        return land(i);
      }
      if (!more) {
        return finish();
      }
      fetchDown(target);
    }
  }

  private long land(int i) {
    pos = i;
    current = seqs[i];
    return current < lo || current > hi ? finish() : current;
  }

  private long finish() {
    done = true;
    current = END;
    return END;
  }

  /** Index of the first read seq at or above target, from the current position; seqs.length if none. */
  private int firstAtOrAbove(long target) {
    int a = current == END ? 0 : pos;
    int b = seqs.length;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (seqs[m] < target) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  /** Index of the last read seq at or below target, up to the current position; -1 if none. */
  private int lastAtOrBelow(long target) {
    int a = 0;
    int b = current == END ? seqs.length : pos + 1;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (seqs[m] <= target) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a - 1;
  }

  /** Reads the block holding {@code target} (if any) and the next blocks up to {@code hi}. */
  private void fetchUp(long target) throws SQLException {
    List<long[]> blocks = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(AT_OR_BELOW)) {
      ps.setLong(1, h);
      ps.setLong(2, target);
      ps.setInt(3, 1);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(2) >= target) {
          blocks.add(PostingBlock.decode(rs.getLong(1), rs.getInt(3), rs.getBytes(4)));
        }
      }
    }
    int read = 0;
    try (PreparedStatement ps = c.prepareStatement(ABOVE)) {
      ps.setLong(1, h);
      ps.setLong(2, target);
      ps.setLong(3, hi);
      ps.setInt(4, fetch);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          blocks.add(PostingBlock.decode(rs.getLong(1), rs.getInt(3), rs.getBytes(4)));
          read++;
        }
      }
    }
    more = read == fetch;
    replace(blocks, false);
  }

  /** Reads the blocks at or below {@code target}, newest first, down to {@code lo}. */
  private void fetchDown(long target) throws SQLException {
    List<long[]> blocks = new ArrayList<>();
    int read = 0;
    boolean belowLo = false;
    try (PreparedStatement ps = c.prepareStatement(AT_OR_BELOW)) {
      ps.setLong(1, h);
      ps.setLong(2, target);
      ps.setInt(3, fetch);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          read++;
          if (rs.getLong(2) < lo) {
            belowLo = true;
            break;
          }
          blocks.add(PostingBlock.decode(rs.getLong(1), rs.getInt(3), rs.getBytes(4)));
          if (rs.getLong(1) <= lo) {
            belowLo = true;
            break;
          }
        }
      }
    }
    more = read == fetch && !belowLo;
    replace(blocks, true);
  }

  private void replace(List<long[]> blocks, boolean newestFirst) {
    int total = 0;
    for (long[] b : blocks) {
      total += b.length;
    }
    long[] all = new long[total];
    int at = 0;
    for (int i = 0; i < blocks.size(); i++) {
      long[] b = blocks.get(newestFirst ? blocks.size() - 1 - i : i);
      System.arraycopy(b, 0, all, at, b.length);
      at += b.length;
    }
    seqs = all;
    current = END;
    pos = 0;
    fetch = Math.min(MAX_FETCH, fetch * 2);
  }
}
