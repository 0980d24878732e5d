package org.learntrace.xapi;

import java.util.List;

/** A statement broke one or more rules; {@link #violations()} lists them all. */
public final class XapiValidationException extends IllegalArgumentException {
  private final transient List<Violation> violations;

  /** An exception listing {@code violations}, which must not be empty. */
  public XapiValidationException(List<Violation> violations) {
    super(message(violations));
    this.violations = List.copyOf(violations);
  }

  /** Every violation found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(List<Violation> violations) {
    StringBuilder b = new StringBuilder("invalid xAPI statement (").append(violations.size()).append(violations.size() == 1 ? " violation)" : " violations)");
    for (Violation v : violations) {
      b.append("\n  ").append(v);
    }
    return b.toString();
  }
}
