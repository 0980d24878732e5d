package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LTI-SECURITY.md, "LTI 1.1": signature over anything but the exact launch URL and parameters;
 * timestamps outside the window; a replayed nonce; an unknown consumer key; Basic Outcomes with a
 * missing or wrong oauth_body_hash. Plus grade injection across consumers.
 */
class Lti11SecurityTest {
  private final MutableClock clock = MutableClock.atSystemTime();
  private final LoopbackServer server = new LoopbackServer();
  private final Gradebook gradebook = Gradebook.inMemory();
  private final Map<String, String> secrets = Map.of("key-a", "secret-a", "key-b", "secret-b");
  private final Lti11Platform platform = Lti11Platform.builder().clock(clock).secrets(k -> Optional.ofNullable(secrets.get(k)))
      .gradebook(gradebook).platformId("lms").outcomesUrl(URI.create(server.base() + "/lti/platform/lti11/outcomes")).build();
  private final Lti11Tool tool = Lti11Tool.builder().clock(clock).secrets(k -> Optional.ofNullable(secrets.get(k))).build();
  private final URI toolUrl = URI.create("https://tool.example/lti11/launch?course=7");
  private final HttpClient http = HttpClient.newHttpClient();

  Lti11SecurityTest() {
    server.start(new PlatformResource(LtiPlatform.builder().issuer("x").baseUrl(URI.create(server.base() + "/lti/platform"))
        .tools(ToolRegistry.inMemory()).build(), platform));
  }

  @AfterEach
  void close() {
    server.close();
  }

  private Lti11Platform.SignedLaunch signed(String key, String method, boolean outcomes) {
    return platform.signLaunch(toolUrl, key, method, PlatformUser.of("u-1", List.of("Learner")),
        new LtiLaunch.Context("c-1", null, null, List.of()), new LtiLaunch.ResourceLink("rl-1", null, null), outcomes);
  }

