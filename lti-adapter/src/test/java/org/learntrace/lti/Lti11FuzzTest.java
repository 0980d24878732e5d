package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LTI 1.1: form parameters, URLs and OAuth 1 signatures of launches, and Authorization headers and
 * POX bodies of Basic Outcomes calls, all untrusted.
 *
 * <p>Contract: a launch (or outcomes answer) or an {@link LtiException}, never another exception;
 * never accepted unless the test signed exactly what was sent with the consumer's secret, inside
 * the timestamp window, with a fresh nonce.
 *
 * <p>Regression mode in {@code mvn verify} runs the seeds in {@code
 * src/test/resources/org/learntrace/lti/Lti11FuzzTestInputs/<method>}; fuzz one method at a time
 * with {@code JAZZER_FUZZ=1 mvn -pl lti-adapter test -Dtest='Lti11FuzzTest#launch'}.
 */
class Lti11FuzzTest {
  private static final Map<String, String> SECRETS = Map.of("key-a", "secret-a", "key-b", "secret-b");
  private static final URI TOOL_URL = URI.create("https://tool.example/lti11/launch?course=7");
  private static final URI OUTCOMES_URL = URI.create("https://lms.example/lti/platform/lti11/outcomes");
  private static final List<String> KEYS = List.of("lti_message_type", "lti_version", "resource_link_id", "user_id",
      "roles", "context_id", "lis_outcome_service_url", "lis_result_sourcedid", "tool_consumer_instance_guid",
      "custom_x", "oauth_consumer_key", "oauth_signature_method", "oauth_timestamp", "oauth_nonce", "oauth_version",
      "oauth_signature", "oauth_callback", "oauth_token", "oauth_body_hash", "realm", "course", "");
  private static final List<String> VALUES = List.of("", "basic-lti-launch-request", "LTI-1p0", "LTI-1p2", "LTI-2p0",
      "key-a", "key-b", "key-unknown", "HMAC-SHA1", "HMAC-SHA256", "RSA-SHA1", "PLAINTEXT", "1.0", "2.0", "7",
      "Instructor,Learner", ",,", "http://[::1", "https://lms.example/outcomes", "javascript:alert(1)", "%", "%zz",
      "a+b", "\u0000", "\uD800", "99999999999999999999", "-1", "0", "x".repeat(10_000));

  private static final MutableClock CLOCK = MutableClock.atSystemTime();
  private static final Lti11Tool TOOL = Lti11Tool.builder().clock(CLOCK).secrets(k -> Optional.ofNullable(SECRETS.get(k)))
      .build();
  private static final Lti11Platform PLATFORM = Lti11Platform.builder().clock(CLOCK)
      .secrets(k -> Optional.ofNullable(SECRETS.get(k))).gradebook(Gradebook.inMemory()).platformId("lms")
      .outcomesUrl(OUTCOMES_URL).build();
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final Set<String> ACCEPTED_NONCES = new HashSet<>();
  private static String sourcedId;

  private enum Signing { EXACT, CHANGED_AFTER_SIGNING, FUZZED, WRONG_SECRET }

