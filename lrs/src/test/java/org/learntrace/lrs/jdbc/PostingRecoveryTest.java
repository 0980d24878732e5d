package org.learntrace.lrs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.IndexEntry.Kind;
import org.learntrace.lrs.spi.NewStatement;
import org.learntrace.lrs.spi.StatementQuery;
import org.learntrace.lrs.spi.StoredStatement;

/**
 * The posting lists are derived from the statements' {@code entries}: whatever of them is lost
 * (a crash before the deferred write, or a database from before they existed) is rebuilt when the
 * store opens, and queries then return every statement.
 */
class PostingRecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void postingListsLostWithTheirWatermarkAreRebuiltOnOpen(TestDatabase.Kind kind) throws Exception {
    TestDatabase db = TestDatabase.create(kind);
    List<UUID> ids = new ArrayList<>();
    try (JdbcLrsStore store = db.open(Clock.systemUTC())) {
      for (int batch = 0; batch < 5; batch++) {
        List<NewStatement> statements = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          statements.add(statement(UUID.randomUUID(), "teacher", null));
        }
        store.storeStatements(statements, Map.of());
        statements.forEach(s -> ids.add(s.id()));
      }
    }
    try (Connection c = db.connect(); var st = c.createStatement()) {
      st.executeUpdate("DELETE FROM lrs_posting");
      st.executeUpdate("UPDATE lrs_index_state SET indexed_seq = 0");
    }

    try (JdbcLrsStore store = db.open(Clock.systemUTC())) {
      assertThat(idsOf(store, "teacher")).containsExactlyElementsOf(newestFirst(ids));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void rebuildingStatementsAlreadyInThePostingListsAddsNothing(TestDatabase.Kind kind) throws Exception {
    TestDatabase db = TestDatabase.create(kind);
    List<UUID> ids = new ArrayList<>();
    try (JdbcLrsStore store = db.open(Clock.systemUTC())) {
      for (int i = 0; i < 300; i++) {
        NewStatement s = statement(UUID.randomUUID(), "teacher", null);
        store.storeStatements(List.of(s), Map.of());
        ids.add(s.id());
      }
    }
    try (Connection c = db.connect(); var st = c.createStatement()) {
      st.executeUpdate("UPDATE lrs_index_state SET indexed_seq = 120");
    }

    try (JdbcLrsStore store = db.open(Clock.systemUTC())) {
      assertThat(idsOf(store, "teacher")).containsExactlyElementsOf(newestFirst(ids));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aDatabaseWithTheVersion2IndexTableIsMigrated(TestDatabase.Kind kind) throws Exception {
    TestDatabase db = TestDatabase.create(kind);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.url());
    config.setUsername(db.postgres() ? "postgres" : "sa");
    config.setPassword(db.postgres() ? "postgres" : "");
    try (HikariDataSource version2 = new HikariDataSource(config)) {
      SchemaMigrations.migrate(version2, db.postgres(), 2);
      try (Connection c = version2.getConnection()) {
        long seq = 0;
        for (UUID id : List.of(first, second)) {
          seq++;
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO lrs_statement (seq, id, stored, voided, voiding, content_hash, json)"
              + " VALUES (?, ?, ?, FALSE, FALSE, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, id);
            ps.setLong(3, 1_000 * seq);
            ps.setString(4, id.toString());
            ps.setString(5, JSON.createObjectNode().put("id", id.toString()).toString());
            ps.executeUpdate();
          }
          List<IndexEntry> entries = statement(id, "old-teacher", null).index();
          for (int ordinal = 0; ordinal < entries.size(); ordinal++) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lrs_statement_index (k, seq, kind, h) VALUES (?, ?, ?, ?)")) {
              ps.setLong(1, seq << 23 | ordinal);
              ps.setLong(2, seq);
              ps.setString(3, String.valueOf(entries.get(ordinal).kind().code()));
              ps.setLong(4, entries.get(ordinal).digest());
              ps.executeUpdate();
            }
          }
        }
      }
    }

    try (JdbcLrsStore store = db.open(Clock.systemUTC())) {
      assertThat(idsOf(store, "old-teacher")).containsExactly(second, first);
      // A StatementRef to a migrated statement is found by the target's agent too.
      UUID ref = UUID.randomUUID();
      store.storeStatements(List.of(statement(ref, "new-teacher", first)), Map.of());
      assertThat(idsOf(store, "old-teacher")).containsExactly(ref, second, first);
    }
  }

  private static List<UUID> newestFirst(List<UUID> ids) {
    List<UUID> reversed = new ArrayList<>(ids);
    Collections.reverse(reversed);
    return reversed;
  }

  private static NewStatement statement(UUID id, String agent, UUID referenced) {
    List<IndexEntry> index = List.of(new IndexEntry(Kind.AGENT, agent), new IndexEntry(Kind.VERB, "played"),
        new IndexEntry(Kind.RELATED_AGENT, "authority"), new IndexEntry(Kind.AUTHORITY, "authority"));
    ObjectNode json = JSON.createObjectNode().put("id", id.toString());
    return new NewStatement(id, json, id.toString(), index, null, referenced, Map.of());
  }

  private static List<UUID> idsOf(JdbcLrsStore store, String agent) throws Exception {
    StatementQuery q = new StatementQuery(List.of(new IndexEntry(Kind.AGENT, agent)), List.of(), List.of(), List.of(), List.of(),
        null, null, false, 1000, null);
    List<UUID> ids = new ArrayList<>();
    for (StoredStatement s : store.query(q).statements()) {
      ids.add(UUID.fromString(JSON.readTree(s.json()).get("id").asText()));
    }
    return ids;
  }
}
