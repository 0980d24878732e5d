package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LTI-SECURITY.md, "Tool side": "Services: every client assertion has a fresh jti and aud = the token
 * endpoint; only the service URLs given in the launch claims are called; one retry after a 401 with
 * a new token." and "Dynamic Registration: an openid_configuration whose issuer is not a prefix of its URL."
 */
class ToolServicesSecurityTest {
  private final FakePlatform fake = new FakePlatform();
  private final LoopbackServer server = new LoopbackServer();
  private final String base = server.base() + "/fake";
  private final PlatformRegistry platforms = PlatformRegistry.inMemory();
  private final LtiTool tool = LtiTool.builder().platforms(platforms).launchUrl(URI.create("http://127.0.0.1:1/launch"))
      .endpoints(URI.create("http://127.0.0.1:1/login"), URI.create("http://127.0.0.1:1/jwks")).build();
  private final LtiLaunch launch;

  ToolServicesSecurityTest() {
    server.start(fake);
    platforms.save(new PlatformRegistration(base, "client-a", URI.create(base + "/auth"), URI.create(base + "/token"),
        URI.create(base + "/jwks"), Set.of("d")));
    launch = new LtiLaunch(base, "client-a", "d", "u-1", LtiClaims.RESOURCE_LINK_REQUEST, null,
        new LtiLaunch.ResourceLink("rl", null, null), new LtiLaunch.Context("c", null, null, List.of()), List.of(), Map.of(),
        new LtiLaunch.AgsEndpoint(List.of(LtiClaims.SCOPE_SCORE), URI.create(base + "/lineitems"), URI.create(base + "/lineitems/1")),
        new LtiLaunch.NrpsEndpoint(URI.create(base + "/memberships"), List.of("2.0")), null, null, null, "n");
  }

  @AfterEach
  void close() {
    server.close();
  }

  private AdvantageServices.Score score() {
    return new AdvantageServices.Score("u-1", 1.0, 2.0, "Completed", "FullyGraded", Instant.now(), null);
  }

  @Test
  void everyClientAssertionHasAFreshJtiAndAudTheTokenEndpoint() throws Exception {
    fake.unauthorizedAnswersLeft.set(1); // forces a second token request
    tool.services().publishScore(launch, launch.ags().lineItem(), score());

    assertThat(fake.tokenRequests).hasSize(2);
    JWTClaimsSet first = SignedJWT.parse(fake.tokenRequests.get(0).getFirst("client_assertion")).getJWTClaimsSet();
    JWTClaimsSet second = SignedJWT.parse(fake.tokenRequests.get(1).getFirst("client_assertion")).getJWTClaimsSet();
    assertThat(first.getJWTID()).isNotBlank().isNotEqualTo(second.getJWTID());
    assertThat(first.getAudience()).containsExactly(base + "/token");
    assertThat(first.getIssuer()).isEqualTo("client-a");
    assertThat(first.getSubject()).isEqualTo("client-a");
    assertThat(fake.tokenRequests.get(0).getFirst("client_assertion_type")).isEqualTo(LtiClaims.CLIENT_ASSERTION_TYPE);
  }

  @Test
  void tokensAreCachedBetweenCalls() {
    tool.services().publishScore(launch, launch.ags().lineItem(), score());
    tool.services().publishScore(launch, launch.ags().lineItem(), score());
    assertThat(fake.tokenRequests).hasSize(1);
  }

  @Test
  void onlyServiceUrlsGivenInTheLaunchClaimsAreCalled() {
    assertThatThrownBy(() -> tool.services().publishScore(launch, URI.create("http://127.0.0.1:9/elsewhere/lineitems/1"), score()))
        .isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).isEqualTo("service_url_not_from_launch"));
    assertThatThrownBy(() -> tool.services().publishScore(launch, URI.create(base + "/lineitems/../admin"), score()))
        .isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).isEqualTo("service_url_not_from_launch"));
    assertThat(fake.serviceCalls).isEmpty();
    assertThat(fake.tokenRequests).isEmpty();
  }

  @Test
  void membershipPagesOutsideTheLaunchClaimAreNotFollowed() {
    fake.nextMembershipsLink = "http://evil.example/steal";
    assertThatThrownBy(() -> tool.services().members(launch))
        .isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).isEqualTo("service_url_not_from_launch"));
    assertThat(fake.serviceCalls).hasSize(1);
  }

  @Test
  void oneRetryAfterA401WithANewToken() {
    fake.unauthorizedAnswersLeft.set(1);
    tool.services().publishScore(launch, launch.ags().lineItem(), score());
    assertThat(fake.serviceCalls).containsExactly("score Bearer token-1", "score Bearer token-2");
  }

  @Test
  void onlyOneRetryAfterA401() {
    fake.unauthorizedAnswersLeft.set(5);
    assertThatThrownBy(() -> tool.services().publishScore(launch, launch.ags().lineItem(), score()))
        .isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    assertThat(fake.serviceCalls).hasSize(2);
  }

  @Test
  void dynamicRegistrationWithAnIssuerThatIsNotAPrefixOfTheConfigurationUrlIsRejected() {
    fake.openidConfiguration = Json.write(Map.of("issuer", "https://platform.example", "registration_endpoint", base + "/register",
        "authorization_endpoint", base + "/auth", "token_endpoint", base + "/token", "jwks_uri", base + "/jwks"));
    assertThatThrownBy(() -> tool.registerWith(URI.create(base + "/openid-configuration"), "reg-token"))
        .isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).isEqualTo("issuer_not_prefix"));
    assertThat(fake.registrations).isEmpty();
  }

  @Test
  void dynamicRegistrationIssuerPrefixIsCheckedOnWholeHostAndPathSegments() {
    assertThat(DynamicRegistration.issuerIsPrefixOf("https://lms.example", URI.create("https://lms.example.evil.com/.well-known/openid-configuration"))).isFalse();
    assertThat(DynamicRegistration.issuerIsPrefixOf("https://lms.example/tenant", URI.create("https://lms.example/tenant-evil/config"))).isFalse();
    assertThat(DynamicRegistration.issuerIsPrefixOf("https://lms.example/tenant", URI.create("https://lms.example/tenant/config"))).isTrue();
  }

  @Test
  void dynamicRegistrationRegistersTheToolAndSavesThePlatform() {
    fake.openidConfiguration = Json.write(Map.of("issuer", base, "registration_endpoint", base + "/register",
        "authorization_endpoint", base + "/auth", "token_endpoint", base + "/token", "jwks_uri", base + "/jwks"));

    PlatformRegistration reg = tool.registerWith(URI.create(base + "/openid-configuration"), "reg-token");

    assertThat(reg.clientId()).isEqualTo("dyn-client");
    assertThat(reg.deploymentIds()).containsExactly("dyn-dep");
    assertThat(platforms.find(base, "dyn-client")).contains(reg);
    assertThat(fake.registrations.get(0)).contains("private_key_jwt").contains("http://127.0.0.1:1/login");
  }
}
