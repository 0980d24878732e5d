package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends statement sequence numbers to the posting lists in the database: to the newest block of
 * each digest, or to a new block when that one is full. The newest blocks of recently written
 * digests are kept in memory (as committed), so appending to them needs no read. One append at a
 * time (the {@link PostingWriter}'s write lock).
 */
final class PostingAppender {
  /** Newest blocks kept in memory. */
  static final int CACHED_TAILS = 8_192;
  // "ORDER BY h, first_seq" (not just first_seq) lets H2 read the primary key index in order.
  private static final String TAIL_QUERY =
      "SELECT first_seq, last_seq, n, gaps FROM lrs_posting WHERE h = ? ORDER BY h DESC, first_seq DESC LIMIT 1";

  private final MultiRowInsert upsert;
  private final Map<Long, PostingBlock> tails = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, PostingBlock> eldest) {
      return size() > CACHED_TAILS;
    }
  };
  /** The newest block of each digest in the append under way. */
  private final Map<Long, PostingBlock> newTails = new HashMap<>();

  PostingAppender(boolean postgres) {
    this.upsert = postgres
        ? MultiRowInsert.of("INSERT INTO lrs_posting (h, first_seq, last_seq, n, gaps)", "(?, ?, ?, ?, ?)", 5,
            " ON CONFLICT (h, first_seq) DO UPDATE SET last_seq = EXCLUDED.last_seq, n = EXCLUDED.n, gaps = EXCLUDED.gaps")
        : MultiRowInsert.of("MERGE INTO lrs_posting (h, first_seq, last_seq, n, gaps) KEY (h, first_seq)", "(?, ?, ?, ?, ?)", 5);
  }

  /**
   * Appends {@code seqs[i]} to the list of {@code digests[i]} for each {@code i < size}, in the
   * transaction of {@code c}; {@code seqs} ascend. A sequence number not above a block's last one
   * is already in it (a statement's entries may repeat a digest: a StatementRef copies its
   * target's; a rebuild may repeat statements). Call {@link #committed()} or {@link #rolledBack()}
   * after the transaction ends.
   */
  void append(Connection c, long[] seqs, long[] digests, int size) throws SQLException {
    newTails.clear();
    Map<Long, SeqRun> byDigest = new HashMap<>();
    for (int i = 0; i < size; i++) {
      byDigest.computeIfAbsent(digests[i], h -> new SeqRun()).add(seqs[i]);
    }
    // In digest order: neighbouring blocks share B-tree leaves.
    long[] order = byDigest.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    List<Long> blockDigests = new ArrayList<>();
    List<PostingBlock> blocks = new ArrayList<>();
    try (PreparedStatement tail = c.prepareStatement(TAIL_QUERY)) {
      for (long h : order) {
        PostingBlock block = tails.get(h);
        if (block != null) {
          block = block.copy(); // the cached one stays as committed until this write is
        } else {
          tail.setLong(1, h);
          try (ResultSet rs = tail.executeQuery()) {
            if (rs.next()) {
              block = PostingBlock.stored(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getBytes(4));
            }
          }
        }
        boolean changed = false;
        SeqRun run = byDigest.get(h);
        for (int i = 0; i < run.size; i++) {
          long seq = run.seqs[i];
          if (block != null && seq <= block.lastSeq()) {
            continue;
          }
          if (block == null || block.isFull()) {
            if (changed) {
              blockDigests.add(h);
              blocks.add(block);
            }
            block = PostingBlock.starting(seq);
          } else {
            block.append(seq);
          }
          changed = true;
        }
        if (changed) {
          blockDigests.add(h);
          blocks.add(block);
          newTails.put(h, block);
        }
      }
    }
    upsert.insert(c, blocks.size(), (ps, p, i) -> {
      PostingBlock b = blocks.get(i);
      ps.setLong(p, blockDigests.get(i));
      ps.setLong(p + 1, b.firstSeq);
      ps.setLong(p + 2, b.lastSeq());
      ps.setInt(p + 3, b.count());
      ps.setBytes(p + 4, b.gaps());
    });
  }

  /** The blocks appended to are the newest as committed: cache them. */
  void committed() {
    tails.putAll(newTails);
    newTails.clear();
  }

  /** The blocks appended to were not stored: forget them (the cache holds copies). */
  void rolledBack() {
    newTails.clear();
  }

  /** The sequence numbers of one digest in an append, ascending. */
  private static final class SeqRun {
    long[] seqs = new long[8];
    int size;

    void add(long seq) {
      if (size == seqs.length) {
        seqs = Arrays.copyOf(seqs, size * 2);
      }
      seqs[size++] = seq;
    }
  }
}
