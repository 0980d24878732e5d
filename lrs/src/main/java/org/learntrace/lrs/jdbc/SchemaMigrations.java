package org.learntrace.lrs.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Versioned schema scripts ({@code V<n>__h2.sql}, {@code V<n>__postgresql.sql} beside this class),
 * applied in order, once each, in one transaction; the applied versions are kept in {@code
 * lrs_schema_version}.
 */
final class SchemaMigrations {
  static final int LATEST_SCHEMA = 2;

  private SchemaMigrations() {}

  static void migrate(DataSource dataSource, boolean postgres) throws SQLException {
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
      }
      c.commit();
    }
  }
}
