package org.learntrace.sdk.internal;

import java.time.Clock;
import java.util.Objects;
import org.learntrace.sdk.AnalyticsPolicy.FamilyRule;
import org.learntrace.sdk.AnalyticsPolicy.Mode;
import org.learntrace.sdk.EventFamily;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;

/**
 * The caller's-thread half of {@code track()}: policy, consent, sampling and routing, then a hand-off
 * to the outbox queue. No I/O and no lock beyond the queue's.
 */
public final class Pipeline implements Tracker {
  /** Answers whether a person has consent for a scope at a minimum version. */
  public interface ConsentCheck {
    boolean permits(Person person, String scope, int minVersion);
  }

  private final PolicyStore policies;
  private final Outbox outbox;
  private final SelfMetrics metrics;
  private final Clock clock;
  private final Sampler sampler;
  private volatile ConsentCheck consent = (p, s, v) -> false;
  private volatile boolean open = true;

  public Pipeline(PolicyStore policies, Outbox outbox, SelfMetrics metrics, Clock clock, long seed) {
    this.policies = policies;
    this.outbox = outbox;
    this.metrics = metrics;
    this.clock = clock;
    this.sampler = new Sampler(seed);
  }

  public void consent(ConsentCheck check) {
    this.consent = check;
  }

  /** Stops accepting events; later calls are filtered as {@link FilterReason#DISABLED}. */
  public void shutdown() {
    open = false;
  }

  @Override
  public Receipt track(LearningEvent event) {
    Objects.requireNonNull(event, "event");
    if (!open) {
      return filtered(FilterReason.DISABLED);
    }
    ResolvedPolicy policy = policies.resolve(event.module());
    EventFamily family = event.family();
    if (family != EventFamily.CONSENT) {
      FamilyRule rule = policy.family(family);
      if (rule.mode() == Mode.OFF) {
        return filtered(FilterReason.POLICY_OFF);
      }
      if (policy.consent.required() && !allConsented(event, policy)) {
        return filtered(FilterReason.NO_CONSENT);
      }
      if (rule.mode() == Mode.SAMPLED && !sampler.keep(event, rule)) {
        return filtered(FilterReason.SAMPLED_OUT);
      }
    }
    String[] destinations = policy.destinations(family);
    if (destinations.length == 0) {
      return filtered(FilterReason.NO_DESTINATION);
    }
    long receivedAt = event.occurrence().receivedAt() != null ? event.occurrence().receivedAt().toEpochMilli() : clock.millis();
    return outbox.enqueue(new PendingEvent(event, destinations, receivedAt, policy.level, outbox.acks()));
  }

  private boolean allConsented(LearningEvent event, ResolvedPolicy policy) {
    ConsentCheck check = consent;
    for (Person p : event.subjects()) {
      if (!check.permits(p, policy.consent.scope(), policy.consent.minVersion())) {
        return false;
      }
    }
    return true;
  }

  private Receipt filtered(FilterReason reason) {
    metrics.filtered(reason);
    return Receipt.filtered(reason);
  }
}
