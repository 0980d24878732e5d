package org.learntrace.lti;

import java.util.Objects;

/**
 * A launch, login, service call or signature that LTI rules reject.
 *
 * <p>{@link #rule()} is a stable, machine-readable name of the rule that failed (for example
 * {@code "nonce_replayed"} or {@code "aud_mismatch"}); {@link #getMessage()} names the field and,
 * where it is not personal, the offending value. Messages never contain names, e-mail addresses or
 * pictures from claims. {@link #httpStatus()} is the status a JAX-RS resource answers with.
 */
public final class LtiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final int httpStatus;

  public LtiException(String rule, String message) {
    this(rule, message, 400, null);
  }

  public LtiException(String rule, String message, int httpStatus, Throwable cause) {
    super(rule + ": " + message, cause);
    this.rule = Objects.requireNonNull(rule, "rule");
    this.httpStatus = httpStatus;
  }

  static LtiException unauthorized(String rule, String message) {
    return new LtiException(rule, message, 401, null);
  }

  static LtiException forbidden(String rule, String message) {
    return new LtiException(rule, message, 403, null);
  }

  static LtiException notFound(String rule, String message) {
    return new LtiException(rule, message, 404, null);
  }

  /** The rule that failed, e.g. {@code "state_mismatch"}. */
  public String rule() {
    return rule;
  }

  /** The HTTP status an endpoint answers with for this failure. */
  public int httpStatus() {
    return httpStatus;
  }
}
