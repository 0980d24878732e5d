package org.learntrace.research.engagement;

import java.util.Arrays;

/**
 * One {@link IntervalSet} per row of a table, in primitive columns instead of an object and two
 * arrays per row: the same union, merged with the same arithmetic in the same order, at a fraction
 * of the memory. Most sets hold one interval (a day's watching, a video played through), so the
 * first interval lives in two {@code double} columns and only a set of two or more gets an array
 * of interleaved bounds ({@code lo0, hi0, lo1, hi1, …}). A row may be absent (never touched),
 * present and empty, or hold intervals.
 *
 * <p>Not thread-safe.
 */
final class IntervalColumn {
  private final double joinGap;
  /** The single interval of a row holding one. */
  private double[] lo = new double[16];
  private double[] hi = new double[16];
  /** 0: absent; otherwise 1 + the number of intervals. */
  private int[] sizes = new int[16];
  /** The intervals of a row holding two or more (with room to grow). */
  private double[][] many = new double[16][];
  private final Segments segments = new Segments();

  /** A column whose sets merge intervals closer than {@code joinGap}. */
  IntervalColumn(double joinGap) {
    this.joinGap = joinGap;
  }

  /** Makes room for rows {@code 0..rows-1}. */
  void ensure(int rows) {
    if (rows > sizes.length) {
      int n = Math.max(rows, EngagementTables.grow(sizes.length));
      lo = Arrays.copyOf(lo, n);
      hi = Arrays.copyOf(hi, n);
      sizes = Arrays.copyOf(sizes, n);
      many = Arrays.copyOf(many, n);
    }
  }

  /** Whether the row's set exists (it was touched or had an interval added). */
  boolean present(int row) {
    return sizes[row] != 0;
  }

  /** Makes the row's set exist, empty if it did not. */
  void touch(int row) {
    if (sizes[row] == 0) {
      sizes[row] = 1;
    }
  }

  /** Disjoint intervals in the row's set. */
  int size(int row) {
    return Math.max(0, sizes[row] - 1);
  }

  /** Start of interval {@code k} of the row (sorted). */
  double start(int row, int k) {
    return sizes[row] == 2 ? lo[row] : many[row][2 * k];
  }

  /** End of interval {@code k} of the row. */
  double end(int row, int k) {
    return sizes[row] == 2 ? hi[row] : many[row][2 * k + 1];
  }

  /** Total length covered by the row's set, summed in order as {@link IntervalSet#length()}. */
  double length(int row) {
    int size = size(row);
    if (size == 1) {
      return 0 + (hi[row] - lo[row]);
    }
    double[] s = many[row];
    double sum = 0;
    for (int k = 0; k < size; k++) {
      sum += s[2 * k + 1] - s[2 * k];
    }
    return sum;
  }

  /** As {@link IntervalSet#add} on the row's set. */
  void add(int row, double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      throw new IllegalArgumentException("interval bounds must be numbers, got [" + a + ", " + b + "]");
    }
    double start = Math.min(a, b);
    double end = Math.max(a, b);
    int size = size(row);
    if (size == 0) {
      lo[row] = start;
      hi[row] = end;
      sizes[row] = 2;
      return;
    }
    if (size == 1) {
      // IntervalSet.add's search and merge, written out for one interval
      double l = lo[row];
      double h = hi[row];
      if (h + joinGap < start) {
        many[row] = new double[] {l, h, start, end};
        sizes[row] = 3;
      } else if (l - joinGap <= end) {
        lo[row] = Math.min(start, l);
        hi[row] = Math.max(end, h);
      } else {
        many[row] = new double[] {start, end, l, h};
        sizes[row] = 3;
      }
      return;
    }
    double[] s = many[row];
    // first interval whose end (+gap) reaches start
    int loIdx = 0;
    int hiIdx = size;
    while (loIdx < hiIdx) {
      int mid = (loIdx + hiIdx) >>> 1;
      if (s[2 * mid + 1] + joinGap < start) {
        loIdx = mid + 1;
      } else {
        hiIdx = mid;
      }
    }
    int i = loIdx;
    int j = i;
    while (j < size && s[2 * j] - joinGap <= end) {
      start = Math.min(start, s[2 * j]);
      end = Math.max(end, s[2 * j + 1]);
      j++;
    }
    int removed = j - i;
    if (removed == 0) {
      if (2 * size == s.length) {
        s = Arrays.copyOf(s, s.length < 8 ? s.length * 2 : s.length + (s.length >> 2 << 1));
        many[row] = s;
      }
      System.arraycopy(s, 2 * i, s, 2 * i + 2, 2 * (size - i));
      size++;
    } else if (removed > 1) {
      System.arraycopy(s, 2 * j, s, 2 * i + 2, 2 * (size - j));
      size -= removed - 1;
    }
    s[2 * i] = start;
    s[2 * i + 1] = end;
    if (size == 1) {
      lo[row] = start;
      hi[row] = end;
      many[row] = null;
    }
    sizes[row] = size + 1;
  }

  /** Adds every interval of {@code other}'s row {@code otherRow} (making the row present if that one is). */
  void addAll(int row, IntervalColumn other, int otherRow) {
    if (!other.present(otherRow)) {
      return;
    }
    touch(row);
    for (int k = 0; k < other.size(otherRow); k++) {
      add(row, other.start(otherRow, k), other.end(otherRow, k));
    }
  }

  /** As {@link IntervalSet#addPlayedSegments} on the row's set. */
  void addPlayedSegments(int row, String playedSegments) {
    segments.row = row;
    PlayedSegments.forEach(playedSegments, segments);
  }

  private final class Segments implements PlayedSegments.Sink {
    int row;

    @Override
    public void add(double from, double to) {
      IntervalColumn.this.add(row, from, to);
    }
  }
}
