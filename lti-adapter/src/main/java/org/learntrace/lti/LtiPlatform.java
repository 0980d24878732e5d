package org.learntrace.lti;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The platform side of LTI 1.3 and LTI Advantage: a tool registry with deployments, OIDC
 * third-party login initiation and the authorization endpoint, RS256 id_tokens, a JWKS with key
 * rotation, the OAuth 2 token endpoint (client credentials, {@code private_key_jwt}), Deep Linking
 * returns, and AGS 2.0 / NRPS 2.0 services scoped to the calling tool's own contexts.
 * {@link PlatformResource} exposes it over HTTP under {@link #baseUrl()}.
 *
 * <pre>{@code
 * LtiPlatform platform = LtiPlatform.builder()
 *     .issuer("https://lms.example").baseUrl(URI.create("https://lms.example/lti/platform"))
 *     .tools(registry).roster(roster).build();
 * LtiPlatform.LoginInitiation go = platform.initiateLaunch(launch, sessionId); // redirect the browser
 * }</pre>
 */
public final class LtiPlatform {
  /** Lifetime of id_tokens; the tool must use them at once. */
  public static final Duration ID_TOKEN_TTL = Duration.ofMinutes(5);
  /** Lifetime of access tokens from the token endpoint. */
  public static final Duration ACCESS_TOKEN_TTL = Duration.ofHours(1);
  /** Default name of the cookie holding the platform's browser session. */
  public static final String DEFAULT_SESSION_COOKIE = "lt_platform_session";

  private final Clock clock;
  private final String issuer;
  private final URI baseUrl;
  private final ToolRegistry tools;
  private final LtiStateStore state;
  private final KeyRing keys;
  private final Gradebook gradebook;
  private final Roster roster;
  private final JwtVerifier verifier;
  private final LtiEventSink events;
  private final Pseudonyms pseudonyms;
  private final Function<String, Optional<String>> lti11Secrets;
  private final String sessionCookie;
  private final PlatformServices services;

  private LtiPlatform(Builder b) {
    this.clock = b.clock;
    this.issuer = Objects.requireNonNull(b.issuer, "issuer");
    this.baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl");
    this.tools = Objects.requireNonNull(b.tools, "tools");
    this.state = b.state != null ? b.state : LtiStateStore.inMemory(b.clock);
    this.keys = new KeyRing(b.keys, b.clock, 2);
    this.gradebook = b.gradebook;
    this.roster = b.roster;
    this.verifier = new JwtVerifier(b.clock, b.clockSkew, Duration.ofMinutes(5), Duration.ofSeconds(30));
    this.events = b.events;
    this.pseudonyms = b.pseudonyms;
    this.lti11Secrets = b.lti11Secrets;
    this.sessionCookie = b.sessionCookie;
    this.services = new PlatformServices(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where to send the browser to start a launch: the tool's login URL with these parameters. */
  public record LoginInitiation(URI loginUrl, Map<String, String> params) {
    /** The login URL with the parameters as a query string (a GET redirect). */
    public URI redirect() {
      return LtiTool.withQuery(loginUrl, params);
    }
  }

  /** The id_token and state to post to the tool's redirect URI. */
  public record AuthorizationResponse(URI redirectUri, Map<String, String> form) {
    /** The auto-submitting form_post page. */
    public String page() {
      return Html.autoPostForm(redirectUri, form);
    }
  }

  /** A Deep Linking 2.0 return: what a teacher chose in the tool. */
  public record DeepLinkingReturn(String clientId, String deploymentId, String contextId,
      List<Map<String, Object>> contentItems, String message) {}

  record PendingLogin(PlatformLaunch launch, String session, String messageHint) {}

  record PendingDeepLink(String clientId, String deploymentId, String contextId, String userId) {}

  record Grant(String clientId, Set<String> scopes) {}

  public String issuer() {
    return issuer;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public URI authorizationUrl() {
    return URI.create(baseUrl + "/auth");
  }

  public URI tokenUrl() {
    return URI.create(baseUrl + "/token");
  }

  public URI jwksUrl() {
    return URI.create(baseUrl + "/jwks");
  }

  public URI deepLinkingReturnUrl() {
    return URI.create(baseUrl + "/deep-linking/return");
  }

  String sessionCookie() {
    return sessionCookie;
  }

  /**
   * Starts a launch for the browser whose platform session is {@code browserSession}: the launch is
   * kept server-side, bound to that session, under an unguessable {@code login_hint}.
   */
  public LoginInitiation initiateLaunch(PlatformLaunch launch, String browserSession) {
    Objects.requireNonNull(browserSession, "browserSession");
    ToolRegistration tool = tools.find(launch.clientId())
        .orElseThrow(() -> new IllegalArgumentException("tool " + launch.clientId() + " is not registered"));
    if (!tool.deploymentIds().contains(launch.deploymentId())) {
      throw new IllegalArgumentException("deployment " + launch.deploymentId() + " is not a deployment of " + tool.clientId());
    }
    String loginHint = Tokens.random();
    String messageHint = Tokens.random();
    state.put("platform-login:" + loginHint, Json.write(new PendingLogin(launch, Tokens.sha256(browserSession), messageHint)),
        clock.instant().plus(Duration.ofMinutes(10)));
    URI target = launch.targetLinkUri() != null ? launch.targetLinkUri() : tool.targetLinkUri();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("iss", issuer);
    p.put("login_hint", loginHint);
    p.put("target_link_uri", target.toString());
    p.put("lti_message_hint", messageHint);
    p.put("client_id", tool.clientId());
    p.put("lti_deployment_id", launch.deploymentId());
    return new LoginInitiation(tool.oidcLoginUrl(), p);
  }

  /**
   * The OIDC authorization endpoint. Accepts only {@code scope=openid}, {@code response_type=id_token},
   * {@code response_mode=form_post}, {@code prompt=none}, a registered {@code redirect_uri} (exact
   * match), and a {@code login_hint} this platform issued to the same browser session.
   */
  public AuthorizationResponse authorize(Map<String, String> params, String browserSession) {
    require(params, "scope", "openid");
    require(params, "response_type", "id_token");
    require(params, "response_mode", "form_post");
    require(params, "prompt", "none");
    ToolRegistration tool = tools.find(params.get("client_id"))
        .orElseThrow(() -> new LtiException("client_unknown", "client_id " + params.get("client_id") + " is not registered"));
    String redirect = params.get("redirect_uri");
    if (redirect == null || tool.redirectUris().stream().noneMatch(u -> u.toString().equals(redirect))) {
      throw new LtiException("redirect_uri_unregistered", "redirect_uri " + redirect + " is not registered for " + tool.clientId());
    }
    String nonce = params.get("nonce");
    if (nonce == null || nonce.isBlank()) {
      throw new LtiException("nonce_missing", "the authorization request has no nonce");
    }
    String loginHint = params.get("login_hint");
    PendingLogin pending = loginHint == null ? null : state.get("platform-login:" + loginHint)
        .map(s -> Json.read(s, PendingLogin.class)).orElse(null);
    if (pending == null || browserSession == null
        || !Tokens.constantTimeEquals(pending.session(), Tokens.sha256(browserSession))) {
      throw new LtiException("login_not_initiated", "no login was initiated for this browser session and login_hint");
    }
    if (!Tokens.constantTimeEquals(pending.messageHint(), params.get("lti_message_hint"))) {
      throw new LtiException("message_hint_mismatch", "lti_message_hint does not match the initiated login");
    }
    PlatformLaunch launch = pending.launch();
    if (!launch.clientId().equals(tool.clientId())) {
      throw new LtiException("client_mismatch", "client_id " + tool.clientId() + " is not the client of the initiated login");
    }
    if (state.take("platform-login:" + loginHint).isEmpty()) {
      throw new LtiException("login_not_initiated", "the login was already used");
    }
    String idToken = keys.sign(idTokenClaims(launch, tool, nonce));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("id_token", idToken);
    if (params.get("state") != null) {
      form.put("state", params.get("state"));
    }
    events.accept(new LtiLaunchEvent(clock.instant(), LtiEvent.Side.PLATFORM, issuer, launch.deploymentId(),
        pseudonyms.actor(issuer, launch.user().id()), ResearchRole.of(launch.user().roles()),
        launch.context() == null ? null : launch.context().id(),
        launch.resourceLink() == null ? null : launch.resourceLink().id(), launch.messageType(), LtiClaims.LTI_VERSION));
    return new AuthorizationResponse(URI.create(redirect), form);
  }

  private JWTClaimsSet idTokenClaims(PlatformLaunch launch, ToolRegistration tool, String nonce) {
    Instant now = clock.instant();
    URI target = launch.targetLinkUri() != null ? launch.targetLinkUri() : tool.targetLinkUri();
    JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
        .issuer(issuer).subject(launch.user().id()).audience(tool.clientId())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ID_TOKEN_TTL)))
        .claim("azp", tool.clientId())
        .claim("nonce", nonce)
        .claim(LtiClaims.MESSAGE_TYPE, launch.messageType())
        .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
        .claim(LtiClaims.DEPLOYMENT_ID, launch.deploymentId())
        .claim(LtiClaims.TARGET_LINK_URI, target.toString())
        .claim(LtiClaims.ROLES, launch.user().roles())
        .claim(LtiClaims.TOOL_PLATFORM, Map.of("guid", issuer, "product_family_code", "learntrace"));
    LaunchClaimMaps.putPerson(c, launch.user().person());
    if (!launch.custom().isEmpty()) {
      c.claim(LtiClaims.CUSTOM, launch.custom());
    }
    if (launch.resourceLink() != null) {
      c.claim(LtiClaims.RESOURCE_LINK, LaunchClaimMaps.resourceLink(launch.resourceLink()));
    }
    LtiLaunch.Context ctx = launch.context();
    if (ctx != null) {
      c.claim(LtiClaims.CONTEXT, LaunchClaimMaps.context(ctx));
      gradebook.linkContext(tool.clientId(), launch.deploymentId(), ctx.id());
      Set<String> ags = new LinkedHashSet<>(tool.scopes());
      ags.retainAll(Set.of(LtiClaims.SCOPE_LINEITEM, LtiClaims.SCOPE_LINEITEM_READONLY, LtiClaims.SCOPE_RESULT_READONLY,
          LtiClaims.SCOPE_SCORE));
      if (!ags.isEmpty()) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("scope", List.copyOf(ags));
        endpoint.put("lineitems", lineItemsUrl(ctx.id()).toString());
        if (launch.lineItemScoreMaximum() != null && launch.resourceLink() != null) {
          endpoint.put("lineitem", lineItemUrl(ctx.id(), resourceLinkLineItem(tool.clientId(), launch).id()).toString());
        }
        c.claim(LtiClaims.AGS_ENDPOINT, endpoint);
      }
      if (tool.scopes().contains(LtiClaims.SCOPE_NRPS)) {
        c.claim(LtiClaims.NRPS, Map.of("context_memberships_url", membershipsUrl(ctx.id()).toString(),
            "service_versions", List.of("2.0")));
      }
    }
    if (LtiClaims.DEEP_LINKING_REQUEST.equals(launch.messageType())) {
      String data = Tokens.random();
      state.put("platform-dl:" + data, Json.write(new PendingDeepLink(tool.clientId(), launch.deploymentId(),
          ctx == null ? null : ctx.id(), launch.user().id())), now.plus(Duration.ofHours(1)));
      Map<String, Object> dl = new LinkedHashMap<>();
      dl.put("deep_link_return_url", deepLinkingReturnUrl().toString());
      dl.put("accept_types", List.of("ltiResourceLink", "link"));
      dl.put("accept_presentation_document_targets", List.of("iframe", "window"));
      dl.put("accept_multiple", true);
      dl.put("auto_create", true);
      dl.put("data", data);
      c.claim(LtiClaims.DL_SETTINGS, dl);
    }
    if (launch.lti11ConsumerKey() != null) {
      String secret = lti11Secrets.apply(launch.lti11ConsumerKey()).orElseThrow(() ->
          new IllegalArgumentException("no LTI 1.1 secret for consumer key " + launch.lti11ConsumerKey()));
      long exp = now.plus(ID_TOKEN_TTL).getEpochSecond();
      c.expirationTime(new Date(exp * 1000));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user_id", launch.user().id());
      m.put("oauth_consumer_key", launch.lti11ConsumerKey());
      m.put("oauth_consumer_key_sign", Lti11MigrationClaim.sign(launch.lti11ConsumerKey(), secret, launch.deploymentId(),
          issuer, tool.clientId(), exp, nonce));
      if (launch.resourceLink() != null) {
        m.put("resource_link_id", launch.resourceLink().id());
      }
      c.claim(LtiClaims.LTI1P1, m);
    }
    return c.build();
  }

  private Gradebook.LineItem resourceLinkLineItem(String clientId, PlatformLaunch launch) {
    String ctx = launch.context().id();
    for (Gradebook.LineItem i : gradebook.lineItems(clientId, ctx)) {
      if (launch.resourceLink().id().equals(i.resourceLinkId())) {
        return i;
      }
    }
    String label = launch.resourceLink().title() != null ? launch.resourceLink().title() : launch.resourceLink().id();
    Gradebook.LineItem item = new Gradebook.LineItem(Tokens.random(), clientId, launch.deploymentId(), ctx,
        launch.resourceLink().id(), null, null, label, launch.lineItemScoreMaximum());
    gradebook.saveLineItem(item);
    return item;
  }

  /** The platform's public keys for its JWKS endpoint (current and previous). */
  public JWKSet publicJwks() {
    return keys.publicJwks();
  }

  /** Signs with a new key from now on; the previous key stays published until the next rotation. */
  public void rotateKeys() {
    keys.rotate();
  }

  /**
   * The OAuth 2 token endpoint (client credentials with a {@code private_key_jwt} client assertion).
   *
   * @return the token response as JSON
   * @throws LtiException whose {@link #oauthError(LtiException)} is the OAuth error code
   */
  public String token(Map<String, String> form) {
    if (!"client_credentials".equals(form.get("grant_type"))) {
      throw new LtiException("grant_type_unsupported", "grant_type " + form.get("grant_type") + " is not client_credentials");
    }
    if (!LtiClaims.CLIENT_ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
      throw new LtiException("assertion_type_unsupported", "client_assertion_type must be " + LtiClaims.CLIENT_ASSERTION_TYPE);
    }
    String assertion = form.get("client_assertion");
    String claimedIssuer = unverifiedIssuer(assertion);
    ToolRegistration tool = tools.find(claimedIssuer).orElseThrow(() ->
        LtiException.unauthorized("assertion_iss_unknown", "client assertion iss " + claimedIssuer + " is not a registered client_id"));
    JWTClaimsSet claims;
    try {
      claims = verifier.verifySignature(assertion, tool.jwksUrl());
    } catch (LtiException e) {
      throw new LtiException("assertion_signature_invalid", "client assertion does not verify against the tool's JWKS ("
          + e.rule() + ")", 401, e);
    }
    if (!tool.clientId().equals(claims.getSubject())) {
      throw LtiException.unauthorized("assertion_sub_mismatch", "client assertion sub " + claims.getSubject()
          + " is not the client_id " + tool.clientId());
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(tokenUrl().toString())) {
      throw LtiException.unauthorized("assertion_aud_mismatch", "client assertion aud " + claims.getAudience()
          + " does not contain the token endpoint " + tokenUrl());
    }
    verifier.checkTimes(claims);
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      throw LtiException.unauthorized("assertion_jti_missing", "client assertion has no jti");
    }
    Instant keep = claims.getExpirationTime().toInstant().plusSeconds(verifier.skewSeconds());
    if (!state.putIfAbsent("platform-jti:" + tool.clientId() + ":" + jti, "seen", keep)) {
      throw LtiException.unauthorized("assertion_jti_replayed", "client assertion jti was seen before");
    }
    String scope = form.getOrDefault("scope", "").trim();
    Set<String> requested = scope.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(scope.split("\\s+")));
    if (requested.isEmpty()) {
      throw new LtiException("scope_missing", "the token request names no scope");
    }
    Set<String> notGranted = new HashSet<>(requested);
    notGranted.removeAll(tool.scopes());
    if (!notGranted.isEmpty()) {
      throw new LtiException("scope_not_granted", "scopes " + notGranted + " were never granted to " + tool.clientId());
    }
    String token = Tokens.random();
    state.put("platform-token:" + token, Json.write(new Grant(tool.clientId(), requested)),
        clock.instant().plus(ACCESS_TOKEN_TTL));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", token);
    answer.put("token_type", "Bearer");
    answer.put("expires_in", ACCESS_TOKEN_TTL.toSeconds());
    answer.put("scope", String.join(" ", requested));
    return Json.write(answer);
  }

  /** The OAuth 2 error code for a token endpoint failure. */
  public static String oauthError(LtiException e) {
    String r = e.rule();
    if (r.startsWith("assertion_") && !r.equals("assertion_type_unsupported")) {
      return "invalid_client";
    }
    return switch (r) {
      case "grant_type_unsupported" -> "unsupported_grant_type";
      case "scope_not_granted", "scope_missing" -> "invalid_scope";
      case "token_expired", "iat_in_future", "claim_missing" -> "invalid_grant";
      default -> "invalid_request";
    };
  }

  /**
   * Accepts a Deep Linking 2.0 response ({@code JWT} form field) signed by the tool. Its {@code data}
   * must be the one this platform sent, for the same tool and deployment.
   */
  public DeepLinkingReturn acceptDeepLinkingResponse(String jwt) {
    String claimedIssuer = unverifiedIssuer(jwt);
    ToolRegistration tool = tools.find(claimedIssuer).orElseThrow(() ->
        new LtiException("iss_unknown", "deep-linking response iss " + claimedIssuer + " is not a registered client_id"));
    JWTClaimsSet claims = verifier.verifySignature(jwt, tool.jwksUrl());
    JwtVerifier.checkAudience(claims, issuer, "aud_mismatch");
    verifier.checkTimes(claims);
    Map<String, Object> c = claims.toJSONObject();
    if (!LtiClaims.DEEP_LINKING_RESPONSE.equals(c.get(LtiClaims.MESSAGE_TYPE))) {
      throw new LtiException("message_type_unknown", "message_type " + c.get(LtiClaims.MESSAGE_TYPE)
          + " is not LtiDeepLinkingResponse");
    }
    if (!LtiClaims.LTI_VERSION.equals(c.get(LtiClaims.VERSION))) {
      throw new LtiException("version_unsupported", "version " + c.get(LtiClaims.VERSION) + " is not 1.3.0");
    }
    String deployment = LaunchClaimsReader.string(c, LtiClaims.DEPLOYMENT_ID);
    if (deployment == null || !tool.deploymentIds().contains(deployment)) {
      throw new LtiException("deployment_unregistered", "deployment_id " + deployment + " is not a deployment of "
          + tool.clientId());
    }
    if (claims.getClaim("nonce") == null) {
      throw new LtiException("nonce_missing", "the deep-linking response has no nonce");
    }
    String data = LaunchClaimsReader.string(c, LtiClaims.DL_DATA);
    PendingDeepLink pending = data == null ? null : state.take("platform-dl:" + data)
        .map(s -> Json.read(s, PendingDeepLink.class)).orElse(null);
    if (pending == null || !pending.clientId().equals(tool.clientId()) || !pending.deploymentId().equals(deployment)) {
      throw new LtiException("data_mismatch", "the deep-linking response's data was not issued to this tool and deployment");
    }
    List<Map<String, Object>> items = LaunchClaimMaps.contentItems(c.get(LtiClaims.DL_CONTENT_ITEMS));
    List<DeepLinkSelection.Item> chosen = new java.util.ArrayList<>();
    for (Map<String, Object> item : items) {
      chosen.add(new DeepLinkSelection.Item(LaunchClaimsReader.string(item, "type"), LaunchClaimsReader.string(item, "title"),
          LaunchClaimsReader.uri(item, "url")));
      Map<String, Object> li = LaunchClaimsReader.map(item, "lineItem");
      if (li != null && pending.contextId() != null) {
        Object max = li.get("scoreMaximum");
        gradebook.saveLineItem(new Gradebook.LineItem(Tokens.random(), tool.clientId(), deployment, pending.contextId(),
            null, LaunchClaimsReader.string(li, "resourceId"), LaunchClaimsReader.string(li, "tag"),
            LaunchClaimsReader.string(li, "label") != null ? LaunchClaimsReader.string(li, "label")
                : LaunchClaimsReader.string(item, "title"),
            max instanceof Number n ? n.doubleValue() : 100));
      }
    }
    events.accept(new DeepLinkSelection(clock.instant(), LtiEvent.Side.PLATFORM, issuer, deployment,
        pseudonyms.actor(issuer, pending.userId()), pending.contextId(), chosen));
    return new DeepLinkingReturn(tool.clientId(), deployment, pending.contextId(), items,
        LaunchClaimsReader.string(c, "https://purl.imsglobal.org/spec/lti-dl/claim/msg"));
  }

  /** Resolves a bearer token to the tool it was issued to; unknown or expired tokens are 401. */
  Grant grant(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw LtiException.unauthorized("token_missing", "no bearer token");
    }
    String token = authorization.substring(7).trim();
    return state.get("platform-token:" + token).map(s -> Json.read(s, Grant.class))
        .orElseThrow(() -> LtiException.unauthorized("token_unknown", "the bearer token is unknown or expired"));
  }

  PlatformServices services() {
    return services;
  }

  Gradebook gradebook() {
    return gradebook;
  }

  Roster roster() {
    return roster;
  }

  Clock clock() {
    return clock;
  }

  void emit(LtiEvent e) {
    events.accept(e);
  }

  String actor(String userId) {
    return pseudonyms.actor(issuer, userId);
  }

  URI lineItemsUrl(String contextId) {
    return URI.create(baseUrl + "/ags/" + segment(contextId) + "/lineitems");
  }

  URI lineItemUrl(String contextId, String itemId) {
    return URI.create(lineItemsUrl(contextId) + "/" + segment(itemId));
  }

  URI membershipsUrl(String contextId) {
    return URI.create(baseUrl + "/nrps/" + segment(contextId) + "/memberships");
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String unverifiedIssuer(String jwt) {
    if (jwt == null || jwt.isBlank()) {
      throw new LtiException("jwt_missing", "no JWT was sent");
    }
    try {
      return SignedJWT.parse(jwt).getJWTClaimsSet().getIssuer();
    } catch (ParseException | ClassCastException e) {
      throw new LtiException("jwt_malformed", "the JWT is not a signed JWT");
    }
  }

  private static void require(Map<String, String> params, String name, String value) {
    if (!value.equals(params.get(name))) {
      throw new LtiException("auth_request_invalid", name + " must be " + value + ", was " + params.get(name));
    }
  }

  /** Builder; {@link #issuer}, {@link #baseUrl} and {@link #tools} are required. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String issuer;
    private URI baseUrl;
    private ToolRegistry tools;
    private LtiStateStore state;
    private SigningKeyStore keys = SigningKeyStore.inMemory();
    private Gradebook gradebook = Gradebook.inMemory();
    private Roster roster = Roster.EMPTY;
    private Duration clockSkew = LtiTool.DEFAULT_CLOCK_SKEW;
    private LtiEventSink events = LtiEventSink.NOOP;
    private Pseudonyms pseudonyms = Pseudonyms.randomKey();
    private Function<String, Optional<String>> lti11Secrets = k -> Optional.empty();
    private String sessionCookie = DEFAULT_SESSION_COOKIE;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Where {@link PlatformResource} is mounted, e.g. {@code https://lms.example/lti/platform}. */
    public Builder baseUrl(URI baseUrl) {
      String s = baseUrl.toString();
      this.baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      return this;
    }

    public Builder tools(ToolRegistry tools) {
      this.tools = tools;
      return this;
    }

    public Builder stateStore(LtiStateStore store) {
      this.state = store;
      return this;
    }

    public Builder signingKeys(SigningKeyStore keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    public Builder gradebook(Gradebook gradebook) {
      this.gradebook = Objects.requireNonNull(gradebook, "gradebook");
      return this;
    }

    public Builder roster(Roster roster) {
      this.roster = Objects.requireNonNull(roster, "roster");
      return this;
    }

    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("clockSkew must be between 0 and 60 s, was " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /** Research events and the key of their pseudonymous actors (at least 16 bytes). */
    public Builder researchEvents(LtiEventSink sink, byte[] pseudonymKey) {
      this.events = Objects.requireNonNull(sink, "sink");
      this.pseudonyms = new Pseudonyms(pseudonymKey);
      return this;
    }

    /** LTI 1.1 secrets by consumer key, to sign the 1.1 → 1.3 migration claim. */
    public Builder lti11Secrets(Function<String, Optional<String>> secrets) {
      this.lti11Secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /** Name of the cookie that carries the platform's browser session; default {@value #DEFAULT_SESSION_COOKIE}. */
    public Builder sessionCookie(String name) {
      this.sessionCookie = Objects.requireNonNull(name, "name");
      return this;
    }

    public LtiPlatform build() {
      return new LtiPlatform(this);
    }
  }
}
