package org.learntrace.lti;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The tool side of LTI 1.3: OIDC third-party login initiation, launch (id_token) validation with
 * state and nonce bound to the browser, Deep Linking responses, LTI Advantage service calls and
 * Dynamic Registration. Thread-safe; build one per tool with {@link #builder()}.
 *
 * <pre>{@code
 * LtiTool tool = LtiTool.builder()
 *     .launchUrl(URI.create("https://tool.example/lti/tool/launch"))
 *     .targetLinkUris(Set.of(URI.create("https://tool.example/lti/tool/launch")))
 *     .platforms(registry).build();
 * LtiTool.LoginRedirect r = tool.login(params);        // redirect the browser, set r.cookie()
 * LtiTool.LaunchResult l = tool.launch(form, cookies); // LtiLaunch, or a platform-storage page
 * }</pre>
 */
public final class LtiTool {
  /** Default allowed clock skew: the most reported launch failure in every library. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  /** Default lifetime of a pending login (state and nonce). */
  public static final Duration DEFAULT_LOGIN_TTL = Duration.ofMinutes(10);
  /** Name prefix of the cookie that binds a state to the browser. */
  public static final String STATE_COOKIE_PREFIX = "lt_lti_state_";
  /** Form field carrying the binding read back from platform storage. */
  static final String STORAGE_BINDING_FIELD = "lt_storage_binding";

  private final Clock clock;
  private final PlatformRegistry platforms;
  private final LtiStateStore state;
  private final KeyRing keys;
  private final URI launchUrl;
  private final Set<URI> targetLinkUris;
  private final Duration loginTtl;
  private final JwtVerifier verifier;
  private final LtiEventSink events;
  private final Pseudonyms pseudonyms;
  private final Function<String, Optional<String>> lti11Secrets;
  private final AdvantageServices services;
  private final DynamicRegistration dynamicRegistration;

  private LtiTool(Builder b) {
    this.clock = b.clock;
    this.platforms = Objects.requireNonNull(b.platforms, "platforms");
    this.state = b.state != null ? b.state : LtiStateStore.inMemory(b.clock);
    this.keys = new KeyRing(b.keys, b.clock, 2);
    this.launchUrl = Objects.requireNonNull(b.launchUrl, "launchUrl");
    this.targetLinkUris = Set.copyOf(b.targetLinkUris.isEmpty() ? Set.of(b.launchUrl) : b.targetLinkUris);
    this.loginTtl = b.loginTtl;
    this.verifier = new JwtVerifier(b.clock, b.clockSkew, b.jwksCacheTtl, b.jwksRefetchMinInterval);
    this.events = b.events;
    this.pseudonyms = b.pseudonyms;
    this.lti11Secrets = b.lti11Secrets;
    HttpClient http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.services = new AdvantageServices(http, platforms, keys, clock);
    this.services.research(events, pseudonyms);
    this.dynamicRegistration = new DynamicRegistration(http, platforms, b.loginUrl, launchUrl, b.jwksUrl, b.name);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where to send the browser after login initiation, and the cookie that binds the state to it. */
  public record LoginRedirect(URI authorizationRequest, String state, String cookieName, String cookieValue,
      Duration cookieMaxAge, String platformStoragePage) {
    /** True when the platform offered platform storage: answer with {@link #platformStoragePage()}. */
    public boolean usesPlatformStorage() {
      return platformStoragePage != null;
    }
  }

  /** The outcome of a launch request. */
  public sealed interface LaunchResult permits Launched, PlatformStorageCheck {}

  /** A validated launch; clear the cookie named {@code usedCookieName}. */
  public record Launched(LtiLaunch launch, String usedCookieName) implements LaunchResult {}

  /**
   * No state cookie came back (third-party cookies blocked) and the platform offered storage:
   * answer with {@code page}, which reads the binding from platform storage and posts again.
   */
  public record PlatformStorageCheck(String page) implements LaunchResult {}

  record PendingLogin(String issuer, String clientId, String nonce, String targetLinkUri, String binding,
      String storageTarget, String platformOrigin) {}

  /**
   * Handles OIDC third-party login initiation ({@code iss}, {@code login_hint}, {@code target_link_uri},
   * optional {@code client_id}, {@code lti_message_hint}, {@code lti_deployment_id},
   * {@code lti_storage_target}).
   *
   * @throws LtiException for an unknown issuer or client id or an unregistered target_link_uri
   */
  public LoginRedirect login(Map<String, String> params) {
    String iss = params.get("iss");
    String loginHint = params.get("login_hint");
    String target = params.get("target_link_uri");
    if (iss == null || iss.isBlank()) {
      throw new LtiException("iss_missing", "login initiation has no iss");
    }
    if (loginHint == null || loginHint.isBlank()) {
      throw new LtiException("login_hint_missing", "login initiation has no login_hint");
    }
    PlatformRegistration reg = resolve(iss, params.get("client_id"));
    if (target == null || !targetLinkUris.contains(parseUri(target, "target_link_uri"))) {
      throw new LtiException("target_link_uri_unregistered", "target_link_uri " + target + " is not registered with this tool");
    }
    String deployment = params.get("lti_deployment_id");
    if (deployment != null && !reg.deploymentIds().contains(deployment)) {
      throw new LtiException("deployment_unregistered", "lti_deployment_id " + deployment + " is not registered");
    }
    String stateValue = Tokens.random();
    String nonce = Tokens.random();
    String binding = Tokens.random();
    String storageTarget = params.get("lti_storage_target");
    String origin = origin(reg.authorizationUrl());
    Instant expires = clock.instant().plus(loginTtl);
    state.put(stateKey(stateValue), Json.write(new PendingLogin(iss, reg.clientId(), nonce, target, binding,
        storageTarget, origin)), expires);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("scope", "openid");
    q.put("response_type", "id_token");
    q.put("response_mode", "form_post");
    q.put("prompt", "none");
    q.put("client_id", reg.clientId());
    q.put("redirect_uri", launchUrl.toString());
    q.put("login_hint", loginHint);
    if (params.get("lti_message_hint") != null) {
      q.put("lti_message_hint", params.get("lti_message_hint"));
    }
    q.put("state", stateValue);
    q.put("nonce", nonce);
    URI auth = withQuery(reg.authorizationUrl(), q);
    String page = storageTarget == null ? null : PlatformStoragePages.storeAndRedirect(storageTarget, origin,
        STATE_COOKIE_PREFIX + stateValue, binding, auth);
    return new LoginRedirect(auth, stateValue, STATE_COOKIE_PREFIX + stateValue, binding, loginTtl, page);
  }

  /**
   * Validates a launch: the form_post of {@code id_token} and {@code state}, with the cookies the
   * browser sent. Every failure is an {@link LtiException} naming the rule.
   */
  public LaunchResult launch(Map<String, String> form, Map<String, String> cookies) {
    String stateValue = form.get("state");
    if (stateValue == null || stateValue.isBlank()) {
      throw new LtiException("state_missing", "the launch has no state");
    }
    PendingLogin pending = state.get(stateKey(stateValue)).map(s -> Json.read(s, PendingLogin.class))
        .orElseThrow(() -> new LtiException("state_unknown", "state was never issued by this tool, expired or was already used"));
    String cookieName = STATE_COOKIE_PREFIX + stateValue;
    String cookie = cookies.get(cookieName);
    String stored = form.get(STORAGE_BINDING_FIELD);
    if (cookie != null) {
      if (!Tokens.constantTimeEquals(cookie, pending.binding())) {
        throw new LtiException("state_mismatch", "the state cookie does not match the state");
      }
    } else if (pending.storageTarget() != null && stored == null) {
      return new PlatformStorageCheck(PlatformStoragePages.readAndRepost(pending.storageTarget(), pending.platformOrigin(),
          cookieName, launchUrl, form));
    } else if (pending.storageTarget() == null || !Tokens.constantTimeEquals(stored, pending.binding())) {
      throw new LtiException("state_not_bound_to_browser", "no state cookie or platform-storage value matches the state");
    }
    PlatformRegistration reg = platforms.find(pending.issuer(), pending.clientId())
        .orElseThrow(() -> new LtiException("platform_unregistered", "platform " + pending.issuer() + " is no longer registered"));
    JWTClaimsSet claims = verifier.verifySignature(form.get("id_token"), reg.jwksUrl());
    if (!reg.issuer().equals(claims.getIssuer())) {
      throw new LtiException("iss_mismatch", "iss " + claims.getIssuer() + " is not " + reg.issuer());
    }
    JwtVerifier.checkAudience(claims, reg.clientId(), "aud_mismatch");
    Object azp = claims.getClaim("azp");
    if (azp != null && !reg.clientId().equals(azp)) {
      throw new LtiException("azp_mismatch", "azp " + azp + " is not the client_id " + reg.clientId());
    }
    if (azp == null && claims.getAudience().size() > 1) {
      throw new LtiException("azp_missing", "aud has several values and no azp");
    }
    verifier.checkTimes(claims);
    Object nonceClaim = claims.getClaim("nonce");
    if (nonceClaim != null && !(nonceClaim instanceof String)) {
      throw new LtiException("nonce_not_issued", "claim nonce must be a string");
    }
    String nonce = (String) nonceClaim;
    if (nonce == null || !Tokens.constantTimeEquals(nonce, pending.nonce())) {
      throw new LtiException("nonce_not_issued", "the id_token nonce was not issued for this state");
    }
    // A nonce is kept at least as long as the token is valid plus the skew (ltijs kept them 10 s: issue #175).
    Instant keepUntil = max(claims.getExpirationTime().toInstant().plusSeconds(verifier.skewSeconds()),
        clock.instant().plus(loginTtl));
    if (!state.putIfAbsent(nonceUsedKey(reg.issuer(), nonce), "used", keepUntil)) {
      throw new LtiException("nonce_replayed", "the id_token nonce was seen before");
    }
    if (state.take(stateKey(stateValue)).isEmpty()) {
      throw new LtiException("state_reused", "the state was used concurrently");
    }
    checkLtiClaims(claims, reg, pending);
    LtiLaunch launch = LaunchClaimsReader.read(claims, reg.clientId(), Lti11MigrationClaim.verify(claims, reg.clientId(), lti11Secrets));
    events.accept(new LtiLaunchEvent(clock.instant(), LtiEvent.Side.TOOL, launch.issuer(), launch.deploymentId(),
        pseudonyms.actor(launch.issuer(), launch.subject()), ResearchRole.of(launch.roles()),
        launch.contextId().orElse(null), launch.resourceLink() == null ? null : launch.resourceLink().id(),
        launch.messageType(), LtiClaims.LTI_VERSION));
    return new Launched(launch, cookieName);
  }

  private void checkLtiClaims(JWTClaimsSet claims, PlatformRegistration reg, PendingLogin pending) {
    Map<String, Object> c = claims.toJSONObject();
    // Identifiers and the values rules compare must be JSON strings: no coercion of numbers or booleans.
    String deployment = LaunchClaimsReader.requiredString(c, LtiClaims.DEPLOYMENT_ID);
    if (deployment == null || !reg.deploymentIds().contains(deployment)) {
      throw new LtiException("deployment_unregistered", "deployment_id " + deployment + " is not registered for "
          + reg.issuer());
    }
    String version = LaunchClaimsReader.requiredString(c, LtiClaims.VERSION);
    if (!LtiClaims.LTI_VERSION.equals(version)) {
      throw new LtiException("version_unsupported", "version " + version + " is not 1.3.0");
    }
    if (claims.getSubject() != null && claims.getSubject().isEmpty()) {
      throw new LtiException("sub_empty", "sub must not be empty when present");
    }
    String type = LaunchClaimsReader.requiredString(c, LtiClaims.MESSAGE_TYPE);
    if (LtiClaims.RESOURCE_LINK_REQUEST.equals(type)) {
      Map<String, Object> rl = LaunchClaimsReader.map(c, LtiClaims.RESOURCE_LINK);
      String id = rl == null ? null : LaunchClaimsReader.requiredString(rl, "id");
      if (id == null || id.isEmpty()) {
        throw new LtiException("resource_link_missing", "a resource-link launch must carry resource_link.id");
      }
    } else if (LtiClaims.DEEP_LINKING_REQUEST.equals(type)) {
      Map<String, Object> dl = LaunchClaimsReader.map(c, LtiClaims.DL_SETTINGS);
      String returnUrl = dl == null ? null : LaunchClaimsReader.requiredString(dl, "deep_link_return_url");
      if (returnUrl == null || returnUrl.isEmpty()) {
        throw new LtiException("deep_linking_settings_missing", "a deep-linking request must carry deep_link_return_url");
      }
      // The tool's browser posts the response there: a javascript: or relative URL would run in or hit the tool's origin.
      if (!LaunchClaimsReader.isAbsoluteHttpUrl(returnUrl)) {
        throw new LtiException("deep_link_return_url_invalid", "deep_link_return_url must be an absolute http(s) URL");
      }
    } else {
      throw new LtiException("message_type_unknown", "message_type " + type + " is not supported");
    }
    String roles = c.containsKey(LtiClaims.ROLES) ? "present" : null;
    if (roles == null) {
      throw new LtiException("roles_missing", "the roles claim is required");
    }
    String target = LaunchClaimsReader.requiredString(c, LtiClaims.TARGET_LINK_URI);
    if (LtiClaims.RESOURCE_LINK_REQUEST.equals(type)) {
      // LTI 1.3 Core 5.3.4: required in a resource-link launch, and the one the login named.
      if (target == null || target.isEmpty()) {
        throw new LtiException("target_link_uri_missing", "a resource-link launch must carry target_link_uri");
      }
      if (!target.equals(pending.targetLinkUri())) {
        throw new LtiException("target_link_uri_mismatch", "target_link_uri " + target + " differs from the login's");
      }
    }
  }

  /**
   * Signs an {@code LtiDeepLinkingResponse} for {@code launch} with the tool's key.
   *
   * @param contentItems content items as JSON objects ({@code type}, {@code url}, {@code title}, ...)
   * @return the JWT to post as {@code JWT} to {@link LtiLaunch.DeepLinkingSettings#returnUrl()}
   */
  public String deepLinkingResponse(LtiLaunch launch, List<Map<String, Object>> contentItems) {
    if (!launch.isDeepLinkingRequest() || launch.deepLinking() == null) {
      throw new LtiException("not_deep_linking", "the launch is not an LtiDeepLinkingRequest");
    }
    Instant now = clock.instant();
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
        .issuer(launch.clientId()).audience(launch.issuer())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(Tokens.random())
        .claim("nonce", Tokens.random())
        .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.DEEP_LINKING_RESPONSE)
        .claim(LtiClaims.VERSION, LtiClaims.LTI_VERSION)
        .claim(LtiClaims.DEPLOYMENT_ID, launch.deploymentId())
        .claim(LtiClaims.DL_CONTENT_ITEMS, contentItems);
    if (launch.deepLinking().data() != null) {
      b.claim(LtiClaims.DL_DATA, launch.deepLinking().data());
    }
    return keys.sign(b.build());
  }

  /** The auto-submitting page that returns a deep-linking response to the platform. */
  public String deepLinkingResponsePage(LtiLaunch launch, List<Map<String, Object>> contentItems) {
    return Html.autoPostForm(launch.deepLinking().returnUrl(), Map.of("JWT", deepLinkingResponse(launch, contentItems)));
  }

  /** The tool's public keys, for its JWKS endpoint. */
  public JWKSet publicJwks() {
    return keys.publicJwks();
  }

  /** Adds a new signing key; the previous one stays published until the next rotation. */
  public void rotateKeys() {
    keys.rotate();
  }

  /** AGS and NRPS calls on behalf of a launch. */
  public AdvantageServices services() {
    return services;
  }

  /**
   * LTI Dynamic Registration: fetches the platform's {@code openid_configuration}, registers this
   * tool with {@code registration_token} and saves the resulting {@link PlatformRegistration}.
   */
  public PlatformRegistration registerWith(URI openidConfiguration, String registrationToken) {
    return dynamicRegistration.register(openidConfiguration, registrationToken);
  }

  private PlatformRegistration resolve(String iss, String clientId) {
    if (clientId != null && !clientId.isBlank()) {
      return platforms.find(iss, clientId).orElseThrow(() ->
          new LtiException("platform_unregistered", "iss " + iss + " with client_id " + clientId + " is not registered"));
    }
    List<PlatformRegistration> regs = platforms.findByIssuer(iss);
    if (regs.size() != 1) {
      throw new LtiException("platform_unregistered", regs.isEmpty() ? "iss " + iss + " is not registered"
          : "iss " + iss + " has several registrations and login initiation named no client_id");
    }
    return regs.get(0);
  }

  private static String stateKey(String s) {
    return "tool-state:" + s;
  }

  private static String nonceUsedKey(String iss, String n) {
    return "tool-nonce-used:" + iss + ":" + n;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static URI parseUri(String s, String field) {
    try {
      return new URI(s);
    } catch (java.net.URISyntaxException e) {
      throw new LtiException("uri_invalid", field + " is not a URI at index " + e.getIndex());
    }
  }

  static String origin(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
  }

  static URI withQuery(URI base, Map<String, String> q) {
    StringBuilder b = new StringBuilder(base.toString());
    b.append(base.getRawQuery() == null ? '?' : '&');
    boolean first = true;
    for (Map.Entry<String, String> e : q.entrySet()) {
      if (!first) {
        b.append('&');
      }
      first = false;
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return URI.create(b.toString());
  }

  /** Builder; {@link #platforms} and {@link #launchUrl} are required. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private PlatformRegistry platforms;
    private LtiStateStore state;
    private SigningKeyStore keys = SigningKeyStore.inMemory();
    private URI launchUrl;
    private URI loginUrl;
    private URI jwksUrl;
    private String name = "LearnTrace tool";
    private Set<URI> targetLinkUris = Set.of();
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration loginTtl = DEFAULT_LOGIN_TTL;
    private Duration jwksCacheTtl = Duration.ofMinutes(5);
    private Duration jwksRefetchMinInterval = Duration.ofSeconds(30);
    private LtiEventSink events = LtiEventSink.NOOP;
    private Pseudonyms pseudonyms = Pseudonyms.randomKey();
    private Function<String, Optional<String>> lti11Secrets = k -> Optional.empty();
    private HttpClient http;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder platforms(PlatformRegistry platforms) {
      this.platforms = platforms;
      return this;
    }

    /** Default: {@link LtiStateStore#inMemory(Clock)}. Use a JDBC store when several nodes serve the tool. */
    public Builder stateStore(LtiStateStore store) {
      this.state = store;
      return this;
    }

    public Builder signingKeys(SigningKeyStore keys) {
      this.keys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /** The tool's launch URL: the {@code redirect_uri} of every authorization request. */
    public Builder launchUrl(URI launchUrl) {
      this.launchUrl = launchUrl;
      return this;
    }

    /** The tool's login-initiation and JWKS URLs, sent during Dynamic Registration. */
    public Builder endpoints(URI loginUrl, URI jwksUrl) {
      this.loginUrl = loginUrl;
      this.jwksUrl = jwksUrl;
      return this;
    }

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The target_link_uri values login initiation may name; default: the launch URL only. */
    public Builder targetLinkUris(Set<URI> uris) {
      this.targetLinkUris = Set.copyOf(uris);
      return this;
    }

    /** Allowed clock skew for exp and iat, 0 to 60 s; default {@link #DEFAULT_CLOCK_SKEW}. */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("clockSkew must be between 0 and 60 s, was " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    public Builder loginTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("loginTtl must be positive, was " + ttl);
      }
      this.loginTtl = ttl;
      return this;
    }

    /** JWKS cache lifetime (default 5 min) and minimum interval between refetches on an unknown kid (default 30 s). */
    public Builder jwksCache(Duration ttl, Duration refetchMinInterval) {
      this.jwksCacheTtl = ttl;
      this.jwksRefetchMinInterval = refetchMinInterval;
      return this;
    }

    /** Research events and the key of their pseudonymous actors (at least 16 bytes). */
    public Builder researchEvents(LtiEventSink sink, byte[] pseudonymKey) {
      this.events = Objects.requireNonNull(sink, "sink");
      this.pseudonyms = new Pseudonyms(pseudonymKey);
      return this;
    }

    /** LTI 1.1 secrets by consumer key, to verify the 1.1 → 1.3 migration claim. */
    public Builder lti11Secrets(Function<String, Optional<String>> secrets) {
      this.lti11Secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    public LtiTool build() {
      return new LtiTool(this);
    }
  }
}
