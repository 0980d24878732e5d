package org.learntrace.lti;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keyed pseudonyms for research events: base64url(HMAC-SHA256(key, iss ‖ 0x00 ‖ sub)). */
final class Pseudonyms {
  private final SecretKeySpec key;

  Pseudonyms(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("pseudonym key must have at least 16 bytes, had " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  String actor(String issuer, String subject) {
    if (subject == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(issuer.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Pseudonyms randomKey() {
    return new Pseudonyms(Tokens.random().getBytes(StandardCharsets.US_ASCII));
  }
}
