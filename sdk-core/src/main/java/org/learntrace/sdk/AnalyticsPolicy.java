package org.learntrace.sdk;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A course designer's analytics policy for one course, read from {@code <policy dir>/<course>.json}
 * and hot-reloaded. Module rules override the course defaults field by field (and family by family).
 *
 * <pre>{@code
 * { "course": "ags",
 *   "defaults": {
 *     "families": { "video-progress": { "mode": "sampled", "interval": "PT30S" }, "survey": "off" },
 *     "destinations": { "research-lrs": ["*"], "platform-lrs": ["module-lifecycle", "quiz"] },
 *     "consent": { "required": true, "scope": "research", "minVersion": 1 },
 *     "pseudonymisation": "pseudonymised" },
 *   "modules": { "m3": { "families": { "video": "off" } } } }
 * }</pre>
 *
 * @param course the course id; required
 * @param defaults the course-wide rules; null means none
 * @param modules per-module overrides, by module id
 */
public record AnalyticsPolicy(String course, Rules defaults, Map<String, Rules> modules) {

  public AnalyticsPolicy {
    if (course == null || course.isBlank()) {
      throw new IllegalArgumentException("course is required");
    }
    modules = modules == null ? Map.of() : Map.copyOf(modules);
  }

  /**
   * Rules for a course or module; any null part falls back to the enclosing level.
   *
   * @param families per family: on, off or sampled; absent families fall back
   * @param destinations destination name to the family names it receives ({@code "*"} for all)
   * @param consent whose consent is needed
   * @param pseudonymisation how people are identified
   */
  public record Rules(
      Map<EventFamily, FamilyRule> families,
      Map<String, List<String>> destinations,
      ConsentRule consent,
      PseudonymLevel pseudonymisation) {

    public Rules {
      families = families == null ? Map.of() : Map.copyOf(families);
      if (destinations != null) {
        for (Map.Entry<String, List<String>> d : destinations.entrySet()) {
          for (String f : d.getValue()) {
            if (!"*".equals(f) && EventFamily.fromPolicyName(f) == null) {
              throw new IllegalArgumentException("destinations." + d.getKey() + ": unknown event family '" + f + "'");
            }
          }
        }
        destinations = Map.copyOf(destinations);
      }
    }
  }

  /**
   * Whether a family is recorded.
   *
   * @param mode on, off or sampled
   * @param rate for sampled: the fraction kept, in (0, 1]
   * @param interval for sampled: keep at most one event per person and activity per interval
   *     (by device time), e.g. the video progress heartbeat
   */
  public record FamilyRule(Mode mode, Double rate, Duration interval) {
    public static final FamilyRule ON = new FamilyRule(Mode.ON, null, null);
    public static final FamilyRule OFF = new FamilyRule(Mode.OFF, null, null);

    @JsonCreator
    public FamilyRule {
      if (mode == null) {
        throw new IllegalArgumentException("mode is required: on, off or sampled");
      }
      if (mode == Mode.SAMPLED) {
        if (rate == null && interval == null) {
          throw new IllegalArgumentException("sampled needs a rate or an interval");
        }
        if (rate != null && !(rate > 0 && rate <= 1)) {
          throw new IllegalArgumentException("rate must be in (0, 1], was " + rate);
        }
        if (interval != null && (interval.isNegative() || interval.isZero())) {
          throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
      } else if (rate != null || interval != null) {
        throw new IllegalArgumentException("rate and interval apply only to mode sampled");
      }
    }

    /** {@code "on"} or {@code "off"}. */
    @JsonCreator
    public static FamilyRule of(String mode) {
      Mode m = Mode.parse(mode);
      if (m == Mode.SAMPLED) {
        throw new IllegalArgumentException("sampled needs an object with a rate or an interval");
      }
      return m == Mode.ON ? ON : OFF;
    }

    /** Sampled at {@code rate}. */
    public static FamilyRule sampled(double rate) {
      return new FamilyRule(Mode.SAMPLED, rate, null);
    }

    /** At most one per person and activity per {@code interval}. */
    public static FamilyRule every(Duration interval) {
      return new FamilyRule(Mode.SAMPLED, null, interval);
    }
  }

  /** Family modes; written in lower case in policy files. */
  public enum Mode {
    ON, OFF, SAMPLED;

    @JsonCreator
    public static Mode parse(String s) {
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(s)) {
          return m;
        }
      }
      throw new IllegalArgumentException("mode must be on, off or sampled, was '" + s + "'");
    }

    @JsonValue
    public String policyName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Consent required before anything about a person is recorded.
   *
   * @param required whether consent is needed at all
   * @param scope the scope consent must cover, e.g. {@code research}
   * @param minVersion the lowest consent-form version accepted
   */
  public record ConsentRule(boolean required, String scope, int minVersion) {
    public static final ConsentRule RESEARCH = new ConsentRule(true, "research", 1);
    public static final ConsentRule NONE = new ConsentRule(false, null, 0);

    public ConsentRule {
      if (required && (scope == null || scope.isBlank())) {
        throw new IllegalArgumentException("scope is required when consent is required");
      }
      if (minVersion < 0) {
        throw new IllegalArgumentException("minVersion must be >= 0, was " + minVersion);
      }
    }

    /**
     * The rule as a policy file states it: {@code minVersion} may be left out when consent is not
     * required ({@code {"required": false}}), but must be given when it is.
     */
    @JsonCreator
    static ConsentRule fromPolicy(@JsonProperty("required") Boolean required, @JsonProperty("scope") String scope,
        @JsonProperty("minVersion") Integer minVersion) {
      if (required == null) {
        throw new IllegalArgumentException("required is needed: true or false");
      }
      if (required && minVersion == null) {
        throw new IllegalArgumentException("minVersion is needed when consent is required: the lowest consent-form version accepted");
      }
      return new ConsentRule(required, scope, minVersion == null ? 0 : minVersion);
    }
  }
}
