package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.StatementPage;
import org.learntrace.lrs.spi.StatementQuery;
import org.learntrace.lrs.spi.StoredStatement;

/**
 * One page of a statement query. since/until/the cursor become a range of sequence numbers; a
 * query without filters reads that range of the statement table, one with filters intersects the
 * filters' posting lists within it (see {@link PostingCursor}) and reads the statements found.
 */
final class StatementPages {
  private static final int[] IN_WIDTHS = {1, 8, 32, 128, 512};

  private StatementPages() {}

  static StatementPage page(Connection c, StatementQuery q, long consistentThrough, long indexedThrough) throws SQLException {
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
    List<List<IndexEntry>> filters = new ArrayList<>();
    for (List<IndexEntry> filter : List.of(q.agent(), q.verb(), q.activity(), q.registration(), q.authority())) {
      if (!filter.isEmpty()) {
        filters.add(filter);
      }
    }
    List<StoredStatement> out = new ArrayList<>();
    Long next = filters.isEmpty()
        ? scan(c, q, fromSeq, toSeq, out)
        : lookUp(c, q, filters, fromSeq == null ? 1 : fromSeq, toSeq == null ? indexedThrough : Math.min(toSeq, indexedThrough), out);
    return new StatementPage(out, next, consistentThrough);
  }

  /** A query without filters: a range of the statement table. Returns the next cursor or null. */
  private static Long scan(Connection c, StatementQuery q, Long fromSeq, Long toSeq, List<StoredStatement> out)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT s.seq, s.json, s.stored FROM lrs_statement s WHERE s.voided = FALSE");
    List<Object> args = new ArrayList<>();
    if (fromSeq != null) {
      sql.append(" AND s.seq >= ?");
      args.add(fromSeq);
    }
    if (toSeq != null) {
      sql.append(" AND s.seq <= ?");
      args.add(toSeq);
    }
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
      long lastSeqSeen = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (out.size() == q.limit()) {
            return lastSeqSeen;
          }
          lastSeqSeen = rs.getLong(1);
          out.add(new StoredStatement(rs.getString(2), rs.getLong(3), false));
        }
      }
      return null;
    }
  }

  /**
   * A query with filters: the intersection of the filters' posting lists (each the union of its
   * entries' lists) within {@code [lo, hi]}, in the query's order, read statement by statement until
   * the page is full. Returns the next cursor or null.
   */
  private static Long lookUp(Connection c, StatementQuery q, List<List<IndexEntry>> filters, long lo, long hi,
      List<StoredStatement> out) throws SQLException {
    if (lo > hi) {
      return null;
    }
    boolean ascending = q.ascending();
    List<SeqCursor> all = new ArrayList<>();
    for (List<IndexEntry> filter : filters) {
      List<SeqCursor> any = new ArrayList<>();
      for (IndexEntry e : filter) {
        any.add(new PostingCursor(c, e.digest(), lo, hi, ascending));
      }
      all.add(SeqCursor.anyOf(any, ascending));
    }
    SeqCursor matches = SeqCursor.allOf(all);
    long target = ascending ? lo : hi;
    long lastSeqSeen = 0;
    long[] candidates = new long[q.limit() + 1];
    while (true) {
      // Voided statements are left out after the lookup, so a round may fall short: read again.
      int n = 0;
      for (long s; n < q.limit() + 1 - out.size() && (s = matches.seek(target)) != SeqCursor.END; n++) {
        candidates[n] = s;
        target = ascending ? s + 1 : s - 1;
      }
      if (n == 0) {
        return null;
      }
      Map<Long, StoredStatement> rows = unvoided(c, candidates, n);
      for (int i = 0; i < n; i++) {
        StoredStatement s = rows.get(candidates[i]);
        if (s == null || (q.sinceMillis() != null && s.storedMillis() <= q.sinceMillis())
            || (q.untilMillis() != null && s.storedMillis() > q.untilMillis())) {
          continue;
        }
        if (out.size() == q.limit()) {
          return lastSeqSeen;
        }
        lastSeqSeen = candidates[i];
        out.add(s);
      }
    }
  }

  /** The statements among {@code seqs[0..n)} that are not voided, by sequence number. */
  private static Map<Long, StoredStatement> unvoided(Connection c, long[] seqs, int n) throws SQLException {
    // IN lists of a few fixed lengths (padded with 0, never a seq) keep the statement caches small.
    int width = IN_WIDTHS[IN_WIDTHS.length - 1];
    for (int w : IN_WIDTHS) {
      if (w >= n) {
        width = w;
        break;
      }
    }
    Map<Long, StoredStatement> rows = new HashMap<>();
    for (int from = 0; from < n; from += width) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT seq, json, stored FROM lrs_statement WHERE seq IN (" + "?,".repeat(width - 1) + "?) AND voided = FALSE")) {
        for (int i = 0; i < width; i++) {
          ps.setLong(i + 1, from + i < n ? seqs[from + i] : 0);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getLong(1), new StoredStatement(rs.getString(2), rs.getLong(3), false));
          }
        }
      }
    }
    return rows;
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
