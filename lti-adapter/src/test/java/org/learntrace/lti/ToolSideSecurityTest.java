package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LTI-SECURITY.md, "Tool side": one test per rejected case, named after the line. */
class ToolSideSecurityTest {
  private final LtiWorld world = new LtiWorld();
  private final URI launchUrl = URI.create(world.toolServer.base() + "/lti/tool/launch");
  private final RSAKey platformKey;
  private final RSAKey attackerKey = KeyRing.generate();

  ToolSideSecurityTest() {
    world.platform.publicJwks();
    platformKey = world.platformKeys.keys().get(0).key();
  }

  @AfterEach
  void close() {
    world.close();
  }

  private LtiTool.LoginRedirect login() {
    return world.tool.login(loginParams());
  }

  private Map<String, String> loginParams() {
    Map<String, String> p = new HashMap<>();
    p.put("iss", world.issuer);
    p.put("login_hint", "u-1");
    p.put("target_link_uri", launchUrl.toString());
    p.put("client_id", LtiWorld.CLIENT_ID);
    return p;
  }

  private static String nonceOf(LtiTool.LoginRedirect r) {
    return EndToEndLaunchTest.query(r.authorizationRequest()).get("nonce");
  }

  private JWTClaimsSet.Builder claims(LtiTool.LoginRedirect r) {
    return ToolTokens.validIdToken(world.issuer, LtiWorld.CLIENT_ID, nonceOf(r), world.clock.instant(), launchUrl);
  }

  private LtiTool.LaunchResult launch(LtiTool.LoginRedirect r, String idToken) {
    return world.tool.launch(Map.of("id_token", idToken, "state", r.state()), Map.of(r.cookieName(), r.cookieValue()));
  }

