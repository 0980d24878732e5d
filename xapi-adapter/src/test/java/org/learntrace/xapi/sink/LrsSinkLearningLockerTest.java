package org.learntrace.xapi.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.DeliveryResult;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.LearnTraceBuilder;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.lrs.StatementQuery;
import org.learntrace.xapi.testing.LearningLockerPeer;

/**
 * The sink in a real {@link LearnTrace} pipeline (durable outbox in a temporary directory) against
 * real third-party LRSs: two instances of Learning Locker's statements service on loopback.
 */
class LrsSinkLearningLockerTest {
  static final byte[] KEY = "0123456789abcdef-learntrace-test".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final Duration PATIENCE = Duration.ofSeconds(120);
  static LearningLockerPeer first;
  static LearningLockerPeer second;

  @TempDir Path outbox;

  @BeforeAll
  static void startPeers() throws Exception {
    first = LearningLockerPeer.start();
    second = LearningLockerPeer.start();
  }

  @AfterAll
  static void stopPeers() throws Exception {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  static LrsClient client(LearningLockerPeer peer) {
    return LrsClient.builder(peer.endpoint()).credentials(Credentials.basic("learntrace", "secret"))
        .version(XapiVersion.V1_0_3).requestTimeout(Duration.ofSeconds(30)).build();
  }

  static LrsSink sink(String name, LearningLockerPeer peer, Predicate<TrackedEvent> filter) {
    return LrsSink.builder(name, client(peer), new TestMapping()).filter(filter).build();
  }

  LearnTrace open(LrsSink... sinks) {
    AnalyticsPolicy base = new AnalyticsPolicy("base",
        new AnalyticsPolicy.Rules(Map.of(), null, AnalyticsPolicy.ConsentRule.NONE, null), Map.of());
    LearnTraceBuilder b = LearnTrace.builder()
        .setOutboxDirectory(outbox)
        .setPseudonymKey("k1", KEY)
        .setBasePolicy(base)
        .setBatching(20, 1 << 20, Duration.ofMillis(50))
        .setBackoff(Duration.ofMillis(20), Duration.ofMillis(500))
        .setCircuitBreaker(5, Duration.ofMillis(500))
        .setPolicyPollInterval(Duration.ZERO)
        .setMetricsLogInterval(Duration.ZERO)
        .setShutdownTimeout(Duration.ofSeconds(30));
    for (LrsSink s : sinks) {
      b.addSink(s);
    }
    return b.build();
  }

  static UUID stored(Receipt r) throws InterruptedException {
    assertThat(r.awaitStored(PATIENCE)).as("stored: %s", r.status()).isTrue();
    return r.eventId();
  }

  static List<UUID> idsAbout(LrsClient client, Actor agent) {
    return client.streamStatements(StatementQuery.builder().agent(agent).build()).map(Statement::id).toList();
  }

  static Person teacher(String id) {
    return Person.teacher(id + "-" + UUID.randomUUID());
  }

  @Test
  void deliversEveryTrackedEventThroughADurableOutbox() throws Exception {
    LrsClient lrs = client(first);
    Person t = teacher("t-normal");
    List<UUID> ids = new ArrayList<>();
    try (LearnTrace lt = open(sink("research", first, e -> true))) {
      List<Receipt> receipts = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        receipts.add(lt.tracker().track(Events.played(t, i)));
      }
      for (Receipt r : receipts) {
        ids.add(stored(r));
      }
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(lt.deadLetters()).isEmpty();
    }
    Statement one = lrs.getStatement(ids.get(0)).orElseThrow();
    assertThat(idsAbout(lrs, one.actor())).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void deliversWhatWasTrackedDuringAnOutageExactlyOnceWhenTheLrsIsBack() throws Exception {
    LrsClient lrs = client(second);
    Person t = teacher("t-outage");
    List<UUID> before = new ArrayList<>();
    List<UUID> during = new ArrayList<>();
    try (LearnTrace lt = open(sink("research", second, e -> true))) {
      for (int i = 0; i < 10; i++) {
        before.add(stored(lt.tracker().track(Events.played(t, i))));
      }
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(lrs.getStatement(before.get(0))).isPresent();

      second.stop();
      for (int i = 10; i < 40; i++) {
        during.add(stored(lt.tracker().track(Events.played(t, i))));
      }
      lt.flush(Duration.ofMillis(300));   // fails against the stopped LRS: the dispatcher backs off
      second.startAgain();                // an empty store: whatever arrives now was (re)delivered
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(lt.deadLetters()).isEmpty();
    }
    List<UUID> all = lrs.streamStatements(StatementQuery.builder().build()).map(Statement::id).toList();
    assertThat(all).as("each event of the outage once, nothing delivered before it again")
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(during);
  }

  @Test
  void aRepeatedEventWithTheSameContentIsStoredOnceAndNotDeadLettered() throws Exception {
    LrsClient lrs = client(first);
    Person t = teacher("t-dup");
    VideoPlayed e = Events.played(t, 1);
    try (LearnTrace lt = open(sink("research", first, x -> true))) {
      UUID a = stored(lt.tracker().track(e));
      assertThat(lt.flush(PATIENCE)).isTrue();
      UUID b = stored(lt.tracker().track(e));
      UUID c = stored(lt.tracker().track(e));
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(b).isEqualTo(a).isEqualTo(c);
      assertThat(lt.deadLetters()).isEmpty();
      Statement s = lrs.getStatement(a).orElseThrow();
      assertThat(idsAbout(lrs, s.actor())).containsExactly(a);
    }
  }

  @Test
  void aReusedIdWithOtherContentIsDeadLetteredNamingTheDifference() throws Exception {
    LrsClient lrs = client(first);
    Person t = teacher("t-conflict");
    VideoPlayed original = Events.played(t, 1);
    VideoPlayed changed = new VideoPlayed(original.occurrence(), t, original.module(), original.video(), "s-1", 99.0);
    try (LearnTrace lt = open(sink("research", first, x -> true))) {
      UUID id = stored(lt.tracker().track(original));
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(stored(lt.tracker().track(changed))).isEqualTo(id);
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(lt.deadLetters()).singleElement().satisfies(d -> {
        assertThat(d.id()).isEqualTo(id);
        assertThat(d.reason()).contains("already stored", "other content", "$.result.extensions");
      });
      assertThat(lrs.getStatement(id).orElseThrow().result().extensions()
          .get("https://w3id.org/xapi/video/extensions/time").asDouble()).isEqualTo(1.0);
    }
  }

  @Test
  void aStatementTheLrsRefusesIsIsolatedAndTheRestOfItsBatchIsStored() throws Exception {
    LrsClient lrs = client(first);
    Person t = teacher("t-bad");
    // A voiding statement already in the LRS: voiding it is refused with 400 ("cannot void a voider").
    Statement voider = org.learntrace.xapi.sink.ConsentVoiding.voidingStatement(UUID.randomUUID(), TestMapping.agent(t));
    lrs.postStatements(List.of(voider));
    List<Receipt> good = new ArrayList<>();
    Receipt bad;
    try (LearnTrace lt = open(sink("research", first, x -> true))) {
      for (int i = 0; i < 4; i++) {
        good.add(lt.tracker().track(Events.played(t, i)));
      }
      bad = lt.tracker().track(new VideoPaused(Occurrence.at(Events.T0), t, Events.AGS_M3, "v0",
          voider.id().toString(), 3.0, List.of(), 0.5));
      for (int i = 4; i < 8; i++) {
        good.add(lt.tracker().track(Events.played(t, i)));
      }
      UUID badId = stored(bad);
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(lt.deadLetters()).singleElement().satisfies(d -> {
        assertThat(d.id()).isEqualTo(badId);
        assertThat(d.reason()).contains("400", "void");
      });
      for (Receipt r : good) {
        assertThat(lrs.getStatement(stored(r))).as("statement %s", r.eventId()).isPresent();
      }
    }
  }

  @Test
  void severalLrssEachTakeTheirOwnSubset() throws Exception {
    Person t = teacher("t-split");
    Predicate<TrackedEvent> even = e -> e.event() instanceof VideoPlayed v && v.time() % 2 == 0;
    Predicate<TrackedEvent> odd = e -> e.event() instanceof VideoPlayed v && v.time() % 2 == 1;
    LrsSink a = sink("lrs-a", first, even);
    LrsSink b = sink("lrs-b", second, odd);
    List<UUID> ids = new ArrayList<>();
    try (LearnTrace lt = open(a, b)) {
      for (int i = 0; i < 10; i++) {
        ids.add(stored(lt.tracker().track(Events.played(t, i))));
      }
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(lt.deadLetters()).isEmpty();
    }
    LrsClient lrsA = client(first);
    LrsClient lrsB = client(second);
    for (int i = 0; i < 10; i++) {
      UUID id = ids.get(i);
      assertThat(lrsA.getStatement(id).isPresent()).as("event %d in lrs-a", i).isEqualTo(i % 2 == 0);
      assertThat(lrsB.getStatement(id).isPresent()).as("event %d in lrs-b", i).isEqualTo(i % 2 == 1);
    }
  }

  @Test
  void aConsentWithdrawalVoidsThePersonsStatementsOnlyAndARepeatIsHarmless() throws Exception {
    LrsClient lrs = client(first);
    Person withdrawing = teacher("t-withdraws");
    Person staying = teacher("t-stays");
    LrsSink sink = sink("research", first, x -> true);
    List<UUID> hers = new ArrayList<>();
    List<UUID> his = new ArrayList<>();
    try (LearnTrace lt = open(sink)) {
      for (int i = 0; i < 5; i++) {
        hers.add(stored(lt.tracker().track(Events.played(withdrawing, i))));
        his.add(stored(lt.tracker().track(Events.played(staying, i))));
      }
      assertThat(lt.flush(PATIENCE)).isTrue();
      Agent her = (Agent) lrs.getStatement(hers.get(0)).orElseThrow().actor();
      Agent him = (Agent) lrs.getStatement(his.get(0)).orElseThrow().actor();

      assertThat(lt.consent().withdraw(withdrawing, Events.AGS_M3, "research").awaitStored(PATIENCE)).isTrue();
      assertThat(lt.flush(PATIENCE)).isTrue();
      assertThat(lt.deadLetters()).isEmpty();

      // What a query still returns about her are the voiding statements themselves, made in her name.
      assertThat(lrs.streamStatements(StatementQuery.builder().agent(her).build()).toList())
          .as("her statements, now voided, no longer returned").hasSize(5).allMatch(Statement::isVoiding);
      for (UUID id : hers) {
        assertThat(lrs.getVoidedStatement(id)).as("voided %s", id).isPresent();
      }
      assertThat(idsAbout(lrs, him)).containsExactlyInAnyOrderElementsOf(his);
      assertThat(sink.statementsVoided()).isEqualTo(5);

      // The same withdrawal delivered again (a redelivery after a crash): nothing left to void.
      Person pseudonymous = new Person(Person.Role.TEACHER, null, her.account().name(), true);
      TrackedEvent again = Events.tracked(UUID.randomUUID(),
          new ConsentWithdrawn(Occurrence.at(Events.T0), pseudonymous, Events.AGS_M3, "research"));
      assertThat(sink.deliver(List.of(again))).isEqualTo(DeliveryResult.accepted());
      assertThat(sink.statementsVoided()).isEqualTo(5);
      for (UUID id : hers) {
        assertThat(lrs.getVoidedStatement(id)).isPresent();
      }
    }
  }
}
