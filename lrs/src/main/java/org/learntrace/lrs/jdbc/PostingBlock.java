package org.learntrace.lrs.jdbc;

import java.util.Arrays;

/**
 * One row of a posting list: up to {@value #MAX_SEQS} ascending statement sequence numbers filed
 * under one index digest, stored as the first one (a column) and the gaps after it as unsigned
 * LEB128 varints (a byte string). Only the newest block of a digest is ever appended to.
 */
final class PostingBlock {
  static final int MAX_SEQS = 256;

  final long firstSeq;
  private long lastSeq;
  private int count;
  private byte[] gaps;
  private int length;

  private PostingBlock(long firstSeq, long lastSeq, int count, byte[] gaps, int length) {
    this.firstSeq = firstSeq;
    this.lastSeq = lastSeq;
    this.count = count;
    this.gaps = gaps;
    this.length = length;
  }

  /** A new block holding {@code seq} alone. */
  static PostingBlock starting(long seq) {
    return new PostingBlock(seq, seq, 1, new byte[32], 0);
  }

  /** A block as stored; {@code gaps} is copied, so appending leaves the caller's array alone. */
  static PostingBlock stored(long firstSeq, long lastSeq, int count, byte[] gaps) {
    return new PostingBlock(firstSeq, lastSeq, count, Arrays.copyOf(gaps, Math.max(32, gaps.length + 32)), gaps.length);
  }

  /** A copy to append to, leaving this block as it is. */
  PostingBlock copy() {
    return new PostingBlock(firstSeq, lastSeq, count, Arrays.copyOf(gaps, gaps.length), length);
  }

  long lastSeq() {
    return lastSeq;
  }

  int count() {
    return count;
  }

  boolean isFull() {
    return count >= MAX_SEQS;
  }

  /** Appends {@code seq}, which must be greater than {@link #lastSeq()}, to a block that is not full. */
  void append(long seq) {
    long gap = seq - lastSeq;
    if (gap <= 0 || isFull()) {
      throw new IllegalStateException("cannot append seq " + seq + " after " + lastSeq + " to a block of " + count);
    }
    if (length + 10 > gaps.length) {
      gaps = Arrays.copyOf(gaps, gaps.length * 2);
    }
    while ((gap & ~0x7fL) != 0) {
      gaps[length++] = (byte) ((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    gaps[length++] = (byte) gap;
    lastSeq = seq;
    count++;
  }

  /** The gaps column as stored. */
  byte[] gaps() {
    return Arrays.copyOf(gaps, length);
  }

  /** The sequence numbers of a stored block, ascending. */
  static long[] decode(long firstSeq, int count, byte[] gaps) {
    long[] seqs = new long[count];
    long seq = firstSeq;
    seqs[0] = seq;
    int p = 0;
    for (int i = 1; i < count; i++) {
      long gap = 0;
      int shift = 0;
      byte b;
      do {
        b = gaps[p++];
        gap |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      seq += gap;
      seqs[i] = seq;
    }
    return seqs;
  }
}
