package org.learntrace.xapi.lrs;

import java.time.Duration;

/**
 * An LRS call that did not succeed: the HTTP status (or none, for a timeout or I/O failure), what
 * kind of failure it is, the LRS's own words, and for 429/503 how long it asked us to wait.
 */
public final class LrsException extends RuntimeException {
  /** What went wrong, in the terms a delivery policy acts on. */
  public enum Kind {
    /** 400: the request (a statement in it) is invalid; retrying the same request cannot help. */
    BAD_REQUEST(false),
    /** 401: credentials missing or wrong. */
    UNAUTHORIZED(false),
    /** 403: credentials lack the scope. */
    FORBIDDEN(false),
    /** 404. */
    NOT_FOUND(false),
    /** 409: a statement id already stored with other content, or a document edit conflict. */
    CONFLICT(false),
    /** 412: an If-Match / If-None-Match precondition failed. */
    PRECONDITION_FAILED(false),
    /** 413: the request is too large; split it. */
    PAYLOAD_TOO_LARGE(false),
    /** 429: slow down; see {@link #retryAfter()}. */
    TOO_MANY_REQUESTS(true),
    /** 5xx. */
    SERVER_ERROR(true),
    /** No answer within the request timeout. */
    TIMEOUT(true),
    /** The connection failed or broke. */
    IO(true),
    /** The LRS answered 2xx with a body that is not what xAPI says it must be. */
    MALFORMED_RESPONSE(true),
    /** Any other status. */
    OTHER(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    static Kind of(int status) {
      return switch (status) {
        case 400 -> BAD_REQUEST;
        case 401 -> UNAUTHORIZED;
        case 403 -> FORBIDDEN;
        case 404 -> NOT_FOUND;
        case 409 -> CONFLICT;
        case 412 -> PRECONDITION_FAILED;
        case 413 -> PAYLOAD_TOO_LARGE;
        case 429 -> TOO_MANY_REQUESTS;
        default -> status >= 500 ? SERVER_ERROR : OTHER;
      };
    }
  }

  private final Kind kind;
  private final int status;
  private final String body;
  private final transient Duration retryAfter;

  LrsException(Kind kind, int status, String message, String body, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.body = body == null ? "" : body;
    this.retryAfter = retryAfter;
  }

  /** The kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The response body as text (the LRS's explanation), possibly empty. */
  public String body() {
    return body;
  }

  /** What the LRS asked in {@code Retry-After}, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether the same request may succeed later (429, 5xx, timeouts, broken connections). */
  public boolean isRetryable() {
    return kind.retryable;
  }
}
