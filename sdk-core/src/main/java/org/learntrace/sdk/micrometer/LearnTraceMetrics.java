package org.learntrace.sdk.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.learntrace.sdk.DropReason;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.MetricsSnapshot;

/**
 * Binds a {@link LearnTrace}'s self-metrics to a Micrometer registry:
 * {@code new LearnTraceMetrics(learnTrace).bindTo(registry)}. Micrometer is an optional dependency
 * of sdk-core: this class is the only one that refers to it, so a platform without Micrometer
 * never loads it and pays nothing. Meters read {@link LearnTrace#metrics()} when scraped.
 */
public final class LearnTraceMetrics implements MeterBinder {
  private final LearnTrace learnTrace;

  public LearnTraceMetrics(LearnTrace learnTrace) {
    this.learnTrace = Objects.requireNonNull(learnTrace, "learnTrace");
  }

  /** Whether Micrometer is on the class path (for platforms that bind conditionally). */
  public static boolean micrometerPresent() {
    try {
      Class.forName("io.micrometer.core.instrument.MeterRegistry", false, LearnTraceMetrics.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "learntrace.events.accepted", MetricsSnapshot::accepted);
    counter(registry, "learntrace.records.stored", MetricsSnapshot::stored);
    counter(registry, "learntrace.records.sent", MetricsSnapshot::sent);
    counter(registry, "learntrace.records.retried", MetricsSnapshot::retried);
    counter(registry, "learntrace.records.dead_lettered", MetricsSnapshot::deadLettered);
    for (FilterReason r : FilterReason.values()) {
      FunctionCounter.builder("learntrace.events.filtered", learnTrace, lt -> lt.metrics().filtered(r))
          .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
    for (DropReason r : DropReason.values()) {
      FunctionCounter.builder("learntrace.dropped", learnTrace, lt -> lt.metrics().dropped(r))
          .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
    gauge(registry, "learntrace.outbox.queued", MetricsSnapshot::queued);
    gauge(registry, "learntrace.outbox.bytes", MetricsSnapshot::outboxBytes);
    gauge(registry, "learntrace.delivery.latency.mean.ms", MetricsSnapshot::deliveryLatencyMeanMillis);
    gauge(registry, "learntrace.delivery.latency.max.ms", MetricsSnapshot::deliveryLatencyMaxMillis);
  }

  private void counter(MeterRegistry registry, String name, ToDoubleFunction<MetricsSnapshot> f) {
    FunctionCounter.builder(name, learnTrace, lt -> f.applyAsDouble(lt.metrics())).register(registry);
  }

  private void gauge(MeterRegistry registry, String name, ToDoubleFunction<MetricsSnapshot> f) {
    Gauge.builder(name, learnTrace, lt -> f.applyAsDouble(lt.metrics())).register(registry);
  }
}
