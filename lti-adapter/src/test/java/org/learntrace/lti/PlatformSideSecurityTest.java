package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LTI-SECURITY.md, "Platform side": one test per rejected case, named after the line. */
class PlatformSideSecurityTest {
  private final LtiWorld world = new LtiWorld();
  private final RSAKey toolKey;
  private final RSAKey tool2Key = KeyRing.generate();
  private final HttpClient http = HttpClient.newHttpClient();

  PlatformSideSecurityTest() {
    world.tool.publicJwks();
    toolKey = world.toolKeys.keys().get(0).key();
    URI tool2Jwks = world.stubJwksUrl("tool-2", new JWKSet(tool2Key.toPublicJWK()));
    URI tool2Launch = URI.create("http://127.0.0.1:2/launch");
    world.tools.save(new ToolRegistration("tool-2", "Other tool", URI.create("http://127.0.0.1:2/login"), Set.of(tool2Launch),
        tool2Launch, tool2Jwks, Set.of("dep-2"), ToolRegistration.allAdvantageScopes()));
  }

  @AfterEach
  void close() {
    world.close();
  }

  private static void rejected(ThrowingCallable call, String rule) {
    assertThatThrownBy(call).isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).as(e.getMessage()).isEqualTo(rule));
  }

  /** A valid authorization request for a login initiated by browser session {@code session}. */
  private Map<String, String> authRequest(String session) {
    LtiPlatform.LoginInitiation init = world.platform.initiateLaunch(world.learnerLaunch("u-1"), session);
    Map<String, String> p = new HashMap<>();
    p.put("scope", "openid");
    p.put("response_type", "id_token");
    p.put("response_mode", "form_post");
    p.put("prompt", "none");
    p.put("client_id", LtiWorld.CLIENT_ID);
    p.put("redirect_uri", world.toolServer.base() + "/lti/tool/launch");
    p.put("login_hint", init.params().get("login_hint"));
    p.put("lti_message_hint", init.params().get("lti_message_hint"));
    p.put("state", "s");
    p.put("nonce", "n");
    return p;
  }

  @Test
  void validAuthorizationRequestIsAnswered() {
    assertThat(world.platform.authorize(authRequest("session-1"), "session-1").form()).containsKeys("id_token", "state");
  }

  // - An authorization request that is not scope=openid, response_type=id_token, response_mode=form_post, prompt=none.

  @ParameterizedTest
  @CsvSource({"scope,profile", "response_type,code", "response_mode,query", "prompt,login"})
  void authorizationRequestThatIsNotOpenidIdTokenFormPostPromptNoneIsRejected(String param, String value) {
    Map<String, String> p = authRequest("session-1");
    p.put(param, value);
    rejected(() -> world.platform.authorize(p, "session-1"), "auth_request_invalid");
  }

  // - a redirect_uri that does not match a registered one exactly.

  @ParameterizedTest
  @CsvSource({"/lti/tool/launch/", "/lti/tool/launch?x=1", "/lti/tool/LAUNCH", "/lti/tool/launch#f"})
  void redirectUriThatDoesNotMatchARegisteredOneExactlyIsRejected(String suffix) {
    Map<String, String> p = authRequest("session-1");
    p.put("redirect_uri", world.toolServer.base() + suffix);
    rejected(() -> world.platform.authorize(p, "session-1"), "redirect_uri_unregistered");
  }

  // - no login initiated for this browser session.

  @Test
  void noLoginInitiatedForThisBrowserSessionIsRejected() {
    Map<String, String> p = authRequest("victim-session");
    rejected(() -> world.platform.authorize(p, "attacker-session"), "login_not_initiated");
    rejected(() -> world.platform.authorize(p, null), "login_not_initiated");
  }

  @Test
  void loginHintNeverIssuedIsRejected() {
    Map<String, String> p = authRequest("session-1");
    p.put("login_hint", "forged");
    rejected(() -> world.platform.authorize(p, "session-1"), "login_not_initiated");
  }

  @Test
  void loginIsAnsweredOnlyOnce() {
    Map<String, String> p = authRequest("session-1");
    world.platform.authorize(p, "session-1");
    rejected(() -> world.platform.authorize(p, "session-1"), "login_not_initiated");
  }

  // - Token endpoint: signature fails against the tool's JWKS; iss/sub not the client_id; wrong aud; jti seen before; scopes never granted.

  private JWTClaimsSet.Builder assertion(String clientId) {
    Instant now = world.clock.instant();
    return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(world.platform.tokenUrl().toString())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(Tokens.random());
  }

  private Map<String, String> tokenForm(String assertion, String scope) {
    return Map.of("grant_type", "client_credentials", "client_assertion_type", LtiClaims.CLIENT_ASSERTION_TYPE,
        "client_assertion", assertion, "scope", scope);
  }

  private String accessToken(RSAKey key, String clientId, String scope) {
    return (String) Json.readMap(world.platform.token(tokenForm(ToolTokens.sign(key, assertion(clientId).build()), scope)))
        .get("access_token");
  }

  @Test
  void validClientAssertionGetsAToken() {
    assertThat(accessToken(toolKey, LtiWorld.CLIENT_ID, LtiClaims.SCOPE_SCORE)).isNotBlank();
  }

  @Test
  void clientAssertionWhoseSignatureFailsAgainstTheToolsJwksIsRejected() {
    RSAKey forged = new RSAKey.Builder(KeyRing.generate()).keyID(toolKey.getKeyID()).build();
    rejected(() -> world.platform.token(tokenForm(ToolTokens.sign(forged, assertion(LtiWorld.CLIENT_ID).build()),
        LtiClaims.SCOPE_SCORE)), "assertion_signature_invalid");
  }

  @Test
  void clientAssertionWhoseIssIsNotAClientIdIsRejected() {
    rejected(() -> world.platform.token(tokenForm(ToolTokens.sign(toolKey, assertion("nobody").build()),
        LtiClaims.SCOPE_SCORE)), "assertion_iss_unknown");
  }

  @Test
  void clientAssertionWhoseSubIsNotTheClientIdIsRejected() {
    rejected(() -> world.platform.token(tokenForm(ToolTokens.sign(toolKey, assertion(LtiWorld.CLIENT_ID).subject("tool-2").build()),
        LtiClaims.SCOPE_SCORE)), "assertion_sub_mismatch");
  }

  @Test
  void clientAssertionWithAWrongAudIsRejected() {
    rejected(() -> world.platform.token(tokenForm(ToolTokens.sign(toolKey, assertion(LtiWorld.CLIENT_ID)
        .audience(world.issuer).build()), LtiClaims.SCOPE_SCORE)), "assertion_aud_mismatch");
  }

  @Test
  void clientAssertionWhoseJtiWasSeenBeforeIsRejected() {
    String a = ToolTokens.sign(toolKey, assertion(LtiWorld.CLIENT_ID).build());
    world.platform.token(tokenForm(a, LtiClaims.SCOPE_SCORE));
    rejected(() -> world.platform.token(tokenForm(a, LtiClaims.SCOPE_SCORE)), "assertion_jti_replayed");
  }

  @Test
  void scopesNeverGrantedToTheToolAreRejected() {
    world.tools.save(new ToolRegistration("tool-3", "Read-only tool", URI.create("http://127.0.0.1:3/login"),
        Set.of(URI.create("http://127.0.0.1:3/launch")), URI.create("http://127.0.0.1:3/launch"),
        world.stubJwksUrl("tool-3", new JWKSet(tool2Key.toPublicJWK())), Set.of("dep-3"), Set.of(LtiClaims.SCOPE_NRPS)));
    rejected(() -> accessToken(tool2Key, "tool-3", LtiClaims.SCOPE_SCORE), "scope_not_granted");
  }

  @Test
  void tokenEndpointAnswersOauthErrorsOverHttp() throws Exception {
    String a = ToolTokens.sign(toolKey, assertion(LtiWorld.CLIENT_ID).audience("https://wrong.example").build());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(world.platform.tokenUrl())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(tokenForm(a, LtiClaims.SCOPE_SCORE)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"error\":\"invalid_client\"");
  }

  // - Service calls on line items, results or memberships outside the calling tool's own deployment and context.

  private HttpResponse<String> call(String method, URI url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/vnd.ims.lis.v1.score+json").method(method, HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI tool1LineItem() {
    new Browser().navigate(world.hostLaunch("l", world.learnerLaunch("u-1").withLineItem(10)));
    return world.received.get(0).ags().lineItem();
  }

  private static String scoreBody() {
    return Json.write(Map.of("userId", "u-1", "scoreGiven", 10, "scoreMaximum", 10, "activityProgress", "Completed",
        "gradingProgress", "FullyGraded", "timestamp", Instant.now().toString()));
  }

  @Test
  void scoresOnAnotherToolsLineItemAreRejected() throws Exception {
    URI item = tool1LineItem();
    world.gradebook.linkContext("tool-2", "dep-2", LtiWorld.CONTEXT); // tool-2 is launched in the same course
    String token = accessToken(tool2Key, "tool-2", LtiClaims.SCOPE_SCORE);

    HttpResponse<String> r = call("POST", URI.create(item + "/scores"), token, scoreBody());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
    assertThat(r.body()).contains("lineitem_not_of_tool");
    assertThat(world.gradebook.results(item.getPath().substring(item.getPath().lastIndexOf('/') + 1))).isEmpty();
  }

  @Test
  void lineItemsOfAContextTheToolWasNeverLaunchedInAreRejected() throws Exception {
    URI item = tool1LineItem();
    String token = accessToken(tool2Key, "tool-2", LtiClaims.SCOPE_LINEITEM_READONLY);
    HttpResponse<String> r = call("GET", URI.create(item.toString().replace("/" + item.getPath().substring(item.getPath().lastIndexOf('/') + 1), "")),
        token, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("context_not_of_tool");
  }

  @Test
  void resultsOfAnotherToolsLineItemAreRejected() throws Exception {
    URI item = tool1LineItem();
    world.gradebook.linkContext("tool-2", "dep-2", LtiWorld.CONTEXT);
    HttpResponse<String> r = call("GET", URI.create(item + "/results"), accessToken(tool2Key, "tool-2", LtiClaims.SCOPE_RESULT_READONLY), null);
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void lineItemReachedThroughAnotherContextIsRejected() throws Exception {
    URI item = tool1LineItem();
    world.gradebook.linkContext(LtiWorld.CLIENT_ID, LtiWorld.DEPLOYMENT, "other-course");
    URI viaOther = URI.create(item.toString().replace("/ags/" + LtiWorld.CONTEXT + "/", "/ags/other-course/"));
    HttpResponse<String> r = call("POST", URI.create(viaOther + "/scores"), accessToken(toolKey, LtiWorld.CLIENT_ID, LtiClaims.SCOPE_SCORE),
        scoreBody());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void membershipsOfAContextTheToolWasNeverLaunchedInAreRejected() throws Exception {
    tool1LineItem();
    HttpResponse<String> r = call("GET", URI.create(world.issuer + "/lti/platform/nrps/" + LtiWorld.CONTEXT + "/memberships"),
        accessToken(tool2Key, "tool-2", LtiClaims.SCOPE_NRPS), null);
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void serviceCallsWithATokenLackingTheScopeAreRejected() throws Exception {
    URI item = tool1LineItem();
    HttpResponse<String> r = call("POST", URI.create(item + "/scores"), accessToken(toolKey, LtiWorld.CLIENT_ID, LtiClaims.SCOPE_NRPS),
        scoreBody());
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void serviceCallsWithoutAValidTokenAreRejected() throws Exception {
    URI item = tool1LineItem();
    assertThat(call("POST", URI.create(item + "/scores"), "forged", scoreBody()).statusCode()).isEqualTo(401);
    world.clock.advance(LtiPlatform.ACCESS_TOKEN_TTL.plusSeconds(1));
    String expired = accessToken(toolKey, LtiWorld.CLIENT_ID, LtiClaims.SCOPE_SCORE);
    world.clock.advance(LtiPlatform.ACCESS_TOKEN_TTL.plusSeconds(1));
    assertThat(call("POST", URI.create(item + "/scores"), expired, scoreBody()).statusCode()).isEqualTo(401);
  }

  @Test
  void deepLinkingResponseWhoseDataWasNotIssuedIsRejected() {
    Instant now = world.clock.instant();
    String jwt = ToolTokens.sign(toolKey, new JWTClaimsSet.Builder().issuer(LtiWorld.CLIENT_ID).audience(world.issuer)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).claim("nonce", "n")
        .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.DEEP_LINKING_RESPONSE).claim(LtiClaims.VERSION, "1.3.0")
        .claim(LtiClaims.DEPLOYMENT_ID, LtiWorld.DEPLOYMENT).claim(LtiClaims.DL_DATA, "forged")
        .claim(LtiClaims.DL_CONTENT_ITEMS, List.of()).build());
    rejected(() -> world.platform.acceptDeepLinkingResponse(jwt), "data_mismatch");
  }
}
