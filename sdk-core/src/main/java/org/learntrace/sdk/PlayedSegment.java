package org.learntrace.sdk;

/**
 * One interval of a video that was played, in seconds; the union of these gives watch time.
 *
 * @param start where playing started
 * @param end where it stopped; not before {@code start}
 */
public record PlayedSegment(double start, double end) {

  public PlayedSegment {
    if (!(start >= 0) || !(end >= start)) {
      throw new IllegalArgumentException("played segment must have 0 <= start <= end, was " + start + "[.]" + end);
    }
  }
}
