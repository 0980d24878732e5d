package org.learntrace.xapi;

/**
 * A score. Every component is optional; {@code scaled} lies in [-1, 1], {@code raw} between {@code
 * min} and {@code max}, and {@code min} below {@code max} (the validator checks).
 *
 * @param scaled the score scaled to [-1, 1], or null
 * @param raw the raw score, or null
 * @param min the lowest possible raw score, or null
 * @param max the highest possible raw score, or null
 */
public record Score(Double scaled, Double raw, Double min, Double max) {
  /** A scaled score only. */
  public static Score scaled(double scaled) {
    return new Score(scaled, null, null, null);
  }

  /** A raw score with its range, and the scaled score derived from them ({@code raw / max}). */
  public static Score of(double raw, double min, double max) {
    return new Score(max > 0 ? raw / max : null, raw, min, max);
  }
}
