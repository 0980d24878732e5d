package org.learntrace.sdk;

import java.util.Map;

/**
 * The pipeline's self-metrics at one instant, from {@link LearnTrace#metrics()}; also logged
 * through SLF4J (logger {@code org.learntrace.sdk.metrics}) and bound to Micrometer when present.
 * Counters count since start; {@code queued} and {@code outboxBytes} are current values.
 *
 * @param accepted events accepted by {@code track()} into the queue
 * @param filtered events not recorded, by reason
 * @param stored records written to the outbox (one per event and destination)
 * @param queued records in the outbox not yet resolved by their destination
 * @param sent records accepted by a sink
 * @param retried record deliveries that were retried (a batch of n retried counts n)
 * @param deadLettered records rejected by a sink and moved to the dead-letter store
 * @param dropped events or records lost, by reason
 * @param redacted never-send values removed, by category
 * @param deliveryLatencyCount deliveries measured for latency
 * @param deliveryLatencyMeanMillis mean time from receipt to acceptance by a sink
 * @param deliveryLatencyMaxMillis longest such time
 * @param outboxBytes bytes of outbox segments on disk
 * @param circuits each destination's circuit-breaker state: {@code closed}, {@code open} or {@code half-open}
 */
public record MetricsSnapshot(
    long accepted,
    Map<FilterReason, Long> filtered,
    long stored,
    long queued,
    long sent,
    long retried,
    long deadLettered,
    Map<DropReason, Long> dropped,
    Map<String, Long> redacted,
    long deliveryLatencyCount,
    double deliveryLatencyMeanMillis,
    long deliveryLatencyMaxMillis,
    long outboxBytes,
    Map<String, String> circuits) {

  public MetricsSnapshot {
    filtered = Map.copyOf(filtered);
    dropped = Map.copyOf(dropped);
    redacted = Map.copyOf(redacted);
    circuits = Map.copyOf(circuits);
  }

  /** Events filtered for {@code reason}. */
  public long filtered(FilterReason reason) {
    return filtered.getOrDefault(reason, 0L);
  }

  /** Events or records dropped for {@code reason}. */
  public long dropped(DropReason reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  /** All drops. */
  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
