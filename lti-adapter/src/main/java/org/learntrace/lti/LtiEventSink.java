package org.learntrace.lti;

/**
 * Outbound port for research instrumentation: receives every launch, deep-link selection and score
 * the tool or platform sees. The host bridges it to its tracker (for LearnTrace, sdk-core's
 * {@code Tracker}). Called on the request thread: implementations must not block on the network.
 */
@FunctionalInterface
public interface LtiEventSink {
  /** A sink that drops everything: the default. */
  LtiEventSink NOOP = event -> { };

  void accept(LtiEvent event);
}
