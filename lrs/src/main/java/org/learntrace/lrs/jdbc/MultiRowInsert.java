package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An INSERT of {@code width} columns, written as multi-row {@code VALUES} statements of up to
 * {@value #ROWS_PER_INSERT} rows: H2 runs each row of a JDBC batch as its own statement, so rows
 * are packed into one statement instead.
 *
 * @param width the number of columns per row
 * @param sql the statement for {@code r} rows at index {@code r}
 */
record MultiRowInsert(int width, String[] sql) {
  static final int ROWS_PER_INSERT = 50;

  /** Binds the parameters of one row, starting at parameter {@code first}. */
  @FunctionalInterface
  interface RowBinder {
    void bind(PreparedStatement ps, int first, int row) throws SQLException;
  }

  static MultiRowInsert of(String head, String row, int width) {
    return of(head, row, width, "");
  }

  /** As {@link #of(String, String, int)}, with {@code tail} after the rows (e.g. an ON CONFLICT clause). */
  static MultiRowInsert of(String head, String row, int width, String tail) {
    String[] sql = new String[ROWS_PER_INSERT + 1];
    for (int r = 1; r <= ROWS_PER_INSERT; r++) {
      sql[r] = head + " VALUES " + (row + ", ").repeat(r - 1) + row + tail;
    }
    return new MultiRowInsert(width, sql);
  }

  /** Inserts {@code count} rows, bound by {@code binder}. */
  void insert(Connection c, int count, RowBinder binder) throws SQLException {
    int full = count / ROWS_PER_INSERT;
    int rest = count % ROWS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement ps = c.prepareStatement(sql[ROWS_PER_INSERT])) {
        for (int chunk = 0; chunk < full; chunk++) {
          for (int r = 0; r < ROWS_PER_INSERT; r++) {
            binder.bind(ps, 1 + r * width, chunk * ROWS_PER_INSERT + r);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (rest > 0) {
      try (PreparedStatement ps = c.prepareStatement(sql[rest])) {
        for (int r = 0; r < rest; r++) {
          binder.bind(ps, 1 + r * width, full * ROWS_PER_INSERT + r);
        }
        ps.executeUpdate();
      }
    }
  }
}
