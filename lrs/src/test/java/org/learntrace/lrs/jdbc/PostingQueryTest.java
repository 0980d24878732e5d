package org.learntrace.lrs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.IndexEntry.Kind;
import org.learntrace.lrs.spi.NewStatement;
import org.learntrace.lrs.spi.StatementPage;
import org.learntrace.lrs.spi.StatementQuery;
import org.learntrace.lrs.spi.StoredStatement;

/**
 * Statement queries on the posting lists return exactly what a plain filter over every stored
 * statement returns, in order and page by page: random statements (several thousand, so common
 * values span many posting blocks), voiding and StatementRef statements, written in batches with
 * queries in between (so pending index entries are caught up by the queries), then random
 * combinations of filters, since/until, order and page size, each paged through to the end.
 */
class PostingQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = Instant.parse("2026-03-14T09:00:00Z").toEpochMilli();

  /** What the model knows of a stored statement. */
  record Model(UUID id, long stored, Set<IndexEntry> entries, boolean voiding, boolean voided) {}

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void queriesReturnWhatAFilterOverAllStatementsReturns(TestDatabase.Kind kind) {
    Random random = new Random(20260314L);
    FixedClock clock = new FixedClock(START);
    TestDatabase db = TestDatabase.create(kind);
    List<Model> stored = new ArrayList<>();
    try (JdbcLrsStore store = db.open(clock)) {
      for (int batch = 0; batch < 60; batch++) {
        clock.millis = START + batch * 1_000L;
        List<NewStatement> statements = new ArrayList<>();
        int size = 1 + random.nextInt(120);
        for (int i = 0; i < size; i++) {
          statements.add(randomStatement(random, stored, statements));
        }
        store.storeStatements(statements, Map.of());
        for (NewStatement s : statements) {
          stored.add(new Model(s.id(), clock.millis, entries(s, stored), s.voidedId() != null, false));
          if (s.voidedId() != null) {
            // A voiding statement cannot itself be voided.
            for (int j = 0; j < stored.size(); j++) {
              Model m = stored.get(j);
              if (m.id().equals(s.voidedId()) && !m.voiding()) {
                stored.set(j, new Model(m.id(), m.stored(), m.entries(), false, true));
              }
            }
          }
        }
        for (int q = 0; q < 3; q++) {
          check(store, randomQuery(random, batch), stored);
        }
      }
      for (int q = 0; q < 300; q++) {
        check(store, randomQuery(random, 60), stored);
      }
    }
  }

  // ---- the data ----

  private static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

  private static NewStatement randomStatement(Random random, List<Model> stored, List<NewStatement> batch) {
    UUID id = new UUID(random.nextLong(), random.nextLong());
    List<IndexEntry> index = new ArrayList<>();
    index.add(new IndexEntry(Kind.AGENT, "agent" + random.nextInt(40)));
    UUID voided = null;
    UUID referenced = null;
    int shape = random.nextInt(100);
    if (shape < 3 && !stored.isEmpty()) {
      voided = stored.get(random.nextInt(stored.size())).id();
      referenced = voided;
      index.add(new IndexEntry(Kind.VERB, VOIDED));
    } else if (shape < 6 && !stored.isEmpty()) {
      referenced = stored.get(random.nextInt(stored.size())).id();
      index.add(new IndexEntry(Kind.VERB, "verb" + random.nextInt(3)));
    } else {
      index.add(new IndexEntry(Kind.VERB, "verb" + random.nextInt(3)));
      index.add(new IndexEntry(Kind.ACTIVITY, "activity" + random.nextInt(25)));
    }
    if (random.nextInt(4) == 0) {
      index.add(new IndexEntry(Kind.RELATED_AGENT, "agent" + random.nextInt(40)));
    }
    if (random.nextBoolean()) {
      index.add(new IndexEntry(Kind.RELATED_ACTIVITY, "activity" + random.nextInt(25)));
      index.add(new IndexEntry(Kind.REGISTRATION, "registration" + random.nextInt(8)));
    }
    String authority = "authority" + random.nextInt(2);
    index.add(new IndexEntry(Kind.RELATED_AGENT, authority));
    index.add(new IndexEntry(Kind.AUTHORITY, authority));
    ObjectNode json = JSON.createObjectNode().put("id", id.toString());
    return new NewStatement(id, json, id.toString(), List.copyOf(new LinkedHashSet<>(index)), voided, referenced, Map.of());
  }

  /** The statement's entries and, for a StatementRef, its (earlier stored) target's but the authority scope. */
  private static Set<IndexEntry> entries(NewStatement s, List<Model> stored) {
    Set<IndexEntry> all = new HashSet<>(s.index());
    if (s.referencedId() != null) {
      for (Model m : stored) {
        if (m.id().equals(s.referencedId())) {
          m.entries().stream().filter(e -> e.kind() != Kind.AUTHORITY).forEach(all::add);
        }
      }
    }
    return all;
  }

  // ---- the queries ----

  private static StatementQuery randomQuery(Random random, int batches) {
    List<IndexEntry> agent = new ArrayList<>();
    List<IndexEntry> verb = new ArrayList<>();
    List<IndexEntry> activity = new ArrayList<>();
    List<IndexEntry> registration = new ArrayList<>();
    List<IndexEntry> authority = new ArrayList<>();
    if (random.nextInt(3) == 0) {
      String a = random.nextInt(10) == 0 ? "authority" + random.nextInt(2) : "agent" + random.nextInt(40);
      agent.add(new IndexEntry(Kind.AGENT, a));
      if (random.nextBoolean()) {
        agent.add(new IndexEntry(Kind.RELATED_AGENT, a));
      }
    }
    if (random.nextInt(3) == 0) {
      verb.add(new IndexEntry(Kind.VERB, random.nextInt(8) == 0 ? VOIDED : "verb" + random.nextInt(3)));
    }
    if (random.nextInt(3) == 0) {
      String a = "activity" + random.nextInt(25);
      activity.add(new IndexEntry(Kind.ACTIVITY, a));
      if (random.nextBoolean()) {
        activity.add(new IndexEntry(Kind.RELATED_ACTIVITY, a));
      }
    }
    if (random.nextInt(5) == 0) {
      registration.add(new IndexEntry(Kind.REGISTRATION, "registration" + random.nextInt(8)));
    }
    if (random.nextInt(6) == 0) {
      authority.add(new IndexEntry(Kind.AUTHORITY, "authority" + random.nextInt(2)));
    }
    Long since = random.nextInt(3) == 0 ? START + random.nextInt(batches + 1) * 1_000L - random.nextInt(2) : null;
    Long until = random.nextInt(3) == 0 ? START + random.nextInt(batches + 1) * 1_000L - random.nextInt(2) : null;
    int limit = 1 + random.nextInt(random.nextInt(4) == 0 ? 5 : 300);
    return new StatementQuery(agent, verb, activity, registration, authority, since, until, random.nextBoolean(), limit, null);
  }

  private static void check(JdbcLrsStore store, StatementQuery q, List<Model> stored) {
    List<String> expected = new ArrayList<>();
    for (Model m : stored) {
      if (!m.voided() && matches(m, q)) {
        expected.add(m.id().toString());
      }
    }
    if (!q.ascending()) {
      Collections.reverse(expected);
    }
    List<String> actual = new ArrayList<>();
    StatementQuery page = q;
    boolean complete = false;
    // Up to 25 pages: a small page size over a common value would otherwise take hundreds.
    for (int pages = 0; pages < 25 && !complete; pages++) {
      StatementPage result = store.query(page);
      for (StoredStatement s : result.statements()) {
        actual.add(id(s));
      }
      assertThat(result.statements().size()).as("page size of %s", q).isLessThanOrEqualTo(q.limit());
      if (result.nextCursor() == null) {
        complete = true;
      } else {
        assertThat(result.statements()).as("a page with a more link is full: %s", q).hasSize(q.limit());
        page = new StatementQuery(q.agent(), q.verb(), q.activity(), q.registration(), q.authority(), q.sinceMillis(),
            q.untilMillis(), q.ascending(), q.limit(), result.nextCursor());
      }
    }
    assertThat(actual).as("statements of %s", q).isEqualTo(complete ? expected : expected.subList(0, actual.size()));
  }

  private static boolean matches(Model m, StatementQuery q) {
    for (List<IndexEntry> filter : List.of(q.agent(), q.verb(), q.activity(), q.registration(), q.authority())) {
      if (!filter.isEmpty() && filter.stream().noneMatch(m.entries()::contains)) {
        return false;
      }
    }
    return (q.sinceMillis() == null || m.stored() > q.sinceMillis()) && (q.untilMillis() == null || m.stored() <= q.untilMillis());
  }

  private static String id(StoredStatement s) {
    try {
      return JSON.readTree(s.json()).get("id").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test sets. */
  static final class FixedClock extends Clock {
    volatile long millis;

    FixedClock(long millis) {
      this.millis = millis;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }
}
