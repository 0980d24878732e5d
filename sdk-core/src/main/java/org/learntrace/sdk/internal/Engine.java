package org.learntrace.sdk.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.DeadLetter;
import org.learntrace.sdk.MetricsSnapshot;
import org.learntrace.sdk.PolicyProblem;
import org.learntrace.sdk.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running pipeline behind a {@code LearnTrace}: outbox, dispatchers, policies, scheduler. */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final Logger METRICS_LOG = LoggerFactory.getLogger("org.learntrace.sdk.metrics");

  /** Everything the engine needs; validated by the public builder. */
  public record Settings(
      Outbox.Config outbox,
      List<Sink> sinks,
      Map<String, byte[]> destinationKeys,
      byte[] masterKey,
      String keyId,
      java.nio.file.Path policyDir,
      AnalyticsPolicy basePolicy,
      Duration policyPollInterval,
      int maxBatchSize,
      int maxBatchBytes,
      Duration maxBatchDelay,
      Duration initialBackoff,
      Duration maxBackoff,
      int breakerThreshold,
      Duration breakerOpen,
      long deadLetterMaxBytes,
      Duration metricsLogInterval,
      Clock clock,
      long seed) {}

  private final SelfMetrics metrics = new SelfMetrics();
  private final Outbox outbox;
  private final Pipeline pipeline;
  private final PolicyStore policies;
  private final DeadLetterStore deadLetters;
  private final List<Sink> sinks;
  private final List<Dispatcher> dispatchers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService scheduler;
  private boolean shutDown;

  public Engine(Settings s) throws IOException {
    this.sinks = List.copyOf(s.sinks());
    Map<String, Pseudonymizer> destinations = new LinkedHashMap<>();
    for (Sink sink : sinks) {
      String name = Lane.checkName(sink.name());
      if (destinations.containsKey(name)) {
        throw new IllegalArgumentException("two sinks are named " + name);
      }
      byte[] own = s.destinationKeys().get(name);
      destinations.put(name, own != null ? Pseudonymizer.withKey(own, s.keyId() + "/" + name)
          : Pseudonymizer.forDestination(s.masterKey(), s.keyId(), name));
    }
    Pseudonymizer idKey = Pseudonymizer.forDestination(s.masterKey(), s.keyId(), "learntrace/event-id");
    EventCodec codec = new EventCodec();
    this.policies = new PolicyStore(s.policyDir(), s.basePolicy(), destinations.keySet());
    policies.reload();
    this.deadLetters = new DeadLetterStore(s.outbox().dir().resolve("dead-letters"), s.deadLetterMaxBytes(), s.clock());
    this.outbox = Outbox.open(s.outbox(), destinations, idKey, codec, metrics);
    this.pipeline = new Pipeline(policies, outbox, metrics, s.clock(), s.seed());
    Dispatcher.Settings ds = new Dispatcher.Settings(s.maxBatchSize(), s.maxBatchBytes(), s.maxBatchDelay(),
        s.initialBackoff(), s.maxBackoff(), s.breakerThreshold(), s.breakerOpen());
    for (Sink sink : sinks) {
      Dispatcher d = new Dispatcher(outbox, outbox.lane(sink.name()), sink, ds, deadLetters, metrics, s.clock(), s.seed());
      Thread t = new Thread(d, "learntrace-dispatch-" + sink.name());
      t.setDaemon(true);
      dispatchers.add(d);
      threads.add(t);
      t.start();
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "learntrace-scheduler");
      t.setDaemon(true);
      return t;
    });
    if (s.policyDir() != null && !s.policyPollInterval().isZero()) {
      long ms = s.policyPollInterval().toMillis();
      scheduler.scheduleWithFixedDelay(this::pollPolicies, ms, ms, TimeUnit.MILLISECONDS);
    }
    if (!s.metricsLogInterval().isZero()) {
      long ms = s.metricsLogInterval().toMillis();
      scheduler.scheduleAtFixedRate(this::logMetrics, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private void pollPolicies() {
    try {
      policies.reload();
    } catch (RuntimeException e) {
      LOG.error("policy reload failed", e);
    }
  }

  private void logMetrics() {
    METRICS_LOG.info("{}", metrics.snapshot());
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public MetricsSnapshot metrics() {
    return metrics.snapshot();
  }


  public List<PolicyProblem> reloadPolicies() {
    return policies.reload();
  }

  public List<PolicyProblem> policyProblems() {
    return policies.problems();
  }

  public List<DeadLetter> deadLetters() throws IOException {
    return deadLetters.all();
  }

  /** Waits until everything tracked before the call is stored and resolved by every destination. */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!outbox.awaitWritten(timeout)) {
      return false;
    }
    return outbox.awaitResolved(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  /**
   * Stops accepting events, writes what is queued, delivers what it can until {@code timeout}, and
   * closes everything. What is not delivered stays in the outbox for the next start.
   *
   * @return whether everything was delivered
   */
  public synchronized boolean shutdown(Duration timeout) {
    if (shutDown) {
      return true;
    }
    shutDown = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    pipeline.shutdown();
    scheduler.shutdownNow();
    boolean complete = true;
    try {
      outbox.stopWriter(timeout);
      for (Dispatcher d : dispatchers) {
        d.stop(deadline);
      }
      for (Thread t : threads) {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      for (int i = 0; i < threads.size(); i++) {
        Thread t = threads.get(i);
        if (t.isAlive()) {
          complete = false;
          // Only a thread stuck in its sink is interrupted; the others stop at their next check.
          dispatchers.get(i).interruptSinkCall();
          t.join(1000);
        }
      }
      complete &= outbox.awaitResolved(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      complete = false;
    }
    for (Sink sink : sinks) {
      try {
        sink.close();
      } catch (Exception e) {
        LOG.warn("closing sink {} failed", sink.name(), e);
      }
    }
    try {
      outbox.close();
    } catch (IOException e) {
      LOG.error("closing the outbox failed", e);
      complete = false;
    }
    MetricsSnapshot m = metrics.snapshot();
    METRICS_LOG.info("shutdown ({}): {}", complete ? "all delivered" : m.queued() + " records stay in the outbox", m);
    return complete;
  }
}
