package org.learntrace.lrs.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * Versioned schema scripts ({@code V<n>__h2.sql}, {@code V<n>__postgresql.sql} beside this class),
 * applied in order, once each, in one transaction; the applied versions are kept in {@code
 * lrs_schema_version}. Version 3 also has a step in Java: it packs each statement's rows of the
 * version 2 index table into the statement's {@code entries} column (the posting lists are then
 * built from those by {@link PostingWriter#open}).
 */
final class SchemaMigrations {
  static final int LATEST_SCHEMA = 3;
  /** Version 2 index rows read per step of the version 3 migration. */
  private static final int ROWS_PER_STEP = 50_000;

  private SchemaMigrations() {}

  static void migrate(DataSource dataSource, boolean postgres) throws SQLException {
    migrate(dataSource, postgres, LATEST_SCHEMA);
  }

  /** Migrates up to version {@code target} (tests build databases of earlier versions with it). */
  static void migrate(DataSource dataSource, boolean postgres, int target) throws SQLException {
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
      for (int v = current + 1; v <= target; v++) {
        String name = "V" + v + "__" + (postgres ? "postgresql" : "h2") + ".sql";
        String script;
        try (var in = SchemaMigrations.class.getResourceAsStream(name)) {
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
        if (v == 3) {
          entriesFromIndexTable(c);
        }
      }
      c.commit();
    }
  }

  /** Packs the version 2 index rows ({@code k = seq << 23 | ordinal}) into {@code lrs_statement.entries}. */
  private static void entriesFromIndexTable(Connection c) throws SQLException {
    try (PreparedStatement read = c.prepareStatement("SELECT k, kind, h FROM lrs_statement_index WHERE k >= ? ORDER BY k LIMIT ?");
        PreparedStatement write = c.prepareStatement("UPDATE lrs_statement SET entries = ? WHERE seq = ?")) {
      long from = 0;
      long seq = -1;
      ByteBuffer entries = ByteBuffer.allocate(IndexEntries.ENTRY_BYTES * 64);
      while (true) {
        read.setLong(1, from);
        read.setInt(2, ROWS_PER_STEP);
        int rows = 0;
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            rows++;
            long k = rs.getLong(1);
            if (k >>> 23 != seq) {
              if (seq >= 0) {
                addEntries(write, seq, entries);
              }
              seq = k >>> 23;
              entries.clear();
            }
            if (entries.remaining() < IndexEntries.ENTRY_BYTES) {
              entries = ByteBuffer.allocate(entries.capacity() * 2).put(entries.flip());
            }
            entries.put((byte) rs.getString(2).charAt(0)).putLong(rs.getLong(3));
            from = k + 1;
          }
        }
        write.executeBatch();
        if (rows < ROWS_PER_STEP) {
          break;
        }
      }
      if (seq >= 0) {
        addEntries(write, seq, entries);
        write.executeBatch();
      }
    }
    try (var st = c.createStatement()) {
      st.execute("DROP TABLE lrs_statement_index");
    }
  }

  private static void addEntries(PreparedStatement write, long seq, ByteBuffer entries) throws SQLException {
    write.setBytes(1, Arrays.copyOf(entries.array(), entries.position()));
    write.setLong(2, seq);
    write.addBatch();
  }
}
