package org.learntrace.xapi.mapping;

import org.learntrace.sdk.TrackedEvent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiVersion;

/**
 * Turns an event read back from the outbox into the xAPI statement a destination stores. The
 * statement's id is the event's id, so a redelivered event is the same statement and an LRS stores
 * it once; the same event always gives the same statement.
 */
@FunctionalInterface
public interface StatementMapping {
  /**
   * The statement for {@code event}, valid for {@code version}.
   *
   * @throws IllegalArgumentException if the event cannot be represented (the sink dead-letters it)
   */
  Statement toStatement(TrackedEvent event, XapiVersion version);

  /**
   * Whether {@link #toStatement} already checks every statement with {@code StatementValidator}
   * (refusing an invalid one with an {@code IllegalArgumentException}), so that a sink need not
   * check it again. Default false: the sink validates each statement before sending it.
   */
  default boolean validatesStatements() {
    return false;
  }
}
