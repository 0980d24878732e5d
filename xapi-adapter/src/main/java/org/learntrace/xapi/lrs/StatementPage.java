package org.learntrace.xapi.lrs;

import java.util.List;
import org.learntrace.xapi.Statement;

/**
 * One page of a statement query as an LRS answered it.
 *
 * @param statements the statements
 * @param more the link to the next page, or null on the last
 * @param consistentThrough the LRS's {@code X-Experience-API-Consistent-Through} header, or null:
 *     statements stored before it are all visible to queries
 */
public record StatementPage(List<Statement> statements, String more, String consistentThrough) {
  /** Copies the list. */
  public StatementPage {
    statements = List.copyOf(statements);
  }
}
