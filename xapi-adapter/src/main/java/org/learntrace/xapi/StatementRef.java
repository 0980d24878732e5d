package org.learntrace.xapi;

import java.util.UUID;

/**
 * A reference to another statement by id, as the object of a voiding statement or in {@code
 * context.statement}.
 *
 * @param id the referenced statement's id; required
 */
public record StatementRef(UUID id) implements StatementObject {
  /** A reference to the statement with this id. */
  public static StatementRef of(UUID id) {
    return new StatementRef(id);
  }

  @Override
  public String objectType() {
    return "StatementRef";
  }
}
