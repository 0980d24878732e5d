package org.learntrace.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The signing keys of one party: the newest signs (RS256), the newest {@code retained} are published. */
final class KeyRing {
  private final SigningKeyStore store;
  private final Clock clock;
  private final int retained;
  private volatile RSAKey current;
  private volatile RSASSASigner signer;

  KeyRing(SigningKeyStore store, Clock clock, int retained) {
    this.store = store;
    this.clock = clock;
    this.retained = retained;
  }

  synchronized RSAKey current() {
    if (current == null) {
      List<SigningKeyStore.StoredKey> keys = store.keys();
      if (keys.isEmpty()) {
        RSAKey k = generate();
        store.add(k, clock.instant());
        use(k);
      } else {
        use(keys.get(0).key());
      }
    }
    return current;
  }

  /** Adds a new signing key; keys beyond the newest {@code retained} leave the JWKS. */
  synchronized RSAKey rotate() {
    RSAKey k = generate();
    store.add(k, clock.instant());
    List<SigningKeyStore.StoredKey> keys = store.keys();
    for (int i = retained; i < keys.size(); i++) {
      store.remove(keys.get(i).key().getKeyID());
    }
    use(k);
    return k;
  }

  JWKSet publicJwks() {
    current();
    return new JWKSet(store.keys().stream().map(k -> (JWK) k.key().toPublicJWK()).toList());
  }

  String sign(JWTClaimsSet claims) {
    RSAKey key = current();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing with key " + key.getKeyID() + " failed", e);
    }
    return jwt.serialize();
  }

  private void use(RSAKey k) {
    try {
      signer = new RSASSASigner(k);
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable signing key " + k.getKeyID(), e);
    }
    current = k;
  }

  static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
          .keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }
}