  private static void rejected(ThrowingCallable call, String rule) {
    assertThatThrownBy(call).isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).as(e.getMessage()).isEqualTo(rule));
  }

  @Test
  void validLaunchIsAccepted() {
    LtiTool.LoginRedirect r = login();
    assertThat(launch(r, ToolTokens.sign(platformKey, claims(r).build()))).isInstanceOf(LtiTool.Launched.class);
  }

  // - Login initiation from an unknown iss / client_id, or with a target_link_uri that is not registered.

  @Test
  void loginInitiationFromAnUnknownIssIsRejected() {
    Map<String, String> p = loginParams();
    p.put("iss", "https://evil.example");
    rejected(() -> world.tool.login(p), "platform_unregistered");
  }

  @Test
  void loginInitiationFromAnUnknownClientIdIsRejected() {
    Map<String, String> p = loginParams();
    p.put("client_id", "someone-else");
    rejected(() -> world.tool.login(p), "platform_unregistered");
  }

  @Test
  void loginInitiationWithAnUnregisteredTargetLinkUriIsRejected() {
    Map<String, String> p = loginParams();
    p.put("target_link_uri", "https://evil.example/phish");
    rejected(() -> world.tool.login(p), "target_link_uri_unregistered");
  }

  // - state missing, mismatched or reused; it must be bound to the browser.

  @Test
  void stateMissingIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> world.tool.launch(Map.of("id_token", ToolTokens.sign(platformKey, claims(r).build())),
        Map.of(r.cookieName(), r.cookieValue())), "state_missing");
  }

  @Test
  void stateMismatchedIsRejected() {
    LtiTool.LoginRedirect r = login();
    String token = ToolTokens.sign(platformKey, claims(r).build());
    rejected(() -> world.tool.launch(Map.of("id_token", token, "state", "forged-state"), Map.of(r.cookieName(), r.cookieValue())),
        "state_unknown");
  }

  @Test
  void stateCookieOfAnotherValueIsRejected() {
    LtiTool.LoginRedirect r = login();
    String token = ToolTokens.sign(platformKey, claims(r).build());
    rejected(() -> world.tool.launch(Map.of("id_token", token, "state", r.state()), Map.of(r.cookieName(), "other")),
        "state_mismatch");
  }

  @Test
  void stateNotBoundToThisBrowserIsRejected() {
    // Login CSRF: the attacker started the login, the victim's browser posts it without the cookie.
    LtiTool.LoginRedirect r = login();
    String token = ToolTokens.sign(platformKey, claims(r).build());
    rejected(() -> world.tool.launch(Map.of("id_token", token, "state", r.state()), Map.of()), "state_not_bound_to_browser");
  }

  @Test
  void stateReusedIsRejected() {
    LtiTool.LoginRedirect r = login();
    String token = ToolTokens.sign(platformKey, claims(r).build());
    launch(r, token);
    rejected(() -> launch(r, token), "state_unknown");
  }

  // - An id_token whose nonce the tool never issued, or that was seen before.

  @Test
  void nonceNeverIssuedIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).claim("nonce", "made-up").build())), "nonce_not_issued");
  }

  @Test
  void nonceIssuedForAnotherLoginIsRejected() {
    LtiTool.LoginRedirect a = login();
    LtiTool.LoginRedirect b = login();
    String tokenForA = ToolTokens.sign(platformKey, claims(a).build());
    launch(a, tokenForA);
    rejected(() -> launch(b, tokenForA), "nonce_not_issued");
  }

  @Test
  void nonceSeenBeforeIsRejectedForTheTokenLifetimePlusSkew() {
    LtiTool.LoginRedirect r = login();
    JWTClaimsSet c = claims(r).build();
    launch(r, ToolTokens.sign(platformKey, c));
    String usedKey = "tool-nonce-used:" + world.issuer + ":" + c.getClaim("nonce");
    Instant exp = c.getExpirationTime().toInstant();

    world.clock.advance(Duration.ofSeconds(11)); // ltijs kept nonces 10 s (issue #175)
    assertThat(world.toolState.putIfAbsent(usedKey, "replay", exp.plusSeconds(60))).as("still remembered after 11 s").isFalse();
    world.clock.advance(Duration.between(world.clock.instant(), exp.plusSeconds(59)));
    assertThat(world.toolState.putIfAbsent(usedKey, "replay", exp.plusSeconds(120))).as("remembered until exp + skew").isFalse();
  }

  // - alg none or any HS*; a missing kid; a kid not in the platform's JWKS (...); never trust jku or jwk.

  @Test
  void algNoneIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.unsigned(claims(r).build())), "alg_not_allowed");
  }

  @Test
  void algHs256IsRejectedEvenWithThePlatformPublicKeyAsSecret() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.hs256WithPublicKey(platformKey, claims(r).build())), "alg_not_allowed");
  }

  @Test
  void missingKidIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims(r).build())),
        "kid_missing");
  }

  @Test
  void kidNotInThePlatformJwksIsRejectedAfterOneRateLimitedRefetch() {
    LtiTool.LoginRedirect first = login();
    launch(first, ToolTokens.sign(platformKey, claims(first).build()));
    int fetchesBefore = world.platformJwksFetches.get();

    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(attackerKey, claims(r).build())), "kid_unknown");
    int afterOne = world.platformJwksFetches.get();
    for (int i = 0; i < 3; i++) {
      LtiTool.LoginRedirect again = login();
      rejected(() -> launch(again, ToolTokens.sign(KeyRing.generate(), claims(again).build())), "kid_unknown");
    }

    assertThat(afterOne - fetchesBefore).as("refetches on the first unknown kid").isLessThanOrEqualTo(1);
    assertThat(world.platformJwksFetches.get()).as("no further refetch inside the rate-limit interval").isEqualTo(afterOne);
  }

  @Test
  void embeddedJwkHeaderIsNeverTrusted() {
    LtiTool.LoginRedirect r = login();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID()).jwk(attackerKey.toPublicJWK()).build();
    rejected(() -> launch(r, ToolTokens.sign(attackerKey, header, claims(r).build())), "kid_unknown");
  }

  @Test
  void embeddedJwkHeaderWithThePlatformKidIsNeverTrusted() {
    LtiTool.LoginRedirect r = login();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(platformKey.getKeyID()).jwk(attackerKey.toPublicJWK()).build();
    rejected(() -> launch(r, ToolTokens.sign(attackerKey, header, claims(r).build())), "signature_invalid");
  }

  @Test
  void jkuHeaderIsNeverTrusted() {
    URI attackerJwks = world.stubJwksUrl("attacker", new com.nimbusds.jose.jwk.JWKSet(attackerKey.toPublicJWK()));
    LtiTool.LoginRedirect r = login();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID()).jwkURL(attackerJwks).build();
    rejected(() -> launch(r, ToolTokens.sign(attackerKey, header, claims(r).build())), "kid_unknown");
  }

  // - Wrong iss; aud without the tool's client_id; azp present and not the client_id.

  @Test
  void wrongIssIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).issuer("https://other.example").build())), "iss_mismatch");
  }

  @Test
  void audWithoutTheClientIdIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).audience("another-tool").build())), "aud_mismatch");
  }

  @Test
  void azpPresentAndNotTheClientIdIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).audience(List.of(LtiWorld.CLIENT_ID, "another-tool"))
        .claim("azp", "another-tool").build())), "azp_mismatch");
  }

  // - exp in the past or iat in the future beyond an allowed skew of 30–60 s.

  @Test
  void expInThePastBeyondTheSkewIsRejected() {
    LtiTool.LoginRedirect r = login();
    Instant now = world.clock.instant();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).issueTime(Date.from(now.minusSeconds(400)))
        .expirationTime(Date.from(now.minusSeconds(61))).build())), "token_expired");
  }

  @Test
  void expInThePastWithinTheSkewIsAccepted() {
    LtiTool.LoginRedirect r = login();
    Instant now = world.clock.instant();
    assertThat(launch(r, ToolTokens.sign(platformKey, claims(r).issueTime(Date.from(now.minusSeconds(300)))
        .expirationTime(Date.from(now.minusSeconds(30))).build()))).isInstanceOf(LtiTool.Launched.class);
  }

  @Test
  void iatInTheFutureBeyondTheSkewIsRejected() {
    LtiTool.LoginRedirect r = login();
    Instant now = world.clock.instant();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).issueTime(Date.from(now.plusSeconds(61))).build())),
        "iat_in_future");
  }

  // - An unregistered deployment_id; version other than 1.3.0; an unknown message_type; no resource_link.id.

  @Test
  void unregisteredDeploymentIdIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).claim(LtiClaims.DEPLOYMENT_ID, "dep-unknown").build())),
        "deployment_unregistered");
  }

  @Test
  void versionOtherThan130IsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).claim(LtiClaims.VERSION, "1.2.0").build())),
        "version_unsupported");
  }

  @Test
  void unknownMessageTypeIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).claim(LtiClaims.MESSAGE_TYPE, "LtiStartProctoring").build())),
        "message_type_unknown");
  }

  @Test
  void resourceLinkLaunchWithoutTargetLinkUriIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).claim(LtiClaims.TARGET_LINK_URI, null).build())),
        "target_link_uri_missing");
  }

  @Test
  void resourceLinkLaunchWithoutResourceLinkIdIsRejected() {
    LtiTool.LoginRedirect r = login();
    rejected(() -> launch(r, ToolTokens.sign(platformKey, claims(r).claim(LtiClaims.RESOURCE_LINK, Map.of("title", "x")).build())),
        "resource_link_missing");
  }
}
