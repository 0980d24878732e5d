package org.learntrace.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Hand-made id_tokens and client assertions for negative tests (signed with nimbus). */
final class ToolTokens {
  private ToolTokens() {}

  static JWTClaimsSet.Builder validIdToken(String issuer, String clientId, String nonce, Instant now, URI target) {
    return new JWTClaimsSet.Builder().issuer(issuer).subject("u-1").audience(clientId)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .claim("nonce", nonce)
        .claim(LtiClaims.MESSAGE_TYPE, LtiClaims.RESOURCE_LINK_REQUEST)
        .claim(LtiClaims.VERSION, "1.3.0")
        .claim(LtiClaims.DEPLOYMENT_ID, LtiWorld.DEPLOYMENT)
        .claim(LtiClaims.TARGET_LINK_URI, target.toString())
        .claim(LtiClaims.RESOURCE_LINK, Map.of("id", "module-1"))
        .claim(LtiClaims.ROLES, List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"));
  }

  static String sign(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  static String sign(RSAKey key, JWTClaimsSet claims) {
    return sign(key, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
  }

  static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /** HS256 with the platform's public key bytes as the secret: the classic algorithm-confusion attack. */
  static String hs256WithPublicKey(RSAKey key, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
    try {
      byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
      jwt.sign(new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
