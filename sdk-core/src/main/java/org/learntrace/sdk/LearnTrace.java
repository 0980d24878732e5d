package org.learntrace.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.learntrace.sdk.internal.Engine;

/**
 * The entry point: a running tracking pipeline — policy, pseudonyms, the durable outbox and one
 * dispatcher per sink. Build one per process and share its {@link #tracker()}.
 *
 * <pre>{@code
 * LearnTrace lt = LearnTrace.builder()
 *     .setOutboxDirectory(Path.of("/var/lib/platform/learntrace"))
 *     .setPseudonymKey("2026-a", keyBytes)
 *     .setPolicyDirectory(Path.of("/etc/platform/analytics-policies"))
 *     .addSink(new NdjsonFileSink("research", Path.of("/var/lib/platform/statements.ndjson")))
 *     .build();
 * lt.consent().grant(Person.teacher("t-42"), "research", 1);
 * lt.tracker().track(new VideoPlayed(Occurrence.at(now), Person.teacher("t-42"),
 *     CourseModule.of("ags", "m3"), "m3-video-1", sessionId, 12.5));
 * lt.close();   // flushes within the shutdown timeout; the rest waits in the outbox
 * }</pre>
 *
 * <p>{@link #noop()} records nothing and costs nothing; {@link #fromProperties} configures one the
 * way OpenTelemetry's autoconfigure does, from {@code learntrace.*} properties or
 * {@code LEARNTRACE_*} environment variables.
 */
public final class LearnTrace implements AutoCloseable {
  private static final LearnTrace NOOP = new LearnTrace(null, Duration.ZERO, java.time.Clock.systemUTC());

  private final Engine engine;
  private final Duration shutdownTimeout;
  private final ConsentRegistry consent;

  LearnTrace(Engine engine, Duration shutdownTimeout, java.time.Clock clock) {
    this.engine = engine;
    this.shutdownTimeout = shutdownTimeout;
    this.consent = new ConsentRegistry(tracker(), clock);
    if (engine != null) {
      engine.pipeline().consent(consent::permits);
    }
  }

  /** A builder, with the defaults its setters document. */
  public static LearnTraceBuilder builder() {
    return new LearnTraceBuilder();
  }

  /** An instance that records nothing: its tracker filters every event. */
  public static LearnTrace noop() {
    return NOOP;
  }

  /**
   * Builds from {@code learntrace.*} properties; see {@link LearnTraceBuilder#configure(Map)} for
   * the keys.
   */
  public static LearnTrace fromProperties(Properties properties) {
    return builder().configure(toMap(properties)).build();
  }

  /** Builds from {@code LEARNTRACE_*} environment variables (e.g. {@code LEARNTRACE_OUTBOX_DIR}). */
  public static LearnTrace fromEnvironment() {
    return builder().configure(LearnTraceBuilder.fromEnvironment(System.getenv())).build();
  }

  private static Map<String, String> toMap(Properties p) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k));
    }
    return m;
  }

  /** The tracker; thread-safe, share it. */
  public Tracker tracker() {
    return engine == null ? Tracker.noop() : engine.pipeline();
  }

  /** The consent registry the pipeline consults. */
  public ConsentRegistry consent() {
    return consent;
  }

  /** The self-metrics now. */
  public MetricsSnapshot metrics() {
    if (engine == null) {
      return new MetricsSnapshot(0, Map.of(), 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0, 0, 0, Map.of());
    }
    return engine.metrics();
  }

  /** Re-reads changed policy files now (they are also polled); returns the problems found. */
  public List<PolicyProblem> reloadPolicies() {
    return engine == null ? List.of() : engine.reloadPolicies();
  }

  /** The problems of the policy files currently rejected (their last good policy is in force). */
  public List<PolicyProblem> policyProblems() {
    return engine == null ? List.of() : engine.policyProblems();
  }

  /** The records destinations refused for good, with reasons. */
  public List<DeadLetter> deadLetters() {
    try {
      return engine == null ? List.of() : engine.deadLetters();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until every event tracked before the call is stored and resolved (accepted or
   * dead-lettered) by every destination it is routed to.
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    return engine == null || engine.flush(timeout);
  }

  /**
   * Stops tracking, writes what is queued, delivers what it can within {@code timeout} and closes
   * the sinks and the outbox. Undelivered records stay in the outbox and are delivered after the
   * next start.
   *
   * @return whether everything was delivered
   */
  public boolean shutdown(Duration timeout) {
    return engine == null || engine.shutdown(timeout);
  }

  /** {@link #shutdown} with the configured shutdown timeout. */
  @Override
  public void close() {
    shutdown(shutdownTimeout);
  }

}