  private static Map<String, List<String>> multi(Map<String, String> form) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    form.forEach((k, v) -> m.put(k, List.of(v)));
    return m;
  }

  private static void rejected(ThrowingCallable call, String rule) {
    assertThatThrownBy(call).isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).as(e.getMessage()).isEqualTo(rule));
  }

  @Test
  void hmacSha1AndHmacSha256LaunchesAreAccepted() {
    assertThat(tool.validateLaunch("POST", toolUrl, multi(signed("key-a", "HMAC-SHA1", false).form())).userId()).isEqualTo("u-1");
    assertThat(tool.validateLaunch("POST", toolUrl, multi(signed("key-a", "HMAC-SHA256", false).form())).userId()).isEqualTo("u-1");
  }

  @Test
  void signatureOverAnotherUrlIsRejected() {
    Map<String, List<String>> form = multi(signed("key-a", "HMAC-SHA1", false).form());
    rejected(() -> tool.validateLaunch("POST", URI.create("https://tool.example/lti11/launch?course=8"), form), "signature_invalid");
    rejected(() -> tool.validateLaunch("POST", URI.create("https://tool.example/lti11/other?course=7"), form), "signature_invalid");
    rejected(() -> tool.validateLaunch("POST", URI.create("http://tool.example/lti11/launch?course=7"), form), "signature_invalid");
  }

  @Test
  void signatureOverOtherParametersIsRejected() {
    Map<String, String> changed = new HashMap<>(signed("key-a", "HMAC-SHA256", false).form());
    changed.put("roles", "Instructor");
    rejected(() -> tool.validateLaunch("POST", toolUrl, multi(changed)), "signature_invalid");
    Map<String, String> added = new HashMap<>(signed("key-a", "HMAC-SHA256", false).form());
    added.put("custom_admin", "1");
    rejected(() -> tool.validateLaunch("POST", toolUrl, multi(added)), "signature_invalid");
  }

  @Test
  void timestampsOutsideTheWindowAreRejected() {
    Map<String, List<String>> old = multi(signed("key-a", "HMAC-SHA1", false).form());
    clock.advance(Duration.ofSeconds(301));
    rejected(() -> tool.validateLaunch("POST", toolUrl, old), "timestamp_out_of_window");
    clock.advance(Duration.ofSeconds(-602));
    rejected(() -> tool.validateLaunch("POST", toolUrl, old), "timestamp_out_of_window");
  }

  @Test
  void replayedNonceIsRejected() {
    Map<String, List<String>> form = multi(signed("key-a", "HMAC-SHA1", false).form());
    tool.validateLaunch("POST", toolUrl, form);
    rejected(() -> tool.validateLaunch("POST", toolUrl, form), "nonce_replayed");
  }

  @Test
  void unknownConsumerKeyIsRejected() {
    Lti11Platform rogue = Lti11Platform.builder().secrets(k -> Optional.of("guess")).platformId("x")
        .outcomesUrl(URI.create("http://127.0.0.1:1/o")).build();
    Map<String, String> form = rogue.signLaunch(toolUrl, "key-unknown", "HMAC-SHA1", PlatformUser.of("u", List.of()), null,
        new LtiLaunch.ResourceLink("rl", null, null), false).form();
    rejected(() -> tool.validateLaunch("POST", toolUrl, multi(form)), "consumer_key_unknown");
  }

  // Basic Outcomes over HTTP

  private HttpResponse<String> outcomes(String authorization, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(platform.outcomesUrl()).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String header(String key, byte[] signedBody, boolean withBodyHash) {
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("oauth_version", "1.0");
    oauth.put("oauth_nonce", Tokens.random());
    oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
    oauth.put("oauth_consumer_key", key);
    if (withBodyHash) {
      oauth.put("oauth_body_hash", OAuth1.bodyHash("HMAC-SHA1", signedBody));
    }
    oauth.put("oauth_signature_method", "HMAC-SHA1");
    oauth.put("oauth_signature", OAuth1.sign("HMAC-SHA1", OAuth1.baseString("POST", platform.outcomesUrl(),
        new ArrayList<>(oauth.entrySet())), secrets.get(key), null));
    return OAuth1.authorizationHeader(oauth);
  }

  private String sourcedId(String key) {
    return signed(key, "HMAC-SHA1", true).form().get("lis_result_sourcedid");
  }

  @Test
  void basicOutcomesWithAValidBodyHashSucceed() throws Exception {
    byte[] body = Pox.request("replaceResult", sourcedId("key-a"), "0.5").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = outcomes(header("key-a", body, true), body);
    assertThat(r.body()).contains("<imsx_codeMajor>success</imsx_codeMajor>");
  }

  @Test
  void basicOutcomesWithAMissingBodyHashAreRejected() throws Exception {
    byte[] body = Pox.request("replaceResult", sourcedId("key-a"), "0.5").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = outcomes(header("key-a", body, false), body);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("body_hash_missing");
  }

  @Test
  void basicOutcomesWithAWrongBodyHashAreRejected() throws Exception {
    byte[] signedBody = Pox.request("replaceResult", sourcedId("key-a"), "0.1").getBytes(StandardCharsets.UTF_8);
    byte[] sentBody = Pox.request("replaceResult", sourcedId("key-a"), "1.0").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = outcomes(header("key-a", signedBody, true), sentBody);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("body_hash_mismatch");
  }

  @Test
  void basicOutcomesWithoutOauthAreRejected() throws Exception {
    byte[] body = Pox.request("readResult", sourcedId("key-a"), null).getBytes(StandardCharsets.UTF_8);
    assertThat(outcomes(null, body).statusCode()).isEqualTo(401);
  }

  @Test
  void basicOutcomesForASourcedIdOfAnotherConsumerAreRefused() throws Exception {
    String victim = sourcedId("key-a");
    byte[] body = Pox.request("replaceResult", victim, "1.0").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = outcomes(header("key-b", body, true), body);
    assertThat(r.body()).contains("<imsx_codeMajor>failure</imsx_codeMajor>");
    assertThat(gradebook.lineItems("lti11:key-a", "c-1")).allSatisfy(i -> assertThat(gradebook.results(i.id())).isEmpty());
  }

  @Test
  void basicOutcomesWithADoctypeAreRejected() throws Exception {
    byte[] body = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<imsx_POXEnvelopeRequest>&e;</imsx_POXEnvelopeRequest>").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = outcomes(header("key-a", body, true), body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("root:");
  }

  @Test
  void ourToolReplacesReadsAndDeletesAgainstOurPlatform() {
    Lti11Tool.Lti11Launch launch = tool.validateLaunch("POST", toolUrl, multi(signed("key-a", "HMAC-SHA256", true).form()));
    Lti11Tool sha256 = Lti11Tool.builder().clock(clock).secrets(k -> Optional.ofNullable(secrets.get(k))).signatureMethod("HMAC-SHA256").build();
    sha256.replaceResult(launch, 0.75);
    assertThat(sha256.readResult(launch)).contains(0.75);
    sha256.deleteResult(launch);
    assertThat(sha256.readResult(launch)).isEmpty();
  }
}
