package org.learntrace.lti;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies a JWS-signed JWT against the JWKS at a URL, on nimbus-jose-jwt. Keys come only from that
 * JWKS (cached; refetched once, rate-limited, on an unknown {@code kid}); {@code jku}, {@code jwk} and
 * {@code x5u} headers are never used. Only RS256/RS384/RS512 are accepted.
 */
final class JwtVerifier {
  static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

  private final Clock clock;
  private final int skewSeconds;
  private final long cacheTtlMillis;
  private final long refetchMinIntervalMillis;
  private final Cache<URI, JWKSource<SecurityContext>> sources;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  JwtVerifier(Clock clock, Duration skew, Duration jwksCacheTtl, Duration jwksRefetchMinInterval) {
    this.clock = clock;
    this.skewSeconds = Math.toIntExact(skew.toSeconds());
    this.cacheTtlMillis = jwksCacheTtl.toMillis();
    this.refetchMinIntervalMillis = jwksRefetchMinInterval.toMillis();
    this.sources = Caffeine.newBuilder().maximumSize(10_000).build();
  }

  int skewSeconds() {
    return skewSeconds;
  }

  /** Parses, checks the header, finds the key by kid in the JWKS and verifies the signature. */
  JWTClaimsSet verifySignature(String token, URI jwksUrl) {
    if (token == null || token.isBlank()) {
      throw new LtiException("jwt_missing", "no JWT was sent");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new LtiException("jwt_malformed", "the JWT cannot be parsed at offset " + e.getErrorOffset());
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw new LtiException("alg_not_allowed", "alg " + jwt.getHeader().getAlgorithm() + " (unsigned or encrypted JWT)");
    }
    JWSHeader header = signed.getHeader();
    if (!ALGORITHMS.contains(header.getAlgorithm())) {
      throw new LtiException("alg_not_allowed", "alg " + header.getAlgorithm() + " is not one of RS256, RS384, RS512");
    }
    if (header.getKeyID() == null || header.getKeyID().isEmpty()) {
      throw new LtiException("kid_missing", "the JWT header has no kid");
    }
    List<JWK> keys;
    try {
      JWKMatcher matcher = new JWKMatcher.Builder().keyType(KeyType.RSA).keyID(header.getKeyID()).build();
      keys = source(jwksUrl).get(new JWKSelector(matcher), null);
    } catch (com.nimbusds.jose.jwk.source.RateLimitReachedException e) {
      // An unknown kid refetches the JWKS at most once per interval; meanwhile the kid stays unknown.
      throw new LtiException("kid_unknown", "kid " + header.getKeyID() + " is not in the JWKS " + jwksUrl
          + " (refetch rate-limited)");
    } catch (com.nimbusds.jose.KeySourceException e) {
      throw new LtiException("jwks_unavailable", "JWKS " + jwksUrl + " could not be fetched", 401, e);
    }
    if (keys.isEmpty()) {
      throw new LtiException("kid_unknown", "kid " + header.getKeyID() + " is not in the JWKS " + jwksUrl);
    }
    boolean verified = false;
    for (JWK key : keys) {
      try {
        JWSVerifier verifier = verifiers.createJWSVerifier(header, ((RSAKey) key).toRSAPublicKey());
        if (signed.verify(verifier)) {
          verified = true;
          break;
        }
      } catch (JOSEException e) {
        throw new LtiException("signature_invalid", "the JWT signature cannot be verified", 401, e);
      }
    }
    if (!verified) {
      throw new LtiException("signature_invalid", "the JWT signature does not verify with kid " + header.getKeyID(), 401, null);
    }
    try {
      return signed.getJWTClaimsSet();
    } catch (ParseException e) {
      // The signature is good: the signer wrote a payload that is no JSON object, or a registered claim of the wrong type.
      throw new LtiException("claims_malformed", "the JWT claims are not a valid claims set: " + brief(e.getMessage()));
    }
  }

  private static String brief(String s) {
    if (s == null) {
      return "unparseable";
    }
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** exp (required) not past and iat (required) not in the future, both beyond the allowed skew. */
  void checkTimes(JWTClaimsSet claims) {
    // A JSON null counts as present for nimbus's required-claims check: treat it as missing here.
    for (String name : List.of("exp", "iat")) {
      if (claims.getClaim(name) == null) {
        throw new LtiException("claim_missing", "claim " + name + " is required");
      }
    }
    DefaultJWTClaimsVerifier<SecurityContext> expiry = new DefaultJWTClaimsVerifier<>(null, null, Set.of("exp", "iat"), null) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant());
      }
    };
    expiry.setMaxClockSkew(skewSeconds);
    try {
      expiry.verify(claims, null);
    } catch (BadJWTException e) {
      if (claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isBefore(clock.instant())) {
        throw new LtiException("token_expired", "exp " + claims.getExpirationTime().toInstant()
            + " is past, beyond the allowed skew of " + skewSeconds + " s");
      }
      throw new LtiException("claim_missing", e.getMessage());
    }
    Date iat = claims.getIssueTime();
    if (iat.toInstant().isAfter(clock.instant().plusSeconds(skewSeconds))) {
      throw new LtiException("iat_in_future", "iat " + iat.toInstant() + " is in the future beyond the allowed skew of "
          + skewSeconds + " s");
    }
  }

  static void checkAudience(JWTClaimsSet claims, String expected, String rule) {
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(expected)) {
      throw new LtiException(rule, "aud " + aud + " does not contain " + expected);
    }
  }

  private JWKSource<SecurityContext> source(URI jwksUrl) {
    return sources.get(jwksUrl, u -> {
      try {
        return JWKSourceBuilder.<SecurityContext>create(u.toURL(), new DefaultResourceRetriever(5_000, 5_000, 512 * 1024))
            .cache(cacheTtlMillis, 5_000)
            .refreshAheadCache(false)
            .rateLimited(refetchMinIntervalMillis)
            .retrying(false)
            .outageTolerant(false)
            .build();
      } catch (MalformedURLException e) {
        throw new LtiException("jwks_url", "JWKS URL " + u + " is not a URL");
      }
    });
  }
}
