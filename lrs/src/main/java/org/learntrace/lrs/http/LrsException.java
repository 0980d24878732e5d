package org.learntrace.lrs.http;

import java.util.List;
import java.util.Map;
import org.learntrace.xapi.Violation;

/** A request the LRS refuses, with the status to answer and what was wrong. */
public final class LrsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient List<Violation> violations;
  private final transient Map<String, String> headers;

  LrsException(int status, String message) {
    this(status, message, List.of(), Map.of());
  }

  LrsException(int status, String message, List<Violation> violations, Map<String, String> headers) {
    super(message);
    this.status = status;
    this.violations = List.copyOf(violations);
    this.headers = Map.copyOf(headers);
  }

  static LrsException badRequest(String message) {
    return new LrsException(400, message);
  }

  static LrsException invalid(String message, List<Violation> violations) {
    return new LrsException(400, message, violations, Map.of());
  }

  int status() {
    return status;
  }

  List<Violation> violations() {
    return violations;
  }

  Map<String, String> headers() {
    return headers;
  }
}
