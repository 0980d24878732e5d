package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.NewStatement;

/**
 * The index rows of a batch of statements, keyed {@code seq << ORDINAL_BITS | ordinal} so that a
 * statement's rows form one key range of the single secondary index.
 */
final class IndexRows {
  static final int ORDINAL_BITS = 23;
  static final long ORDINAL_LIMIT = 1L << ORDINAL_BITS;
  static final String[] KIND_CODES = Arrays.stream(IndexEntry.Kind.values())
      .map(k -> String.valueOf(k.code())).toArray(String[]::new);
  private static final int AUTHORITY_KIND = IndexEntry.Kind.AUTHORITY.ordinal();
  private static final String TARGET_INDEX_QUERY = "SELECT i.kind, i.h FROM lrs_statement t JOIN lrs_statement_index i"
      + " ON i.k BETWEEN t.seq * " + ORDINAL_LIMIT + " AND t.seq * " + ORDINAL_LIMIT + " + " + (ORDINAL_LIMIT - 1)
      + " WHERE t.id = ? AND i.kind <> 'W' ORDER BY i.k";

  long[] keys = new long[256];
  byte[] kinds = new byte[256];
  long[] digests = new long[256];
  int size;

  void add(long key, int kind, long digest) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      kinds = Arrays.copyOf(kinds, size * 2);
      digests = Arrays.copyOf(digests, size * 2);
    }
    keys[size] = key;
    kinds[size] = (byte) kind;
    digests[size] = digest;
    size++;
  }

  /**
   * The index rows of the fresh statements: each statement's own entries, then, for a statement
   * whose object is a StatementRef, its target's rows (but the target's authority scope, 'W'), so
   * that queries matching the target return it. A target stored earlier in the same batch
   * contributes the rows computed for it so far.
   */
  static IndexRows of(Connection c, List<NewStatement> fresh, long[] seqs) throws SQLException {
    IndexRows rows = new IndexRows();
    Map<UUID, NewStatement> byId = new HashMap<>();
    fresh.forEach(s -> byId.put(s.id(), s));
    Map<UUID, int[]> done = new HashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      NewStatement s = fresh.get(i);
      long base = seqs[i] << ORDINAL_BITS;
      int from = rows.size;
      for (IndexEntry e : s.index()) {
        rows.add(base | (rows.size - from), e.kind().ordinal(), e.digest());
      }
      int[] own = {from, rows.size};
      done.put(s.id(), own);
      UUID ref = s.referencedId();
      if (ref != null) {
        int[] target = done.get(ref);
        if (target != null) {
          for (int r = target[0]; r < target[1]; r++) {
            if (rows.kinds[r] != AUTHORITY_KIND) {
              rows.add(base | (rows.size - from), rows.kinds[r], rows.digests[r]);
            }
          }
        } else if (byId.containsKey(ref)) {
          // A target later in this batch contributes its own entries.
          for (IndexEntry e : byId.get(ref).index()) {
            if (e.kind() != IndexEntry.Kind.AUTHORITY) {
              rows.add(base | (rows.size - from), e.kind().ordinal(), e.digest());
            }
          }
        } else {
          try (PreparedStatement ps = c.prepareStatement(TARGET_INDEX_QUERY)) {
            ps.setObject(1, ref);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(base | (rows.size - from), kindOf(rs.getString(1)), rs.getLong(2));
              }
            }
          }
        }
        own[1] = rows.size;
      }
      if (rows.size - from > ORDINAL_LIMIT) {
        throw new StoreException("statement " + s.id() + " has more than " + ORDINAL_LIMIT + " index entries", null);
      }
    }
    return rows;
  }

  private static int kindOf(String code) {
    for (int k = 0; k < KIND_CODES.length; k++) {
      if (KIND_CODES[k].equals(code)) {
        return k;
      }
    }
    throw new IllegalStateException("unknown index kind " + code);
  }
}
