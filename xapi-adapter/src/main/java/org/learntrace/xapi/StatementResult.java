package org.learntrace.xapi;

import java.util.List;

/**
 * One page of a statement query: the statements and, when there are more, the relative IRL of the
 * next page.
 *
 * @param statements the statements of this page; never null
 * @param more the IRL of the next page, or null on the last page
 */
public record StatementResult(List<Statement> statements, String more) {
  /** Copies the list; null becomes empty. */
  public StatementResult {
    statements = statements == null ? List.of() : List.copyOf(statements);
    if (more != null && more.isEmpty()) {
      more = null;
    }
  }

  /** Whether another page follows. */
  public boolean hasMore() {
    return more != null;
  }
}
