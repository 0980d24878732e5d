package org.learntrace.sdk;

/** Why an event was not recorded. Counted in {@link MetricsSnapshot#filtered()}. */
public enum FilterReason {
  /** The policy switches the event's family off. */
  POLICY_OFF,
  /** The policy samples the family and this event was not selected. */
  SAMPLED_OUT,
  /** A subject of the event has no consent, or withdrew it. */
  NO_CONSENT,
  /** The policy routes the event's family to no configured destination. */
  NO_DESTINATION,
  /** Tracking is off: the no-op tracker, or the SDK was closed. */
  DISABLED
}
