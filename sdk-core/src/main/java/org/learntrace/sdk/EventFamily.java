package org.learntrace.sdk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The unit a course designer's policy switches on, off or samples. Each event type belongs to
 * exactly one family; its policy name is the lower-case, hyphenated constant name (for example
 * {@code video-progress}).
 */
public enum EventFamily {
  MODULE_LIFECYCLE,
  VIDEO,
  /** The periodic progress heartbeat of a video player; usually sampled by interval. */
  VIDEO_PROGRESS,
  QUIZ,
  COMMUNITY,
  ATTENDANCE,
  SUPPORT_VISIT,
  SURVEY,
  ASSESSMENT,
  OBSERVATION,
  /** Consent withdrawals: never filtered, always routed to every destination. */
  CONSENT;

  /** The name used in policy files, e.g. {@code video-progress}. */
  @JsonValue
  public String policyName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The family with that policy name; for policy files, where an unknown name is an error. */
  @JsonCreator
  public static EventFamily parse(String name) {
    EventFamily f = fromPolicyName(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown event family '" + name + "'");
    }
    return f;
  }

  /** The family with that policy name, or null. */
  public static EventFamily fromPolicyName(String name) {
    for (EventFamily f : values()) {
      if (f.policyName().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
