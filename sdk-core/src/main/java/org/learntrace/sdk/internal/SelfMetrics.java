package org.learntrace.sdk.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.learntrace.sdk.DropReason;
import org.learntrace.sdk.FilterReason;
import org.learntrace.sdk.MetricsSnapshot;

/** Lock-free counters behind {@link MetricsSnapshot}. */
public final class SelfMetrics implements EventCodec.RedactionCounter {
  final LongAdder accepted = new LongAdder();
  final LongAdder stored = new LongAdder();
  final AtomicLong queued = new AtomicLong();
  final LongAdder sent = new LongAdder();
  final LongAdder retried = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder latencyCount = new LongAdder();
  final LongAdder latencySum = new LongAdder();
  final AtomicLong latencyMax = new AtomicLong();
  private final EnumMap<FilterReason, LongAdder> filtered = new EnumMap<>(FilterReason.class);
  private final EnumMap<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
  private final EnumMap<NeverSend.Category, LongAdder> redacted = new EnumMap<>(NeverSend.Category.class);
  private final Map<String, Supplier<String>> circuits = new ConcurrentHashMap<>();
  private volatile Supplier<Long> outboxBytes = () -> 0L;

  public SelfMetrics() {
    for (FilterReason r : FilterReason.values()) {
      filtered.put(r, new LongAdder());
    }
    for (DropReason r : DropReason.values()) {
      dropped.put(r, new LongAdder());
    }
    for (NeverSend.Category c : NeverSend.Category.values()) {
      redacted.put(c, new LongAdder());
    }
  }

  public void filtered(FilterReason r) {
    filtered.get(r).increment();
  }

  public void dropped(DropReason r, long n) {
    dropped.get(r).add(n);
  }

  @Override
  public void redacted(NeverSend.Category c) {
    redacted.get(c).increment();
  }

  void latency(long millis) {
    latencyCount.increment();
    latencySum.add(millis);
    latencyMax.accumulateAndGet(millis, Math::max);
  }

  void outboxBytes(Supplier<Long> s) {
    outboxBytes = s;
  }

  void circuit(String destination, Supplier<String> state) {
    circuits.put(destination, state);
  }

  public MetricsSnapshot snapshot() {
    Map<FilterReason, Long> f = new EnumMap<>(FilterReason.class);
    filtered.forEach((k, v) -> f.put(k, v.sum()));
    Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
    dropped.forEach((k, v) -> d.put(k, v.sum()));
    Map<String, Long> r = new LinkedHashMap<>();
    redacted.forEach((k, v) -> r.put(k.name(), v.sum()));
    Map<String, String> c = new LinkedHashMap<>();
    circuits.forEach((k, v) -> c.put(k, v.get()));
    long n = latencyCount.sum();
    return new MetricsSnapshot(
        accepted.sum(), f, stored.sum(), queued.get(), sent.sum(), retried.sum(), deadLettered.sum(), d, r,
        n, n == 0 ? 0 : (double) latencySum.sum() / n, latencyMax.get(), outboxBytes.get(), c);
  }
}
