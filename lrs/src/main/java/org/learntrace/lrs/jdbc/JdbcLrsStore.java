package org.learntrace.lrs.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.learntrace.lrs.spi.AttachmentContent;
import org.learntrace.lrs.spi.Document;
import org.learntrace.lrs.spi.DocumentKey;
import org.learntrace.lrs.spi.IndexEntry;
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
 * Statements are stored as normalised JSON, with an index table of 64-bit digests of the values
 * queries filter on. Statement writes are serialised within the process: run one LRS process per
 * database.
 */
public final class JdbcLrsStore implements LrsStore {
  private static final int LATEST_SCHEMA = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HikariDataSource dataSource;
  private final boolean postgres;
  private final Clock clock;
  private final Object writeLock = new Object();
  private long lastSeq;
  private long lastStored;

  private JdbcLrsStore(HikariDataSource dataSource, boolean postgres, Clock clock) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.clock = clock;
    try {
      migrate();
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0), COALESCE(MAX(stored), 0) FROM lrs_statement");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        lastSeq = rs.getLong(1);
        lastStored = rs.getLong(2);
      }
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
    config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve("lrs") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
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

  // ---- schema ----

  private void migrate() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (var st = c.createStatement()) {
        st.execute("CREATE TABLE IF NOT EXISTS lrs_schema_version (version INT NOT NULL)");
      }
      int current = 0;
      try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(version) FROM lrs_schema_version")) {
        if (rs.next()) {
          current = rs.getInt(1);
        }
      }
      for (int v = current + 1; v <= LATEST_SCHEMA; v++) {
        String name = "V" + v + "__" + (postgres ? "postgresql" : "h2") + ".sql";
        String script;
        try (var in = JdbcLrsStore.class.getResourceAsStream(name)) {
          if (in == null) {
            throw new SQLException("migration script " + name + " is missing from the classpath");
          }
          script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
          throw new SQLException("cannot read migration script " + name, e);
        }
        try (var st = c.createStatement()) {
          for (String sql : script.split(";")) {
            if (!sql.isBlank()) {
              st.execute(sql);
            }
          }
          st.execute("INSERT INTO lrs_schema_version (version) VALUES (" + v + ")");
        }
      }
      c.commit();
    }
  }

  // ---- statements ----

  @Override
  public void storeStatements(List<NewStatement> statements, Map<String, AttachmentContent> attachments) {
    synchronized (writeLock) {
      long seqBefore = lastSeq;
      long storedBefore = lastStored;
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          insertStatements(c, statements, attachments);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          lastSeq = seqBefore;
          lastStored = storedBefore;
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("cannot store statements: " + e.getMessage(), e);
      }
    }
  }

  private void insertStatements(Connection c, List<NewStatement> statements, Map<String, AttachmentContent> attachments)
      throws SQLException {
    Map<UUID, String> existing = existingHashes(c, statements);
    List<NewStatement> fresh = new ArrayList<>(statements.size());
    for (NewStatement s : statements) {
      String hash = existing.get(s.id());
      if (hash == null) {
        fresh.add(s);
      } else if (!hash.equals(s.contentHash())) {
        throw new StatementConflictException(s.id());
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    long stored = Math.max(clock.millis(), lastStored);
    lastStored = stored;
    String storedText = XapiTimestamp.of(Instant.ofEpochMilli(stored)).text();
    try (PreparedStatement ins = c.prepareStatement(
            "INSERT INTO lrs_statement (seq, id, stored, voided, voiding, content_hash, json) VALUES (?, ?, ?, FALSE, ?, ?, ?)");
        PreparedStatement idx = c.prepareStatement("INSERT INTO lrs_statement_index (seq, kind, h) VALUES (?, ?, ?)")) {
      for (NewStatement s : fresh) {
        long seq = ++lastSeq;
        ObjectNode json = s.json();
        json.put("stored", storedText);
        if (!json.has("timestamp")) {
          json.put("timestamp", storedText);
        }
        ins.setLong(1, seq);
        ins.setObject(2, s.id());
        ins.setLong(3, stored);
        ins.setBoolean(4, s.voidedId() != null);
        ins.setString(5, s.contentHash());
        ins.setString(6, write(json));
        ins.addBatch();
        for (IndexEntry e : s.index()) {
          idx.setLong(1, seq);
          idx.setString(2, String.valueOf(e.kind().code()));
          idx.setLong(3, e.digest());
          idx.addBatch();
        }
      }
      ins.executeBatch();
      idx.executeBatch();
    }
    for (NewStatement s : fresh) {
      if (s.voidedId() != null) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lrs_statement SET voided = TRUE WHERE id = ? AND voiding = FALSE")) {
          ps.setObject(1, s.voidedId());
          ps.executeUpdate();
        }
      }
      if (s.referencedId() != null) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO lrs_statement_index (seq, kind, h) SELECT s.seq, i.kind, i.h FROM lrs_statement s, lrs_statement_index i"
                + " WHERE s.id = ? AND i.seq = (SELECT t.seq FROM lrs_statement t WHERE t.id = ?) AND i.kind <> 'W'")) {
          ps.setObject(1, s.id());
          ps.setObject(2, s.referencedId());
          ps.executeUpdate();
        }
      }
      for (Map.Entry<String, String> d : s.activityDefinitions().entrySet()) {
        saveDefinition(c, d.getKey(), d.getValue());
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

  private void saveDefinition(Connection c, String activityId, String definition) throws SQLException {
    String key = new DocumentKey(DocumentKey.Type.ACTIVITY_PROFILE, activityId, "", "", "").scopeDigest();
    String old = null;
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
    } else {
      String merged = DefinitionMerge.merge(old, definition);
      if (!merged.equals(old)) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lrs_activity SET definition = ? WHERE activity_key = ?")) {
          ps.setString(1, merged);
          ps.setString(2, key);
          ps.executeUpdate();
        }
      }
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
    synchronized (writeLock) {
      consistentThrough = Math.max(lastStored, clock.millis());
    }
    StringBuilder sql = new StringBuilder("SELECT s.seq, s.json, s.stored FROM lrs_statement s WHERE s.voided = FALSE");
    List<Object> args = new ArrayList<>();
    for (List<IndexEntry> filter : List.of(q.agent(), q.verb(), q.activity(), q.registration(), q.authority())) {
      if (filter.isEmpty()) {
        continue;
      }
      sql.append(" AND s.seq IN (SELECT i.seq FROM lrs_statement_index i WHERE i.h IN (")
          .append("?,".repeat(filter.size() - 1)).append("?))");
      for (IndexEntry e : filter) {
        args.add(e.digest());
      }
    }
    if (q.sinceMillis() != null) {
      sql.append(" AND s.stored > ?");
      args.add(q.sinceMillis());
    }
    if (q.untilMillis() != null) {
      sql.append(" AND s.stored <= ?");
      args.add(q.untilMillis());
    }
    if (q.cursor() != null) {
      sql.append(q.ascending() ? " AND s.seq > ?" : " AND s.seq < ?");
      args.add(q.cursor());
    }
    sql.append(" ORDER BY s.seq ").append(q.ascending() ? "ASC" : "DESC").append(" LIMIT ?");
    args.add(q.limit() + 1);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
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

  // ---- documents ----

  @Override
  public Optional<Document> document(DocumentKey key) {
    try (Connection c = dataSource.getConnection()) {
      return readDocument(c, key, false);
    } catch (SQLException e) {
      throw new StoreException("cannot read document: " + e.getMessage(), e);
    }
  }

  private Optional<Document> readDocument(Connection c, DocumentKey key, boolean forUpdate) throws SQLException {
    String sql = "SELECT content, content_type, etag, updated FROM lrs_document WHERE doc_key = ?" + (forUpdate ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key.documentDigest());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Document(rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
            : Optional.empty();
      }
    }
  }

  @Override
  public List<String> documentIds(DocumentKey scope, Long sinceMillis) {
    String sql = "SELECT doc_id FROM lrs_document WHERE scope_key = ?" + (sinceMillis == null ? "" : " AND updated > ?") + " ORDER BY doc_id";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, scope.scopeDigest());
      if (sinceMillis != null) {
        ps.setLong(2, sinceMillis);
      }
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new StoreException("cannot list documents: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Document> modifyDocument(DocumentKey key, Function<Optional<Document>, Optional<Document>> change) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Optional<Document> current = readDocument(c, key, true);
          Optional<Document> next = change.apply(current);
          if (next.isEmpty()) {
            if (current.isPresent()) {
              try (PreparedStatement ps = c.prepareStatement("DELETE FROM lrs_document WHERE doc_key = ?")) {
                ps.setString(1, key.documentDigest());
                ps.executeUpdate();
              }
            }
          } else if (current.isPresent()) {
            Document d = next.get();
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE lrs_document SET content = ?, content_type = ?, etag = ?, updated = ? WHERE doc_key = ?")) {
              ps.setBytes(1, d.content());
              ps.setString(2, d.contentType());
              ps.setString(3, d.etag());
              ps.setLong(4, d.updatedMillis());
              ps.setString(5, key.documentDigest());
              ps.executeUpdate();
            }
          } else {
            Document d = next.get();
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO lrs_document (doc_key, scope_key, doc_id, content_type, etag, updated, content) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
              ps.setString(1, key.documentDigest());
              ps.setString(2, key.scopeDigest());
              ps.setString(3, key.documentId());
              ps.setString(4, d.contentType());
              ps.setString(5, d.etag());
              ps.setLong(6, d.updatedMillis());
              ps.setBytes(7, d.content());
              ps.executeUpdate();
            }
          }
          c.commit();
          return next;
        } catch (SQLException e) {
          c.rollback();
          // Two first writes of one document race on its primary key: the loser re-reads and retries.
          if (attempt < 3 && isUniqueViolation(e)) {
            continue;
          }
          throw e;
        } catch (RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("cannot write document: " + e.getMessage(), e);
      }
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  @Override
  public void deleteDocuments(DocumentKey scope) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM lrs_document WHERE scope_key = ?")) {
      ps.setString(1, scope.scopeDigest());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot delete documents: " + e.getMessage(), e);
    }
  }

  /** The clock that stamps {@code stored}. */
  Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    synchronized (writeLock) {
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
