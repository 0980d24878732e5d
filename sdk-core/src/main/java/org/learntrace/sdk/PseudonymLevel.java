package org.learntrace.sdk;

/**
 * How people are identified in what leaves the platform, set per course or module by the policy.
 * School codes and class ids are pseudonymised at every level but {@code ANONYMISED}, where they
 * are removed; the never-send list applies at every level.
 */
public enum PseudonymLevel {
  /** Keyed per-destination pseudonyms (the default). */
  PSEUDONYMISED,
  /** Every person becomes the constant id {@code anonymous}; schools and classes are removed. */
  ANONYMISED,
  /** Local ids in clear, for a platform's own store; only when a policy says so explicitly. */
  IDENTIFIED
}
