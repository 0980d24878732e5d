package org.learntrace.lti;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies an OAuth 1.0a signed request: known consumer key, HMAC-SHA1/SHA256 signature over the
 * exact URL and parameters, timestamp inside the window, nonce never seen within the window.
 */
final class OAuth1Verifier {
  private final Function<String, Optional<String>> secrets;
  private final LtiStateStore seen;
  private final Clock clock;
  private final Duration window;

  OAuth1Verifier(Function<String, Optional<String>> secrets, LtiStateStore seen, Clock clock, Duration window) {
    this.secrets = secrets;
    this.seen = seen;
    this.clock = clock;
    this.window = window;
  }

  /**
   * @param params the form (or Authorization header) parameters, oauth_* included; the URL's query
   *     parameters are read from {@code url}
   * @return the verified consumer key
   */
  String verify(String method, URI url, List<Map.Entry<String, String>> params) {
    Map<String, String> oauth = new java.util.HashMap<>();
    for (Map.Entry<String, String> p : params) {
      if (p.getKey().startsWith("oauth_") && oauth.put(p.getKey(), p.getValue()) != null) {
        throw LtiException.unauthorized("oauth_parameter_duplicated", p.getKey() + " appears more than once");
      }
    }
    String key = oauth.get("oauth_consumer_key");
    if (key == null) {
      throw LtiException.unauthorized("consumer_key_unknown", "no oauth_consumer_key");
    }
    String secret = secrets.apply(key).orElseThrow(() ->
        LtiException.unauthorized("consumer_key_unknown", "oauth_consumer_key " + key + " is not known"));
    String signatureMethod = oauth.get("oauth_signature_method");
    if (!OAuth1.HMAC_SHA1.equals(signatureMethod) && !OAuth1.HMAC_SHA256.equals(signatureMethod)) {
      throw LtiException.unauthorized("signature_method_unsupported", "oauth_signature_method " + signatureMethod
          + " is not HMAC-SHA1 or HMAC-SHA256");
    }
    if (oauth.containsKey("oauth_version") && !"1.0".equals(oauth.get("oauth_version"))) {
      throw LtiException.unauthorized("oauth_version_unsupported", "oauth_version " + oauth.get("oauth_version") + " is not 1.0");
    }
    String ts = oauth.get("oauth_timestamp");
    String nonce = oauth.get("oauth_nonce");
    if (ts == null || !ts.matches("\\d{1,12}") || nonce == null || nonce.isEmpty()) {
      throw LtiException.unauthorized("timestamp_or_nonce_missing", "oauth_timestamp and oauth_nonce are required");
    }
    Instant at = Instant.ofEpochSecond(Long.parseLong(ts));
    Instant now = clock.instant();
    if (at.isBefore(now.minus(window)) || at.isAfter(now.plus(window))) {
      throw LtiException.unauthorized("timestamp_out_of_window", "oauth_timestamp " + ts + " is more than "
          + window.toSeconds() + " s from now");
    }
    String expected = OAuth1.sign(signatureMethod, OAuth1.baseString(method, url, params), secret, null);
    if (!Tokens.constantTimeEquals(expected, oauth.get("oauth_signature"))) {
      throw LtiException.unauthorized("signature_invalid", "oauth_signature does not match the URL and parameters");
    }
    if (!seen.putIfAbsent("oauth1-nonce:" + key + ":" + nonce, ts, now.plus(window.multipliedBy(2)))) {
      throw LtiException.unauthorized("nonce_replayed", "oauth_nonce was seen before");
    }
    return key;
  }
}
