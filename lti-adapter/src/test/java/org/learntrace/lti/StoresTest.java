package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The store SPIs: the Caffeine defaults and the JDBC implementation (H2) meet one contract. */
class StoresTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private static int db;

  static JdbcLtiStores jdbc() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:lti" + (++db) + ";DB_CLOSE_DELAY=-1");
    return JdbcLtiStores.create(ds);
  }

  static Stream<Arguments> stateStores() {
    return Stream.of(Arguments.of("caffeine", LtiStateStore.inMemory(CLOCK, 1000)), Arguments.of("jdbc", jdbc().stateStore(CLOCK)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateStores")
  void entriesExpireByTheInjectedClock(String name, LtiStateStore store) {
    Instant now = CLOCK.instant();
    store.put("k", "v", now.plusSeconds(10));
    assertThat(store.get("k")).contains("v");
    CLOCK.advance(Duration.ofSeconds(10));
    assertThat(store.get("k")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateStores")
  void putIfAbsentDetectsReplaysUntilExpiry(String name, LtiStateStore store) {
    Instant now = CLOCK.instant();
    assertThat(store.putIfAbsent("nonce", "1", now.plusSeconds(5))).isTrue();
    assertThat(store.putIfAbsent("nonce", "2", now.plusSeconds(5))).isFalse();
    CLOCK.advance(Duration.ofSeconds(6));
    assertThat(store.putIfAbsent("nonce", "3", CLOCK.instant().plusSeconds(5))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stateStores")
  void takeHandsAValueOutOnce(String name, LtiStateStore store) {
    store.put("state", "pending", CLOCK.instant().plusSeconds(60));
    assertThat(store.take("state")).contains("pending");
    assertThat(store.take("state")).isEmpty();
    assertThat(store.get("state")).isEmpty();
  }

  @Test
  void inMemoryStoreIsBounded() {
    LtiStateStore store = LtiStateStore.inMemory(CLOCK, 10);
    for (int i = 0; i < 1000; i++) {
      store.put("k" + i, "v", CLOCK.instant().plusSeconds(60));
    }
    long live = java.util.stream.IntStream.range(0, 1000).filter(i -> store.get("k" + i).isPresent()).count();
    assertThat(live).isLessThanOrEqualTo(20);
  }

  @Test
  void jdbcRegistriesRoundTrip() {
    JdbcLtiStores stores = jdbc();
    ToolRegistration tool = new ToolRegistration("c", "n", URI.create("https://t/login"), Set.of(URI.create("https://t/launch")),
        URI.create("https://t/launch"), URI.create("https://t/jwks"), Set.of("d1", "d2"), Set.of(LtiClaims.SCOPE_SCORE));
    stores.toolRegistry().save(tool);
    assertThat(stores.toolRegistry().find("c")).contains(tool);
    PlatformRegistration p = new PlatformRegistration("https://lms", "c", URI.create("https://lms/auth"), URI.create("https://lms/token"),
        URI.create("https://lms/jwks"), Set.of("d1"));
    stores.platformRegistry().save(p);
    stores.platformRegistry().save(p);
    assertThat(stores.platformRegistry().find("https://lms", "c")).contains(p);
    assertThat(stores.platformRegistry().findByIssuer("https://lms")).containsExactly(p);
  }

  @Test
  void jdbcSigningKeysRotateNewestFirst() {
    KeyRing ring = new KeyRing(jdbc().signingKeys("platform"), CLOCK, 2);
    String first = ring.current().getKeyID();
    String second = ring.rotate().getKeyID();
    String third = ring.rotate().getKeyID();
    assertThat(ring.publicJwks().getKeys()).extracting(k -> k.getKeyID()).containsExactly(third, second).doesNotContain(first);
    assertThat(ring.publicJwks().getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
  }

  @Test
  void platformAndToolRunOnJdbcStores() {
    JdbcLtiStores stores = jdbc();
    try (LtiWorld world = new LtiWorld()) {
      LtiTool tool = LtiTool.builder().clock(world.clock).platforms(world.platforms).stateStore(stores.stateStore(world.clock))
          .signingKeys(stores.signingKeys("tool")).launchUrl(URI.create(world.toolServer.base() + "/lti/tool/launch")).build();
      LtiPlatform.LoginInitiation init = world.platform.initiateLaunch(world.learnerLaunch("u-1"), "s");
      LtiTool.LoginRedirect login = tool.login(init.params());
      LtiPlatform.AuthorizationResponse auth = world.platform.authorize(EndToEndLaunchTest.query(login.authorizationRequest()), "s");
      LtiTool.LaunchResult r = tool.launch(auth.form(), java.util.Map.of(login.cookieName(), login.cookieValue()));
      assertThat(r).isInstanceOfSatisfying(LtiTool.Launched.class, l -> assertThat(l.launch().subject()).isEqualTo("u-1"));
      assertThat(List.of(tool.publicJwks().getKeys().size())).containsExactly(1);
    }
  }
}
