package org.learntrace.lrs.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.Store;
import org.learntrace.lrs.spi.AttachmentContent;
import org.learntrace.lrs.spi.Document;
import org.learntrace.lrs.spi.DocumentKey;
import org.learntrace.lrs.spi.LrsStore;
import org.learntrace.lrs.spi.NewStatement;
import org.learntrace.lrs.spi.StatementConflictException;
import org.learntrace.lrs.spi.StatementPage;
import org.learntrace.lrs.spi.StatementQuery;
import org.learntrace.lrs.spi.StoredStatement;
import org.learntrace.xapi.XapiTimestamp;

/**
 * An {@link LrsStore} on plain JDBC, for an H2 file database (the embedded default) or PostgreSQL.
 *
 * <pre>{@code
 * try (LrsStore store = JdbcLrsStore.h2(Path.of("lrs-data"))) { ... }
 * try (LrsStore store = JdbcLrsStore.postgres("jdbc:postgresql://db/lrs", "lrs", secret)) { ... }
 * }</pre>
 *
 * <p>The schema is created and migrated on open (versioned scripts {@code V<n>__<dialect>.sql}).
 * Statements are stored as normalised JSON, each with the 64-bit digests of the values queries
 * filter on; posting lists per digest ({@link PostingWriter}, written behind the statement writes,
 * caught up by every query before it reads them) find the statements of a filter. Statement writes
 * are serialised within the process: run one LRS process per database.
 */
