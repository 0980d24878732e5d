package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes the posting lists ({@code lrs_posting}: per index digest, the ascending sequence numbers
 * of the statements filed under it) behind the statement writes.
 *
 * <p>A statement batch commits its statement rows, each with its packed index entries, and hands
 * the entries to this writer; the request does not wait for the posting lists. A background thread
 * writes what has accumulated, in one transaction per {@value #FLUSH_ENTRIES} entries or
 * {@value #FLUSH_DELAY_MS} ms, so each posting block is rewritten once per many batches instead of
 * each index row costing B-tree inserts in every batch. The transaction also records the last
 * sequence number indexed ({@code lrs_index_state.indexed_seq}).
 *
 * <p>Consistency: a query first calls {@link #catchUp(long)} with the last sequence number
 * committed before it started, which writes whatever is pending on the caller's thread; a query
 * therefore sees every statement stored before it, as if the index were written with the
 * statements. Durability: the posting lists are derived data. If the process dies with entries
 * pending, the statements are durable and {@link #open} rebuilds the posting lists of every
 * statement after {@code indexed_seq} from their {@code entries} column.
 */
final class PostingWriter implements AutoCloseable {
  /** The background thread writes when this many entries are pending... */
  static final int FLUSH_ENTRIES = 32_768;
  /** ...or when the oldest pending entry has waited this long. */
  static final long FLUSH_DELAY_MS = 1_000;
  /** Statements read per step when rebuilding on open. */
  private static final int REBUILD_STATEMENTS = 20_000;
  private static final Logger LOG = Logger.getLogger(PostingWriter.class.getName());

  private final DataSource dataSource;
  /** Used under the write lock only. */
  private final PostingAppender appender;
  /** Guards the pending entries and {@link #closed}. */
  private final Object pendingLock = new Object();
  /** One posting write at a time, in sequence order. */
  private final Object writeLock = new Object();
  private long[] pendingSeqs = new long[4096];
  private long[] pendingDigests = new long[4096];
  private int pendingSize;
  /** The last sequence number handed over; every statement up to it is pending or indexed. */
  private long pendingThrough;
  /** When the oldest pending entry arrived ({@link System#nanoTime()}), or 0 when none is pending. */
  private long pendingSince;
  private boolean closed;
  /** Every statement up to this sequence number is in the posting lists (committed). */
  private volatile long indexedThrough;
  private final Thread thread;

  private PostingWriter(DataSource dataSource, boolean postgres, long indexedThrough) {
    this.dataSource = dataSource;
    this.appender = new PostingAppender(postgres);
    this.indexedThrough = indexedThrough;
    this.pendingThrough = indexedThrough;
    this.thread = new Thread(this::run, "lrs-posting-writer");
    thread.setDaemon(true);
  }

  /**
   * Opens the writer: indexes every statement after {@code indexed_seq} (those whose posting write
   * a crash lost, or all of them after the migration to this index), then starts the background
   * thread.
   */
  static PostingWriter open(DataSource dataSource, boolean postgres) throws SQLException {
    long indexed;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT indexed_seq FROM lrs_index_state");
        ResultSet rs = ps.executeQuery()) {
      indexed = rs.next() ? rs.getLong(1) : 0;
    }
    PostingWriter writer = new PostingWriter(dataSource, postgres, indexed);
    writer.rebuild();
    writer.thread.start();
    return writer;
  }

  private void rebuild() throws SQLException {
    while (true) {
      int read = 0;
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT seq, entries FROM lrs_statement WHERE seq > ? ORDER BY seq LIMIT ?")) {
        ps.setLong(1, pendingThrough);
        ps.setInt(2, REBUILD_STATEMENTS);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            add(rs.getLong(1), rs.getBytes(2));
            read++;
          }
        }
      }
      if (read == 0) {
        return;
      }
      flush();
    }
  }

  /**
   * Hands over the index entries of committed statements, in ascending sequence order (called
   * with the store's statement write lock held, after the commit).
   */
  void added(long[] seqs, byte[][] entries) {
    synchronized (pendingLock) {
      for (int i = 0; i < seqs.length; i++) {
        add(seqs[i], entries[i]);
      }
      if (pendingSize >= FLUSH_ENTRIES) {
        pendingLock.notifyAll();
      }
    }
  }

  private void add(long seq, byte[] entries) {
    synchronized (pendingLock) {
      int n = IndexEntries.count(entries);
      if (pendingSize + n > pendingSeqs.length) {
        int capacity = Math.max(pendingSeqs.length * 2, pendingSize + n);
        pendingSeqs = Arrays.copyOf(pendingSeqs, capacity);
        pendingDigests = Arrays.copyOf(pendingDigests, capacity);
      }
      for (int e = 0; e < n; e++) {
        pendingSeqs[pendingSize] = seq;
        pendingDigests[pendingSize] = IndexEntries.digest(entries, e);
        pendingSize++;
      }
      if (pendingSince == 0) {
        pendingSince = System.nanoTime();
      }
      pendingThrough = Math.max(pendingThrough, seq);
    }
  }

  /** The last sequence number whose statement, and every one before it, is in the posting lists. */
  long indexedThrough() {
    return indexedThrough;
  }

  /**
   * Makes the posting lists cover every statement handed over up to {@code seq}, writing what is
   * pending on the caller's thread if need be.
   *
   * @return {@link #indexedThrough()}, at least {@code seq} for a {@code seq} handed over
   */
  long catchUp(long seq) {
    if (indexedThrough < seq) {
      try {
        flush();
      } catch (SQLException e) {
        throw new StoreException("cannot write the statement index: " + e.getMessage(), e);
      }
    }
    return indexedThrough;
  }

  /** Writes every pending entry in one transaction; on failure they stay pending. */
  private void flush() throws SQLException {
    synchronized (writeLock) {
      long[] seqs;
      long[] digests;
      int size;
      long through;
      synchronized (pendingLock) {
        if (pendingThrough <= indexedThrough) {
          return;
        }
        seqs = pendingSeqs;
        digests = pendingDigests;
        size = pendingSize;
        through = pendingThrough;
        pendingSeqs = new long[Math.max(4096, size)];
        pendingDigests = new long[pendingSeqs.length];
        pendingSize = 0;
        pendingSince = 0;
      }
      boolean written = false;
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          appender.append(c, seqs, digests, size);
          try (PreparedStatement ps = c.prepareStatement("UPDATE lrs_index_state SET indexed_seq = ?")) {
            ps.setLong(1, through);
            ps.executeUpdate();
          }
          c.commit();
          written = true;
          appender.committed();
        } finally {
          if (!written) {
            appender.rolledBack();
            try {
              c.rollback();
            } catch (SQLException ignored) {
              // the pool discards a broken connection
            }
          }
        }
      } finally {
        if (!written) {
          putBack(seqs, digests, size);
        }
      }
      indexedThrough = through;
    }
  }

  /** Returns entries taken by a failed write to the front of the pending ones. */
  private void putBack(long[] seqs, long[] digests, int size) {
    synchronized (pendingLock) {
      long[] s = Arrays.copyOf(seqs, size + pendingSize + 4096);
      long[] d = Arrays.copyOf(digests, s.length);
      System.arraycopy(pendingSeqs, 0, s, size, pendingSize);
      System.arraycopy(pendingDigests, 0, d, size, pendingSize);
      pendingSeqs = s;
      pendingDigests = d;
      pendingSize += size;
      pendingSince = System.nanoTime();
    }
  }

  private void run() {
    while (true) {
      synchronized (pendingLock) {
        try {
          long wait;
          while (!closed && (wait = untilDue()) > 0) {
            pendingLock.wait(wait);
          }
        } catch (InterruptedException e) {
          return;
        }
        if (closed) {
          return;
        }
      }
      try {
        flush();
      } catch (SQLException | RuntimeException e) {
        LOG.log(Level.WARNING, "cannot write the statement index (queries will retry): " + e.getMessage(), e);
        synchronized (pendingLock) {
          try {
            pendingLock.wait(FLUSH_DELAY_MS);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }

  /** Milliseconds until the pending entries are due to be written (0: now); called with the pending lock held. */
  private long untilDue() {
    if (pendingSize >= FLUSH_ENTRIES) {
      return 0;
    }
    if (pendingThrough <= indexedThrough) {
      return FLUSH_DELAY_MS;
    }
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pendingSince);
    return Math.max(0, FLUSH_DELAY_MS - waited);
  }

  /** Stops the background thread and writes what is pending (what fails to be written is rebuilt on the next open). */
  @Override
  public void close() {
    synchronized (pendingLock) {
      closed = true;
      pendingLock.notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot write the statement index on close; it is rebuilt on the next start: " + e.getMessage(), e);
    }
  }
}
