package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.StatementPage;
import org.learntrace.lrs.spi.StatementQuery;
import org.learntrace.lrs.spi.StoredStatement;

/**
 * One page of a statement query as SQL over the statement and index tables: each filter is a
 * lookup in the index bounded by the sequence range that since/until/the cursor translate to.
 */
final class StatementPages {
  private StatementPages() {}

  static StatementPage page(Connection c, StatementQuery q, long consistentThrough) throws SQLException {
    // Statement writes are serialised and stamp stored = max(now, last stored), so stored never
    // decreases along seq: since/until become a seq range that the index lookups are bounded by.
    Long fromSeq = null;
    Long toSeq = null;
    if (q.sinceMillis() != null) {
      fromSeq = boundarySeq(c, "SELECT seq FROM lrs_statement WHERE stored > ? ORDER BY stored, seq LIMIT 1", q.sinceMillis());
      if (fromSeq == null) {
        return new StatementPage(List.of(), null, consistentThrough);
      }
    }
    if (q.untilMillis() != null) {
      toSeq = boundarySeq(c, "SELECT seq FROM lrs_statement WHERE stored <= ? ORDER BY stored DESC, seq DESC LIMIT 1",
          q.untilMillis());
      if (toSeq == null) {
        return new StatementPage(List.of(), null, consistentThrough);
      }
    }
    if (q.cursor() != null) {
      if (q.ascending()) {
        fromSeq = fromSeq == null ? q.cursor() + 1 : Math.max(fromSeq, q.cursor() + 1);
      } else {
        toSeq = toSeq == null ? q.cursor() - 1 : Math.min(toSeq, q.cursor() - 1);
      }
    }
    StringBuilder range = new StringBuilder();
    List<Object> rangeArgs = new ArrayList<>();
    if (fromSeq != null) {
      range.append(" AND %1$s.seq >= ?");
      rangeArgs.add(fromSeq);
    }
    if (toSeq != null) {
      range.append(" AND %1$s.seq <= ?");
      rangeArgs.add(toSeq);
    }
    StringBuilder sql = new StringBuilder("SELECT s.seq, s.json, s.stored FROM lrs_statement s WHERE s.voided = FALSE");
    List<Object> args = new ArrayList<>();
    for (List<IndexEntry> filter : List.of(q.agent(), q.verb(), q.activity(), q.registration(), q.authority())) {
      if (filter.isEmpty()) {
        continue;
      }
      sql.append(" AND s.seq IN (SELECT i.seq FROM lrs_statement_index i WHERE i.h IN (")
          .append("?,".repeat(filter.size() - 1)).append("?)").append(String.format(range.toString(), "i")).append(")");
      for (IndexEntry e : filter) {
        args.add(e.digest());
      }
      args.addAll(rangeArgs);
    }
    sql.append(String.format(range.toString(), "s"));
    args.addAll(rangeArgs);
    if (q.sinceMillis() != null) {
      sql.append(" AND s.stored > ?");
      args.add(q.sinceMillis());
    }
    if (q.untilMillis() != null) {
      sql.append(" AND s.stored <= ?");
      args.add(q.untilMillis());
    }
    sql.append(" ORDER BY s.seq ").append(q.ascending() ? "ASC" : "DESC").append(" LIMIT ?");
    args.add(q.limit() + 1);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<StoredStatement> out = new ArrayList<>();
      Long next = null;
      long lastSeqSeen = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (out.size() == q.limit()) {
            next = lastSeqSeen;
            break;
          }
          lastSeqSeen = rs.getLong(1);
          out.add(new StoredStatement(rs.getString(2), rs.getLong(3), false));
        }
      }
      return new StatementPage(out, next, consistentThrough);
    }
  }

  private static Long boundarySeq(Connection c, String sql, long millis) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, millis);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }
}