public final class JdbcLrsStore implements LrsStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A group commit takes queued batches until it holds at least this many statements. */
  private static final int GROUP_STATEMENTS = 2_000;
  private static final int INPLACE_LOB_BYTES = 65_536;
  /** H2's background writer period; writes do not wait for it (see {@link #durable()}). */
  private static final int WRITE_DELAY_MS = 500;
  private static final MultiRowInsert STATEMENT_INSERT = MultiRowInsert.of(
      "INSERT INTO lrs_statement (seq, id, stored, voided, voiding, content_hash, json, entries)", "(?, ?, ?, FALSE, ?, ?, ?, ?)", 7);
  /** Activity definitions known to be stored, by activity key (committed state). */
  private final Cache<String, String> definitions = Caffeine.newBuilder().maximumSize(10_000).build();

  private final HikariDataSource dataSource;
  private final boolean postgres;
  private final JdbcDocuments documents;
  /**
   * Writes H2's committed changes to its file (see {@link #durable()}); null on PostgreSQL and on
   * H2 databases this process does not hold (server mode), where a commit is durable by itself.
   */
  private final Store h2Store;
  /** The posting lists of the statement index, written behind the statement writes. */
  private final PostingWriter postings;
  private final Clock clock;
  private final Object writeLock = new Object();
  /** Statement batches waiting to be written (group commit, see {@link #writeGroup()}). */
  private final ConcurrentLinkedQueue<PendingBatch> pending = new ConcurrentLinkedQueue<>();
  private long lastSeq;
  private long lastStored;

  private JdbcLrsStore(HikariDataSource dataSource, boolean postgres, Clock clock) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.clock = clock;
    this.documents = new JdbcDocuments(dataSource, this::durable);
    try {
      SchemaMigrations.migrate(dataSource, postgres);
      h2Store = postgres ? null : embeddedH2Store(dataSource);
      durable();
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0), COALESCE(MAX(stored), 0) FROM lrs_statement");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        lastSeq = rs.getLong(1);
        lastStored = rs.getLong(2);
      }
      postings = PostingWriter.open(dataSource, postgres);
    } catch (SQLException e) {
      dataSource.close();
      throw new StoreException("cannot open the LRS database: " + e.getMessage(), e);
    }
  }

  /** An H2 database in files under {@code directory} (created if missing). */
  public static JdbcLrsStore h2(Path directory) {
    return h2(directory, Clock.systemUTC());
  }

  /** An H2 database in files under {@code directory}, with the given clock for stored times. */
  public static JdbcLrsStore h2(Path directory, Clock clock) {
    HikariConfig config = new HikariConfig();
    // A commit leaves its changes in memory (WRITE_DELAY > 0: no file write inside the commit, so
    // not under the statement write lock); every write then calls durable(), which writes all
    // changes committed so far to the file in one MVStore chunk: concurrent requests share it.
    config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve("lrs") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=" + WRITE_DELAY_MS
        // Statement JSON up to this size is kept in its row instead of H2's separate LOB maps.
        + ";MAX_LENGTH_INPLACE_LOB=" + INPLACE_LOB_BYTES);
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(8);
    config.setPoolName("lrs-h2");
    return new JdbcLrsStore(new HikariDataSource(config), false, clock);
  }

  /** A PostgreSQL database; the user must be able to create tables on first start. */
  public static JdbcLrsStore postgres(String jdbcUrl, String user, String password) {
    return postgres(jdbcUrl, user, password, Clock.systemUTC());
  }

  /** A PostgreSQL database, with the given clock for stored times. */
  public static JdbcLrsStore postgres(String jdbcUrl, String user, String password, Clock clock) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(10);
    config.setPoolName("lrs-postgres");
    return new JdbcLrsStore(new HikariDataSource(config), true, clock);
  }

  /** A store on {@code jdbcUrl}: PostgreSQL for {@code jdbc:postgresql:} URLs, H2 otherwise. */
  public static JdbcLrsStore open(String jdbcUrl, String user, String password) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return postgres(jdbcUrl, user, password);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user == null ? "sa" : user);
    config.setPassword(password == null ? "" : password);
    config.setMaximumPoolSize(8);
    return new JdbcLrsStore(new HikariDataSource(config), false, Clock.systemUTC());
  }

  /** The MVStore-backed {@link Store} of an H2 database open in this process, or null. */
  private static Store embeddedH2Store(HikariDataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (c.isWrapperFor(JdbcConnection.class)
          && c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
          && session.getDatabase().getStore() != null
          && session.getDatabase().isPersistent()) {
        return session.getDatabase().getStore();
      }
      return null;
    }
  }

  /**
   * Makes every change committed so far survive a kill of the process: on H2, writes them to the
   * database file (the operating system's page cache) unless a write started after they were
   * committed already did. Called after each commit, outside the statement write lock, before the
   * write is acknowledged; concurrent callers share one file write (group commit). On PostgreSQL
   * the commit itself was durable.
   */
  private void durable() {
    if (h2Store != null) {
      try {
        h2Store.flush();
      } catch (RuntimeException e) {
        throw new StoreException("cannot write the H2 database file: " + e.getMessage(), e);
      }
    }
  }

  // ---- statements ----

  @Override
  public void storeStatements(List<NewStatement> statements, Map<String, AttachmentContent> attachments) {
    PendingBatch mine = new PendingBatch(statements, attachments);
    pending.add(mine);
    synchronized (writeLock) {
      // Group commit: whoever holds the write lock writes every batch queued so far in one
      // transaction. A caller whose batch was written by another returns as soon as it gets the lock.
      while (!mine.done) {
        writeGroup();
      }
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    durable();
  }

  /**
   * Takes the queued batches (up to about {@value #GROUP_STATEMENTS} statements) and writes them in
   * one transaction and one commit. Each batch is checked and written under its own savepoint: a
   * batch that conflicts or fails is rolled back alone and fails alone. If the group cannot be
   * committed, it is rolled back and each batch is written again in a transaction of its own.
   * Called with the write lock held.
   */
  private void writeGroup() {
    List<PendingBatch> group = new ArrayList<>();
    int size = 0;
    for (PendingBatch b; size < GROUP_STATEMENTS && (b = pending.poll()) != null; ) {
      group.add(b);
      size += b.statements.size();
    }
    try {
      if (group.size() == 1) {
        writeAlone(group.get(0));
      } else if (!group.isEmpty()) {
        writeTogether(group);
      }
    } finally {
      for (PendingBatch b : group) {
        if (!b.done) {
          b.fail(new StoreException("statement batch not written", null));
        }
      }
    }
  }

  /** Writes one batch in a transaction of its own; marks it done or failed. */
  private void writeAlone(PendingBatch b) {
    long seqBefore = lastSeq;
    long storedBefore = lastStored;
    boolean committed = false;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Map<String, String> definitionUpdates = new HashMap<>();
      try {
        insertStatements(c, b, Map.of(), definitionUpdates);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        lastSeq = seqBefore;
        lastStored = storedBefore;
        rollbackQuietly(c);
        b.fail(e);
        return;
      }
      committed = true;
      definitions.putAll(definitionUpdates);
      postings.added(b.seqs, b.entries);
      b.done = true;
    } catch (SQLException | RuntimeException e) {
      if (!committed) {
        lastSeq = seqBefore;
        lastStored = storedBefore;
        b.fail(e);
      }
    }
  }

  /** Writes several batches in one transaction, each under a savepoint; see {@link #writeGroup()}. */
  private void writeTogether(List<PendingBatch> group) {
    long seqBefore = lastSeq;
    long storedBefore = lastStored;
    boolean committed = false;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Map<String, String> groupDefinitions = new HashMap<>();
      List<PendingBatch> written = new ArrayList<>(group.size());
      try {
        for (PendingBatch b : group) {
          long batchSeq = lastSeq;
          long batchStored = lastStored;
          Savepoint savepoint = c.setSavepoint();
          Map<String, String> definitionUpdates = new HashMap<>();
          try {
            insertStatements(c, b, groupDefinitions, definitionUpdates);
          } catch (SQLException | RuntimeException e) {
            lastSeq = batchSeq;
            lastStored = batchStored;
            c.rollback(savepoint);
            b.fail(e);
            continue;
          }
          groupDefinitions.putAll(definitionUpdates);
          written.add(b);
        }
        c.commit();
        committed = true;
      } catch (SQLException | RuntimeException e) {
        // The group as a whole failed (a savepoint could not be rolled back, or the commit failed):
        // nothing of it is stored. The batches that had not failed are written one by one below.
        lastSeq = seqBefore;
        lastStored = storedBefore;
        rollbackQuietly(c);
      }
      if (committed) {
        definitions.putAll(groupDefinitions);
        for (PendingBatch b : written) {
          postings.added(b.seqs, b.entries);
          b.done = true;
        }
      }
    } catch (SQLException | RuntimeException e) {
      if (!committed) {
        lastSeq = seqBefore;
        lastStored = storedBefore;
      }
    }
    if (!committed) {
      for (PendingBatch b : group) {
        if (!b.done) {
          writeAlone(b);
        }
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection goes back to the pool, which discards a broken one
    }
  }

  private void insertStatements(Connection c, PendingBatch batch, Map<String, String> groupDefinitions,
      Map<String, String> definitionUpdates) throws SQLException {
    List<NewStatement> statements = batch.statements;
    Map<String, AttachmentContent> attachments = batch.attachments;
    batch.seqs = new long[0];
    batch.entries = new byte[0][];
    Map<UUID, String> existing = existingHashes(c, statements);
    List<NewStatement> fresh = new ArrayList<>(statements.size());
    List<Boolean> stamp = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      NewStatement s = statements.get(i);
      String hash = existing.get(s.id());
      if (hash == null) {
        fresh.add(s);
        stamp.add(batch.stampTimestamp[i]);
      } else if (!hash.equals(s.contentHash())) {
        throw new StatementConflictException(s.id());
      }
    }
    if (!fresh.isEmpty()) {
      long stored = Math.max(clock.millis(), lastStored);
      lastStored = stored;
      String storedText = XapiTimestamp.of(Instant.ofEpochMilli(stored)).text();
      int n = fresh.size();
      long[] seqs = new long[n];
      String[] texts = new String[n];
      for (int i = 0; i < n; i++) {
        seqs[i] = ++lastSeq;
        ObjectNode json = fresh.get(i).json();
        json.put("stored", storedText);
        if (stamp.get(i)) {
          json.put("timestamp", storedText);
        }
        texts[i] = write(json);
      }
      byte[][] entries = IndexEntries.of(c, fresh);
      STATEMENT_INSERT.insert(c, n, (ps, p, i) -> {
        NewStatement s = fresh.get(i);
        ps.setLong(p, seqs[i]);
        ps.setObject(p + 1, s.id());
        ps.setLong(p + 2, stored);
        ps.setBoolean(p + 3, s.voidedId() != null);
        ps.setString(p + 4, s.contentHash());
        ps.setString(p + 5, texts[i]);
        ps.setBytes(p + 6, entries[i]);
      });
      batch.seqs = seqs;
      batch.entries = entries;
      for (NewStatement s : fresh) {
        if (s.voidedId() != null) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE lrs_statement SET voided = TRUE WHERE id = ? AND voiding = FALSE")) {
            ps.setObject(1, s.voidedId());
            ps.executeUpdate();
          }
        }
      }
      for (NewStatement s : fresh) {
        for (Map.Entry<String, String> d : s.activityDefinitions().entrySet()) {
          saveDefinition(c, d.getKey(), d.getValue(), groupDefinitions, definitionUpdates);
        }
      }
    }
    for (Map.Entry<String, AttachmentContent> a : attachments.entrySet()) {
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM lrs_attachment WHERE sha2 = ?")) {
        q.setString(1, a.getKey());
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            continue;
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO lrs_attachment (sha2, content_type, content) VALUES (?, ?, ?)")) {
        ps.setString(1, a.getKey());
        ps.setString(2, a.getValue().contentType());
        ps.setBytes(3, a.getValue().content());
        ps.executeUpdate();
      }
    }
  }

  private Map<UUID, String> existingHashes(Connection c, List<NewStatement> statements) throws SQLException {
    Map<UUID, String> found = new HashMap<>();
    for (int from = 0; from < statements.size(); from += 500) {
      List<NewStatement> chunk = statements.subList(from, Math.min(statements.size(), from + 500));
      String sql = "SELECT id, content_hash FROM lrs_statement WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setObject(i + 1, chunk.get(i).id());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(rs.getObject(1, UUID.class), rs.getString(2));
          }
        }
      }
    }
    return found;
  }

  /**
   * Merges a received activity definition into the stored one. Definitions known to be stored are
   * cached (committed state only: {@code updates} collects this batch's writes and
   * {@code groupUpdates} those of the batches before it in the same group commit, which the
   * caller publishes to the cache after the commit), so a definition that changes nothing costs no
   * database access.
   */
  private void saveDefinition(Connection c, String activityId, String definition, Map<String, String> groupUpdates,
      Map<String, String> updates) throws SQLException {
    String key = new DocumentKey(DocumentKey.Type.ACTIVITY_PROFILE, activityId, "", "", "").scopeDigest();
    String old = updates.get(key);
    if (old == null) {
      old = groupUpdates.get(key);
    }
    if (old == null) {
      old = definitions.getIfPresent(key);
    }
    if (old == null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM lrs_activity WHERE activity_key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            old = rs.getString(1);
          }
        }
      }
      if (old == null) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lrs_activity (activity_key, activity_id, definition) VALUES (?, ?, ?)")) {
          ps.setString(1, key);
          ps.setString(2, activityId);
          ps.setString(3, definition);
          ps.executeUpdate();
        }
        updates.put(key, definition);
        return;
      }
      updates.put(key, old);
    }
    String merged = old.equals(definition) ? old : DefinitionMerge.merge(old, definition);
    if (!merged.equals(old)) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE lrs_activity SET definition = ? WHERE activity_key = ?")) {
        ps.setString(1, merged);
        ps.setString(2, key);
        ps.executeUpdate();
      }
      updates.put(key, merged);
    }
  }

  @Override
  public Optional<StoredStatement> statement(UUID id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT json, stored, voided FROM lrs_statement WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new StoredStatement(rs.getString(1), rs.getLong(2), rs.getBoolean(3))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read statement " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public StatementPage query(StatementQuery q) {
    long consistentThrough;
    long through;
    synchronized (writeLock) {
      consistentThrough = Math.max(lastStored, clock.millis());
      through = lastSeq;
    }
    // Every statement committed before the query is in the posting lists before they are read.
    long indexed = postings.catchUp(through);
    try (Connection c = dataSource.getConnection()) {
      return StatementPages.page(c, q, consistentThrough, indexed);
    } catch (SQLException e) {
      throw new StoreException("cannot query statements: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<AttachmentContent> attachment(String sha2) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT content_type, content FROM lrs_attachment WHERE sha2 = ?")) {
      ps.setString(1, sha2);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new AttachmentContent(rs.getString(1), rs.getBytes(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read attachment " + sha2 + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> activityDefinition(String activityId) {
    String key = new DocumentKey(DocumentKey.Type.ACTIVITY_PROFILE, activityId, "", "", "").scopeDigest();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT definition FROM lrs_activity WHERE activity_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read activity " + activityId + ": " + e.getMessage(), e);
    }
  }

  // ---- documents (see JdbcDocuments) ----

  @Override
  public Optional<Document> document(DocumentKey key) {
    return documents.document(key);
  }

  @Override
  public List<String> documentIds(DocumentKey scope, Long sinceMillis) {
    return documents.documentIds(scope, sinceMillis);
  }

  @Override
  public Optional<Document> modifyDocument(DocumentKey key, Function<Optional<Document>, Optional<Document>> change) {
    return documents.modifyDocument(key, change);
  }

  @Override
  public void deleteDocuments(DocumentKey scope) {
    documents.deleteDocuments(scope);
  }

  /** The clock that stamps {@code stored}. */
  Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (!dataSource.isClosed()) {
        postings.close();
      }
      if (!postgres && !dataSource.isClosed()) {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
          st.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
          throw new StoreException("cannot checkpoint the H2 database: " + e.getMessage(), e);
        } finally {
          dataSource.close();
        }
      } else {
        dataSource.close();
      }
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
