package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * The claims of an id_token are untrusted even after the signature check: a party that registered
 * as a platform, or a buggy platform, writes them. Here every id_token is SIGNED with the key of a
 * platform the tool trusts, so the signature passes and the claim checks and the claims reader are
 * reached.
 *
 * <p>Contract of {@link LtiTool#launch}: either a launch that satisfies the LTI rules (checked here
 * against the raw claims, independently of the tool), or an {@link LtiException} with a rule and a
 * message; never another exception, and never a rule that blames the signature or the key.
 *
 * <p>In {@code mvn verify} this runs in regression mode over {@code
 * src/test/resources/org/learntrace/lti/LaunchClaimsFuzzTestInputs/<method>}; to fuzz, one method at
 * a time: {@code JAZZER_FUZZ=1 mvn -pl lti-adapter test -Dtest='LaunchClaimsFuzzTest#signedClaimsJson'}.
 */
class LaunchClaimsFuzzTest {
  static final String ISSUER = "https://platform.example";
  static final String CLIENT_ID = "tool-1";
  static final String DEPLOYMENT = "dep-1";
  static final URI LAUNCH_URL = URI.create("https://tool.example/lti/tool/launch");
  static final int SKEW = 60;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Rules that blame the signature or the key: wrong for an id_token signed with the platform's key. */
  private static final Set<String> SIGNATURE_RULES = Set.of("signature_invalid", "kid_unknown", "kid_missing",
      "alg_not_allowed", "jwt_malformed", "jwt_missing", "jwks_unavailable");

  private static Fixture fixture;

  /** A tool that trusts one platform, whose JWKS is served from a loopback HTTP server. */
  static final class Fixture implements AutoCloseable {
    final MutableClock clock = MutableClock.atSystemTime();
    final RSAKey platformKey = KeyRing.generate();
    final HttpServer jwks;
    final LtiTool tool;

    Fixture() {
      try {
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] body = new JWKSet(platformKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
      jwks.createContext("/jwks", ex -> {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      });
      jwks.start();
      URI jwksUrl = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
      PlatformRegistry platforms = PlatformRegistry.inMemory();
      platforms.save(new PlatformRegistration(ISSUER, CLIENT_ID, URI.create(ISSUER + "/auth"), URI.create(ISSUER + "/token"),
          jwksUrl, Set.of(DEPLOYMENT)));
      tool = LtiTool.builder().clock(clock).platforms(platforms).launchUrl(LAUNCH_URL)
          .stateStore(LtiStateStore.inMemory(clock, 20_000))
          .researchEvents(e -> assertThat(e).isNotNull(), LtiWorld.KEY)
          .lti11Secrets(k -> "legacy-key".equals(k) ? Optional.of("legacy-secret") : Optional.empty())
          .build();
    }

    /** A fresh login initiation; returns the redirect (state, cookie) and the nonce the tool issued. */
    LtiTool.LoginRedirect login() {
      return tool.login(Map.of("iss", ISSUER, "login_hint", "u-1", "target_link_uri", LAUNCH_URL.toString(),
          "client_id", CLIENT_ID));
    }

    static String nonceOf(LtiTool.LoginRedirect r) {
      return EndToEndLaunchTest.query(r.authorizationRequest()).get("nonce");
    }

    String sign(String payload) {
      JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(platformKey.getKeyID()).build(),
          new Payload(payload));
      try {
        jws.sign(new RSASSASigner(platformKey));
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
      return jws.serialize();
    }

    @Override
    public void close() {
      jwks.stop(0);
    }
  }

  static synchronized Fixture fixture() {
    if (fixture == null) {
      fixture = new Fixture();
    }
    return fixture;
  }

  @AfterAll
  static synchronized void closeFixture() {
    if (fixture != null) {
      fixture.close();
      fixture = null;
    }
  }

  /**
   * Arbitrary claims JSON. Seeds are templates: {@code $NONCE}, {@code $ISS}, {@code $CLIENT},
   * {@code $DEP}, {@code $TARGET}, {@code $NOW}, {@code $EXP} and {@code $LTI11SIGN} are replaced
   * by the values of this login, so mutations of a valid launch get past the nonce check.
   */
  @FuzzTest(maxDuration = "60s")
  void signedClaimsJson(byte[] input) {
    Fixture f = fixture();
    LtiTool.LoginRedirect r = f.login();
    String nonce = Fixture.nonceOf(r);
    long now = f.clock.instant().getEpochSecond();
    String json = new String(input, StandardCharsets.UTF_8)
        .replace("$NONCE", nonce).replace("$ISS", ISSUER).replace("$CLIENT", CLIENT_ID).replace("$DEP", DEPLOYMENT)
        .replace("$TARGET", LAUNCH_URL.toString()).replace("$NOW", Long.toString(now))
        .replace("$EXP", Long.toString(now + 300))
        .replace("$LTI11SIGN", Lti11MigrationClaim.sign("legacy-key", "legacy-secret", DEPLOYMENT, ISSUER, CLIENT_ID,
            now + 300, nonce));
    launchAndCheck(f, r, nonce, f.sign(json));
  }

