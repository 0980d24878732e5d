package org.learntrace.lrs.spi;

import java.util.UUID;

/** A statement id is already stored with different content (xAPI: 409 Conflict). */
public final class StatementConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final UUID id;

  public StatementConflictException(UUID id) {
    super("statement " + id + " is already stored with different content");
    this.id = id;
  }

  /** The conflicting id. */
  public UUID id() {
    return id;
  }
}
