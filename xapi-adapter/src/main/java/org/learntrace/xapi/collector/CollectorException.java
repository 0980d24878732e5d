package org.learntrace.xapi.collector;

import java.time.Duration;
import java.util.List;

/** A request the collector refuses as a whole, with its HTTP status and what is wrong. */
final class CollectorException extends Exception {
  private static final long serialVersionUID = 1L;
  final int status;
  final transient List<ItemError> errors;
  final transient Duration retryAfter;

  CollectorException(int status, ItemError error) {
    this(status, List.of(error), null);
  }

  CollectorException(int status, List<ItemError> errors, Duration retryAfter) {
    super(status + ": " + errors);
    this.status = status;
    this.errors = List.copyOf(errors);
    this.retryAfter = retryAfter;
  }
}