  /**
   * Structured variations of a valid launch's claims: claims removed, replaced by values of other
   * types (strings, odd strings, numbers, booleans, null, objects, huge arrays), extra claims.
   */
  @FuzzTest(maxDuration = "60s")
  void mutatedValidClaims(FuzzedDataProvider data) {
    Fixture f = fixture();
    LtiTool.LoginRedirect r = f.login();
    String nonce = Fixture.nonceOf(r);
    Map<String, Object> claims = validClaims(f.clock.instant(), nonce, data.consumeBoolean(), data.consumeBoolean());
    int mutations = data.consumeInt(0, 6);
    for (int i = 0; i < mutations; i++) {
      String[] path = PATHS[data.consumeInt(0, PATHS.length - 1)];
      switch (data.consumeInt(0, 3)) {
        case 0 -> remove(claims, path);
        case 1, 2 -> set(claims, path, value(data, 0));
        default -> set(claims, new String[] {data.consumeString(40)}, value(data, 0));
      }
    }
    String json;
    try {
      json = MAPPER.writeValueAsString(claims);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    launchAndCheck(f, r, nonce, f.sign(json));
  }

  static Map<String, Object> validClaims(Instant now, String nonce, boolean deepLinking, boolean lti11) {
    Map<String, Object> c = new LinkedHashMap<>();
    long exp = now.getEpochSecond() + 300;
    c.put("iss", ISSUER);
    c.put("sub", "u-1");
    c.put("aud", CLIENT_ID);
    c.put("iat", now.getEpochSecond());
    c.put("exp", exp);
    c.put("nonce", nonce);
    c.put(LtiClaims.MESSAGE_TYPE, deepLinking ? LtiClaims.DEEP_LINKING_REQUEST : LtiClaims.RESOURCE_LINK_REQUEST);
    c.put(LtiClaims.VERSION, "1.3.0");
    c.put(LtiClaims.DEPLOYMENT_ID, DEPLOYMENT);
    c.put(LtiClaims.TARGET_LINK_URI, LAUNCH_URL.toString());
    c.put(LtiClaims.ROLES, new ArrayList<>(List.of(LtiClaims.ROLE_PREFIX_MEMBERSHIP + "Learner")));
    c.put(LtiClaims.RESOURCE_LINK, new LinkedHashMap<>(Map.of("id", "module-1", "title", "Module 1")));
    c.put(LtiClaims.CONTEXT, new LinkedHashMap<>(Map.of("id", "course-1", "label", "C1", "title", "Course 1",
        "type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"))));
    c.put(LtiClaims.CUSTOM, new LinkedHashMap<>(Map.of("chapter", "3")));
    c.put(LtiClaims.AGS_ENDPOINT, new LinkedHashMap<>(Map.of("scope", List.of(LtiClaims.SCOPE_SCORE),
        "lineitems", ISSUER + "/lineitems", "lineitem", ISSUER + "/lineitems/1")));
    c.put(LtiClaims.NRPS, new LinkedHashMap<>(Map.of("context_memberships_url", ISSUER + "/memberships",
        "service_versions", List.of("2.0"))));
    if (deepLinking) {
      c.put(LtiClaims.DL_SETTINGS, new LinkedHashMap<>(Map.of("deep_link_return_url", ISSUER + "/dl/return",
          "accept_types", List.of("ltiResourceLink"), "accept_multiple", true, "data", "opaque")));
    }
    if (lti11) {
      c.put(LtiClaims.LTI1P1, new LinkedHashMap<>(Map.of("user_id", "legacy-u-1", "oauth_consumer_key", "legacy-key",
          "oauth_consumer_key_sign", Lti11MigrationClaim.sign("legacy-key", "legacy-secret", DEPLOYMENT, ISSUER, CLIENT_ID,
              exp, nonce))));
    }
    c.put("name", "Rahima Begum");
    c.put("email", "rahima@example.org");
    c.put("picture", "https://pics.example/r.png");
    return c;
  }

