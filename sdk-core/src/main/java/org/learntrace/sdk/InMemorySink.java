package org.learntrace.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A sink that keeps what it receives in memory, for tests and benchmarks. It can be told to be
 * unavailable (answering retry-later, like an LRS that is down) and to reject any batch holding a
 * matching record (answering for the whole batch, like an LRS answering 400). Thread-safe.
 */
public final class InMemorySink implements Sink {
  private final String name;
  private final boolean retain;
  private final List<TrackedEvent> received = new ArrayList<>();
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong calls = new AtomicLong();
  private volatile boolean available = true;
  private volatile Duration retryAfter;
  private volatile Predicate<TrackedEvent> rejectWhen = e -> false;

  /** A sink that keeps every event it receives. */
  public InMemorySink(String name) {
    this(name, true);
  }

  /**
   * A sink named {@code name}.
   *
   * @param retain whether to keep the events (false: only count them, for benchmarks)
   */
  public InMemorySink(String name, boolean retain) {
    this.name = Objects.requireNonNull(name, "name");
    this.retain = retain;
  }

  @Override
  public String name() {
    return name;
  }

  /** While false, every delivery answers retry-later with {@code retryAfter} (may be null). */
  public void setAvailable(boolean available, Duration retryAfter) {
    this.retryAfter = retryAfter;
    this.available = available;
  }

  /** Rejects, as a whole, every batch that holds a record matching {@code predicate}. */
  public void rejectWhen(Predicate<TrackedEvent> predicate) {
    this.rejectWhen = Objects.requireNonNull(predicate, "predicate");
  }

  @Override
  public DeliveryResult deliver(List<TrackedEvent> batch) {
    calls.incrementAndGet();
    if (!available) {
      return DeliveryResult.retryLater(retryAfter, "sink " + name + " unavailable");
    }
    for (TrackedEvent e : batch) {
      if (rejectWhen.test(e)) {
        return DeliveryResult.rejected("record " + e.id() + " is invalid");
      }
    }
    if (retain) {
      synchronized (received) {
        received.addAll(batch);
      }
    }
    count.addAndGet(batch.size());
    return DeliveryResult.accepted();
  }

  /** What was accepted, in order of acceptance (empty if not retaining). */
  public List<TrackedEvent> received() {
    synchronized (received) {
      return new ArrayList<>(received);
    }
  }

  /** How many records were accepted. */
  public long count() {
    return count.get();
  }

  /** How many times {@link #deliver} was called. */
  public long deliveries() {
    return calls.get();
  }
}