  /** A launch: valid parameters mutated by the fuzzer, signed or not, at the tool's URL or a fuzzed one. */
  @FuzzTest(maxDuration = "60s")
  void launch(FuzzedDataProvider data) {
    Signing signing = data.pickValue(Signing.values());
    String method = data.pickValue(List.of("POST", "POST", "GET", "post", "PUT"));
    URI url = TOOL_URL;
    if (data.consumeBoolean()) {
      try {
        url = new URI(data.consumeString(120));
      } catch (URISyntaxException e) {
        return; // a request URL is always a URI
      }
    }
    long now = CLOCK.instant().getEpochSecond();
    List<Map.Entry<String, String>> params = new ArrayList<>(List.of(
        Map.entry("lti_message_type", "basic-lti-launch-request"), Map.entry("lti_version", "LTI-1p0"),
        Map.entry("resource_link_id", "rl-1"), Map.entry("user_id", "u-1"), Map.entry("roles", "Learner"),
        Map.entry("context_id", "c-1"), Map.entry("oauth_version", "1.0"),
        Map.entry("oauth_nonce", "n-" + COUNTER.incrementAndGet() + "-" + System.nanoTime()),
        Map.entry("oauth_timestamp", Long.toString(now)), Map.entry("oauth_consumer_key", "key-a"),
        Map.entry("oauth_signature_method", data.consumeBoolean() ? OAuth1.HMAC_SHA256 : OAuth1.HMAC_SHA1)));
    int mutations = data.consumeInt(0, 8);
    for (int i = 0; i < mutations; i++) {
      mutate(data, params);
    }
    String consumerKey = value(params, "oauth_consumer_key");
    String secret = consumerKey == null ? "no-secret" : SECRETS.getOrDefault(consumerKey, "no-secret");
    String signatureMethod = value(params, "oauth_signature_method");
    String signature = switch (signing) {
      case EXACT, CHANGED_AFTER_SIGNING -> sign(signatureMethod, method, url, params, secret);
      case WRONG_SECRET -> sign(signatureMethod, method, url, params, secret + "x");
      case FUZZED -> data.consumeString(64);
    };
    params.add(Map.entry("oauth_signature", signature == null ? "" : signature));
    if (signing == Signing.CHANGED_AFTER_SIGNING) {
      List<Integer> changeable = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        String k = params.get(i).getKey();
        if (!k.equals("oauth_signature") && !k.equals("realm")) {
          changeable.add(i);
        }
      }
      if (changeable.isEmpty() || data.consumeBoolean()) {
        params.add(Map.entry("custom_injected", data.consumeString(20)));
      } else {
        int i = data.pickValue(changeable);
        params.set(i, Map.entry(params.get(i).getKey(), params.get(i).getValue() + "x"));
      }
    }
    Map<String, List<String>> form = new LinkedHashMap<>();
    params.forEach(e -> form.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));

    Lti11Tool.Lti11Launch launch;
    try {
      launch = TOOL.validateLaunch(method, url, form);
    } catch (LtiException e) {
      assertThat(e.rule()).isNotBlank();
      assertThat(e.getMessage()).startsWith(e.rule() + ": ");
      return;
    }
    // Accepted: it must have been signed exactly, by a known consumer, with a fresh nonce.
    assertThat(signing).as("accepted a launch with a bad signature").isEqualTo(Signing.EXACT);
    assertThat(signature).isNotNull();
    assertThat(SECRETS).containsKey(launch.consumerKey());
    assertThat(value(params, "oauth_consumer_key")).isEqualTo(launch.consumerKey());
    assertThat(signatureMethod).isIn(OAuth1.HMAC_SHA1, OAuth1.HMAC_SHA256);
    String ts = value(params, "oauth_timestamp");
    assertThat(ts).matches("\\d{1,12}");
    assertThat(Math.abs(Long.parseLong(ts) - now)).isLessThanOrEqualTo(Lti11Tool.DEFAULT_TIMESTAMP_WINDOW.toSeconds());
    synchronized (ACCEPTED_NONCES) {
      assertThat(ACCEPTED_NONCES.add(launch.consumerKey() + ":" + value(params, "oauth_nonce")))
          .as("accepted a replayed oauth_nonce").isTrue();
    }
    assertThat(launch.resourceLinkId()).isNotEmpty();
    assertThat(launch.params().get("lti_message_type")).isEqualTo("basic-lti-launch-request");
    assertThat(launch.params().get("lti_version")).isIn("LTI-1p0", "LTI-1p2");
    assertThat(launch.params().keySet()).noneMatch(k -> k.startsWith("oauth_"));
  }

  /**
   * A Basic Outcomes call to the platform: a fuzzed Authorization header, or one signed over a
   * valid or fuzzed POX body (optionally with a wrong body hash).
   */
  @FuzzTest(maxDuration = "60s")
  void basicOutcomes(FuzzedDataProvider data) {
    String sid = sourcedId();
    int mode = data.consumeInt(0, 3);
    byte[] body = data.consumeBoolean() ? data.consumeBytes(2_000)
        : Pox.request(data.pickValue(List.of("replaceResult", "readResult", "deleteResult", "fooResult")),
            data.consumeBoolean() ? sid : data.consumeString(100),
            data.consumeBoolean() ? data.pickValue(List.of("0.5", "1", "1.5", "-0", "NaN", "1e400", "")) : null)
            .getBytes(StandardCharsets.UTF_8);
    String authorization;
    boolean signedExactly = false;
    if (mode == 0) {
      authorization = data.consumeRemainingAsString();
    } else {
      String method = data.consumeBoolean() ? OAuth1.HMAC_SHA256 : OAuth1.HMAC_SHA1;
      Map<String, String> oauth = new LinkedHashMap<>();
      oauth.put("oauth_version", "1.0");
      oauth.put("oauth_nonce", "n-" + COUNTER.incrementAndGet() + "-" + System.nanoTime());
      oauth.put("oauth_timestamp", Long.toString(CLOCK.instant().getEpochSecond()));
      oauth.put("oauth_consumer_key", "key-a");
      oauth.put("oauth_body_hash", mode == 3 ? OAuth1.bodyHash(method, new byte[] {1}) : OAuth1.bodyHash(method, body));
      oauth.put("oauth_signature_method", method);
      if (data.consumeBoolean()) {
        oauth.put(data.pickValue(KEYS), data.pickValue(VALUES));
      }
      List<Map.Entry<String, String>> params = new ArrayList<>(oauth.entrySet());
      oauth.put("oauth_signature", OAuth1.sign(method, OAuth1.baseString("POST", OUTCOMES_URL, params),
          mode == 2 ? "secret-b" : "secret-a", null));
      authorization = OAuth1.authorizationHeader(oauth);
      // Exact when the signing secret is the one of the (possibly fuzzed) consumer key, the signing method is
      // the one named, and the body hash is the body's.
      String usedSecret = mode == 2 ? "secret-b" : "secret-a";
      signedExactly = usedSecret.equals(SECRETS.get(oauth.get("oauth_consumer_key")))
          && method.equals(oauth.get("oauth_signature_method"))
          && OAuth1.bodyHash(method, body).equals(oauth.get("oauth_body_hash"));
    }
    String answer;
    try {
      answer = PLATFORM.basicOutcomes(OUTCOMES_URL, authorization, body);
    } catch (LtiException e) {
      assertThat(e.rule()).isNotBlank();
      assertThat(e.getMessage()).startsWith(e.rule() + ": ");
      return;
    }
    assertThat(signedExactly).as("an outcomes call was served without an exact signature and body hash").isTrue();
    assertThat(answer).contains("imsx_codeMajor");
  }

  private static synchronized String sourcedId() {
    if (sourcedId == null) {
      sourcedId = PLATFORM.signLaunch(TOOL_URL, "key-a", OAuth1.HMAC_SHA1, PlatformUser.of("u-1", List.of("Learner")),
          new LtiLaunch.Context("c-1", null, null, List.of()), new LtiLaunch.ResourceLink("rl-1", null, null), true)
          .form().get("lis_result_sourcedid");
    }
    return sourcedId;
  }

  private static void mutate(FuzzedDataProvider data, List<Map.Entry<String, String>> params) {
    String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(20);
    String val = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(60);
    switch (data.consumeInt(0, 2)) {
      case 0 -> params.removeIf(e -> e.getKey().equals(key));
      case 1 -> {
        params.removeIf(e -> e.getKey().equals(key));
        params.add(Map.entry(key, val));
      }
      default -> params.add(Map.entry(key, val));
    }
  }

  private static String value(List<Map.Entry<String, String>> params, String key) {
    return params.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
  }

  /** Signs like a platform would; null when the method is not one OAuth1 supports. */
  private static String sign(String signatureMethod, String method, URI url, List<Map.Entry<String, String>> params,
      String secret) {
    if (!OAuth1.HMAC_SHA1.equals(signatureMethod) && !OAuth1.HMAC_SHA256.equals(signatureMethod)) {
      return null;
    }
    try {
      return OAuth1.sign(signatureMethod, OAuth1.baseString(method, url, params), secret, null);
    } catch (RuntimeException e) {
      return null; // a URL OAuth1 cannot normalize: the tool must reject it too
    }
  }
}