  private static final String[][] PATHS = {
      {"iss"}, {"sub"}, {"aud"}, {"azp"}, {"exp"}, {"iat"}, {"nbf"}, {"jti"}, {"nonce"},
      {LtiClaims.MESSAGE_TYPE}, {LtiClaims.VERSION}, {LtiClaims.DEPLOYMENT_ID}, {LtiClaims.TARGET_LINK_URI},
      {LtiClaims.RESOURCE_LINK}, {LtiClaims.RESOURCE_LINK, "id"}, {LtiClaims.RESOURCE_LINK, "title"},
      {LtiClaims.RESOURCE_LINK, "description"}, {LtiClaims.ROLES}, {LtiClaims.CONTEXT}, {LtiClaims.CONTEXT, "id"},
      {LtiClaims.CONTEXT, "label"}, {LtiClaims.CONTEXT, "title"}, {LtiClaims.CONTEXT, "type"}, {LtiClaims.CUSTOM},
      {LtiClaims.CUSTOM, "chapter"}, {LtiClaims.CUSTOM, "extra"}, {LtiClaims.AGS_ENDPOINT}, {LtiClaims.AGS_ENDPOINT, "scope"},
      {LtiClaims.AGS_ENDPOINT, "lineitems"}, {LtiClaims.AGS_ENDPOINT, "lineitem"}, {LtiClaims.NRPS},
      {LtiClaims.NRPS, "context_memberships_url"}, {LtiClaims.NRPS, "service_versions"}, {LtiClaims.DL_SETTINGS},
      {LtiClaims.DL_SETTINGS, "deep_link_return_url"}, {LtiClaims.DL_SETTINGS, "accept_types"},
      {LtiClaims.DL_SETTINGS, "accept_multiple"}, {LtiClaims.DL_SETTINGS, "data"}, {LtiClaims.LTI1P1},
      {LtiClaims.LTI1P1, "oauth_consumer_key"}, {LtiClaims.LTI1P1, "oauth_consumer_key_sign"}, {LtiClaims.LTI1P1, "user_id"},
      {LtiClaims.LAUNCH_PRESENTATION}, {LtiClaims.TOOL_PLATFORM}, {"name"}, {"given_name"}, {"family_name"}, {"email"},
      {"picture"},
  };

