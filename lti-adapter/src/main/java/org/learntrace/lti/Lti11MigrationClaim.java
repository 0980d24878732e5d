package org.learntrace.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The LTI 1.1 → 1.3 migration claim ({@code https://purl.imsglobal.org/spec/lti/claim/lti1p1}):
 * {@code oauth_consumer_key_sign} = base64(HMAC-SHA256(1.1 secret,
 * key &amp; deployment_id &amp; iss &amp; client_id &amp; exp &amp; nonce)).
 */
final class Lti11MigrationClaim {
  private Lti11MigrationClaim() {}

  static String sign(String consumerKey, String secret, String deploymentId, String iss, String clientId,
      long exp, String nonce) {
    String base = consumerKey + "&" + deploymentId + "&" + iss + "&" + clientId + "&" + exp + "&" + nonce;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the claim; {@code verified} only when the secret is known and the signature matches. */
  static LtiLaunch.Lti11Migration verify(JWTClaimsSet claims, String clientId,
      Function<String, Optional<String>> secrets) {
    Map<String, Object> c = LaunchClaimsReader.map(claims.toJSONObject(), LtiClaims.LTI1P1);
    if (c == null) {
      return null;
    }
    String key = LaunchClaimsReader.string(c, "oauth_consumer_key");
    String sign = LaunchClaimsReader.string(c, "oauth_consumer_key_sign");
    String userId = LaunchClaimsReader.string(c, "user_id");
    boolean verified = false;
    if (key != null && sign != null) {
      Optional<String> secret = secrets.apply(key);
      if (secret.isPresent()) {
        String expected = sign(key, secret.get(), LaunchClaimsReader.string(claims.toJSONObject(), LtiClaims.DEPLOYMENT_ID),
            claims.getIssuer(), clientId, claims.getExpirationTime().getTime() / 1000, (String) claims.getClaim("nonce"));
        verified = Tokens.constantTimeEquals(expected, sign);
      }
    }
    return new LtiLaunch.Lti11Migration(userId, key, verified);
  }
}
