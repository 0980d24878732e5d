package org.learntrace.lrs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.learntrace.xapi.XapiJson;

/**
 * Checks a signed statement (xAPI 1.0.3 Data §2.6, 2.0 §4.2.6): the signature attachment holds a
 * JWS in compact serialization, signed with RS256, RS384 or RS512, whose payload is the statement
 * as it was before the signature was attached. When the JWS header carries an X.509 chain
 * ({@code x5c}), the signature must verify against its first certificate.
 */
final class Signatures {
  static final String SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature";
  private static final Pattern SECONDS = Pattern.compile("(\\d+)(?:\\.(\\d+))?S$");
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

  private Signatures() {}

  /**
   * Verifies {@code jws} against {@code statement} (the statement as received).
   *
   * @throws LrsException 400 naming what does not hold
   */
  static void verify(String where, byte[] jws, JsonNode statement) {
    JWSObject object;
    try {
      object = JWSObject.parse(new String(jws, StandardCharsets.UTF_8).trim());
    } catch (ParseException e) {
      throw LrsException.badRequest(where + ": the signature is not a JWS in compact serialization: " + e.getMessage());
    }
    if (!ALGORITHMS.contains(object.getHeader().getAlgorithm())) {
      throw LrsException.badRequest(where + ": the signature must use RS256, RS384 or RS512, was "
          + object.getHeader().getAlgorithm());
    }
    JsonNode payload;
    try {
      payload = XapiJson.mapper().readTree(object.getPayload().toString());
    } catch (Exception e) {
      throw LrsException.badRequest(where + ": the JWS payload is not a JSON statement: " + e.getMessage());
    }
    if (payload == null || !payload.isObject() || !sameStatement((ObjectNode) payload, (ObjectNode) statement)) {
      throw LrsException.badRequest(where + ": the JWS payload differs from the statement it signs");
    }
    List<Base64> chain = object.getHeader().getX509CertChain();
    if (chain != null && !chain.isEmpty()) {
      X509Certificate cert = X509CertUtils.parse(chain.get(0).decode());
      if (cert == null || !(cert.getPublicKey() instanceof RSAPublicKey key)) {
        throw LrsException.badRequest(where + ": the x5c certificate of the signature is not an RSA certificate");
      }
      try {
        if (!object.verify(new RSASSAVerifier(key))) {
          throw LrsException.badRequest(where + ": the signature does not verify against its x5c certificate");
        }
      } catch (JOSEException e) {
        throw LrsException.badRequest(where + ": the signature cannot be verified: " + e.getMessage());
      }
    }
  }

  /** Equal apart from attachments, the properties the LRS sets, and an id the signer did not know. */
  private static boolean sameStatement(ObjectNode payload, ObjectNode statement) {
    ObjectNode a = payload.deepCopy();
    ObjectNode b = statement.deepCopy();
    for (String lrsSet : List.of("attachments", "stored", "authority", "version")) {
      a.remove(lrsSet);
      b.remove(lrsSet);
    }
    if (!a.has("id")) {
      b.remove("id");
    }
    truncateDuration(a);
    truncateDuration(b);
    truncateDuration(a.get("object"));
    truncateDuration(b.get("object"));
    return a.equals(b);
  }

  /** Durations compare to 0.01 s only (xAPI 2.0.0 §4.2.7): cut the seconds' fraction to two digits. */
  private static void truncateDuration(JsonNode statement) {
    if (statement == null || !(statement.get("result") instanceof ObjectNode result) || !result.path("duration").isTextual()) {
      return;
    }
    Matcher m = SECONDS.matcher(result.get("duration").textValue());
    if (m.find()) {
      String fraction = ((m.group(2) == null ? "" : m.group(2)) + "00").substring(0, 2);
      result.put("duration", m.replaceFirst(m.group(1) + "." + fraction + "S"));
    }
  }
}