  /** A JSON value of any type, chosen by the fuzzer; odd strings, big numbers and huge arrays included. */
  static Object value(FuzzedDataProvider data, int depth) {
    int kind = data.consumeInt(0, depth > 2 ? 7 : 11);
    return switch (kind) {
      case 0 -> null;
      case 1 -> data.consumeBoolean();
      case 2 -> data.consumeLong();
      case 3 -> data.consumeInt();
      case 4 -> data.consumeRegularDouble();
      case 5, 6 -> data.consumeString(64);
      case 7 -> data.pickValue(ODD_STRINGS);
      case 8, 9 -> {
        int n = data.consumeInt(0, 4);
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          l.add(value(data, depth + 1));
        }
        yield l;
      }
      case 10 -> {
        int n = data.consumeInt(0, 4);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          m.put(data.pickValue(KEYS), value(data, depth + 1));
        }
        yield m;
      }
      default -> Collections.nCopies(data.consumeInt(1, 200_000), data.consumeBoolean() ? "x" : (Object) 1);
    };
  }

  private static final List<String> KEYS = List.of("id", "title", "type", "scope", "lineitems", "deep_link_return_url",
      "accept_types", "data", "oauth_consumer_key", "oauth_consumer_key_sign", "user_id", "chapter", "");
  private static final List<String> ODD_STRINGS = List.of("", " ", "1.3.0", "1.3.0 ", "LtiResourceLinkRequest",
      "LtiDeepLinkingRequest", DEPLOYMENT, CLIENT_ID, ISSUER, LAUNCH_URL.toString(), "javascript:alert(1)", "data:text/html,x",
      "//evil.example/x", "http://[::1", "\u0000", "\uD800", "\u202Eabc", "%", "a b", "<script>", "null", "-1",
      "9999999999999999999999", "x".repeat(100_000), LtiClaims.ROLE_PREFIX_MEMBERSHIP + "Instructor");

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> claims, String[] path, Object value) {
    Map<String, Object> m = claims;
    for (int i = 0; i < path.length - 1; i++) {
      Object child = m.get(path[i]);
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        m.put(path[i], child);
      }
      m = (Map<String, Object>) child;
    }
    m.put(path[path.length - 1], value);
  }

  @SuppressWarnings("unchecked")
  private static void remove(Map<String, Object> claims, String[] path) {
    Map<String, Object> m = claims;
    for (int i = 0; i < path.length - 1; i++) {
      if (!(m.get(path[i]) instanceof Map<?, ?> child)) {
        return;
      }
      m = (Map<String, Object>) child;
    }
    m.remove(path[path.length - 1]);
  }

  /** Launches with a correct state and cookie; checks the contract. Any other exception is a finding. */
  static void launchAndCheck(Fixture f, LtiTool.LoginRedirect r, String nonce, String idToken) {
    LtiTool.LaunchResult result;
    try {
      result = f.tool.launch(Map.of("id_token", idToken, "state", r.state()), Map.of(r.cookieName(), r.cookieValue()));
    } catch (LtiException e) {
      assertThat(e.rule()).isNotBlank();
      assertThat(e.getMessage()).startsWith(e.rule() + ": ").hasSizeGreaterThan(e.rule().length() + 2);
      assertThat(SIGNATURE_RULES).as("a validly signed id_token rejected for its signature: %s", e.getMessage())
          .doesNotContain(e.rule());
      return;
    }
    assertThat(result).isInstanceOf(LtiTool.Launched.class);
    LtiLaunch launch = ((LtiTool.Launched) result).launch();
    Map<String, Object> c;
    try {
      c = SignedJWT.parse(idToken).getJWTClaimsSet().toJSONObject();
    } catch (ParseException e) {
      throw new AssertionError("a launch was accepted from claims that nimbus cannot parse", e);
    }
    assertValidLaunch(f, c, launch, nonce);
  }

  /** The LTI rules, checked on the raw claims of an accepted launch. */
  static void assertValidLaunch(Fixture f, Map<String, Object> c, LtiLaunch launch, String nonce) {
    long now = f.clock.instant().getEpochSecond();
    assertThat(c.get("iss")).isEqualTo(ISSUER);
    assertThat(launch.issuer()).isEqualTo(ISSUER);
    Object aud = c.get("aud");
    List<Object> auds = aud instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(aud);
    assertThat(auds).contains(CLIENT_ID);
    if (c.containsKey("azp") || auds.size() > 1) {
      assertThat(c.get("azp")).isEqualTo(CLIENT_ID);
    }
    assertThat(c.get("exp")).as("exp").isInstanceOf(Number.class);
    assertThat(((Number) c.get("exp")).longValue()).as("exp").isGreaterThanOrEqualTo(now - SKEW);
    assertThat(c.get("iat")).as("iat").isInstanceOf(Number.class);
    assertThat(((Number) c.get("iat")).longValue()).as("iat").isLessThanOrEqualTo(now + SKEW);
    assertThat(c.get("nonce")).as("nonce").isEqualTo(nonce);
    assertThat(launch.nonce()).isEqualTo(nonce);
    if (c.containsKey("sub")) {
      assertThat(c.get("sub")).as("sub").isInstanceOf(String.class).asString().isNotEmpty();
    }
    assertThat(c.get(LtiClaims.VERSION)).as("version").isEqualTo("1.3.0");
    assertThat(c.get(LtiClaims.DEPLOYMENT_ID)).as("deployment_id").isEqualTo(DEPLOYMENT);
    assertThat(launch.deploymentId()).isEqualTo(DEPLOYMENT);
    Object type = c.get(LtiClaims.MESSAGE_TYPE);
    assertThat(type).as("message_type").isIn(LtiClaims.RESOURCE_LINK_REQUEST, LtiClaims.DEEP_LINKING_REQUEST);
    assertThat(launch.messageType()).isEqualTo(type);
    Object roles = c.get(LtiClaims.ROLES);
    assertThat(roles).as("roles").isNotNull();
    if (roles instanceof List<?> l) {
      assertThat(l).as("roles").allMatch(String.class::isInstance);
    } else {
      assertThat(roles).as("roles (a single role tolerated)").isInstanceOf(String.class);
    }
    if (LtiClaims.RESOURCE_LINK_REQUEST.equals(type)) {
      assertThat(c.get(LtiClaims.RESOURCE_LINK)).as("resource_link").isInstanceOf(Map.class);
      Object id = ((Map<?, ?>) c.get(LtiClaims.RESOURCE_LINK)).get("id");
      assertThat(id).as("resource_link.id").isInstanceOf(String.class).asString().isNotEmpty();
      assertThat(launch.resourceLink().id()).isEqualTo(id);
      assertThat(c.get(LtiClaims.TARGET_LINK_URI)).as("target_link_uri (required)").isEqualTo(LAUNCH_URL.toString());
    } else {
      assertThat(launch.isDeepLinkingRequest()).isTrue();
      assertThat(launch.deepLinking()).as("deep_linking_settings").isNotNull();
      URI returnUrl = launch.deepLinking().returnUrl();
      assertThat(returnUrl).as("deep_link_return_url").isNotNull();
      assertThat(returnUrl.getScheme()).as("deep_link_return_url scheme of %s", returnUrl).isIn("https", "http");
      assertThat(returnUrl.getHost()).as("deep_link_return_url host of %s", returnUrl).isNotNull();
      // The response page must be buildable for every accepted deep-linking launch.
      assertThat(f.tool.deepLinkingResponsePage(launch, List.of())).contains("<form");
    }
    if (launch.lti11() != null && launch.lti11().verified()) {
      Map<?, ?> m = (Map<?, ?>) c.get(LtiClaims.LTI1P1);
      assertThat(m.get("oauth_consumer_key")).isEqualTo("legacy-key");
    }
    assertThat(launch.toString()).doesNotContain("rahima");
  }
}
