package org.learntrace.research.engagement;

import java.util.Arrays;

/**
 * A union of closed intervals on the real line, kept sorted and disjoint; intervals that overlap
 * or lie within {@code joinGap} of each other are merged. Memory is proportional to the number of
 * disjoint intervals, not to the number added, and the result does not depend on the order in
 * which intervals arrive.
 *
 * <p>Used with gap 0 for the union of video {@code played-segments}, and with a 30-minute gap on
 * event times for sessions (a session ends after more than 30 idle minutes).
 */
public final class IntervalSet {
  private final double joinGap;
  private double[] lo = new double[4];
  private double[] hi = new double[4];
  private int size;

  /** An empty set that merges intervals closer than {@code joinGap}. */
  public IntervalSet(double joinGap) {
    if (!(joinGap >= 0)) {
      throw new IllegalArgumentException("joinGap must be >= 0, got " + joinGap);
    }
    this.joinGap = joinGap;
  }

  /** Adds {@code [a, b]} (a point when a == b); reversed bounds are swapped. */
  public void add(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      throw new IllegalArgumentException("interval bounds must be numbers, got [" + a + ", " + b + "]");
    }
    double start = Math.min(a, b);
    double end = Math.max(a, b);
    // first interval whose end (+gap) reaches start
    int i = 0;
    int loIdx = 0;
    int hiIdx = size;
    while (loIdx < hiIdx) {
      int mid = (loIdx + hiIdx) >>> 1;
      if (hi[mid] + joinGap < start) {
        loIdx = mid + 1;
      } else {
        hiIdx = mid;
      }
    }
    i = loIdx;
    int j = i;
    while (j < size && lo[j] - joinGap <= end) {
      start = Math.min(start, lo[j]);
      end = Math.max(end, hi[j]);
      j++;
    }
    int removed = j - i;
    if (removed == 0) {
      if (size == lo.length) {
        lo = Arrays.copyOf(lo, size * 2);
        hi = Arrays.copyOf(hi, size * 2);
      }
      System.arraycopy(lo, i, lo, i + 1, size - i);
      System.arraycopy(hi, i, hi, i + 1, size - i);
      size++;
    } else if (removed > 1) {
      System.arraycopy(lo, j, lo, i + 1, size - j);
      System.arraycopy(hi, j, hi, i + 1, size - j);
      size -= removed - 1;
    }
    lo[i] = start;
    hi[i] = end;
  }

  /** Disjoint intervals held. */
  public int size() {
    return size;
  }

  /** Total length covered. */
  public double length() {
    double sum = 0;
    for (int k = 0; k < size; k++) {
      sum += hi[k] - lo[k];
    }
    return sum;
  }

  /** Start of interval {@code k} (sorted). */
  public double start(int k) {
    return lo[k];
  }

  /** End of interval {@code k}. */
  public double end(int k) {
    return hi[k];
  }

  /**
   * Adds every segment of an xAPI Video Profile {@code played-segments} string, such as
   * {@code "0[.]95.4[,]80[.]150"}.
   *
   * @throws IllegalArgumentException naming the segment when the string is malformed
   */
  public void addPlayedSegments(String segments) {
    PlayedSegments.forEach(segments, this::add);
  }
}
