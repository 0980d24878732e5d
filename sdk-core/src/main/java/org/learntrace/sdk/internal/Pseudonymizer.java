package org.learntrace.sdk.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for one destination: {@code base64url(HMAC-SHA256(key, idSpace ‖ 0x00 ‖ localId))}
 * without padding (43 characters). The NUL separator keeps {@code ("ab","c")} and {@code ("a","bc")}
 * apart. The destination key is the configured one, or HMAC-SHA256(master key,
 * {@code "learntrace/destination/" + name}), so that two destinations never share pseudonyms.
 *
 * <p>Thread-safe. Results are cached (bounded) because the same few thousand people recur.
 */
public final class Pseudonymizer {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;
  private final String keyId;
  private final ThreadLocal<Mac> macs;
  private final Cache<String, String> cache = Caffeine.newBuilder().maximumSize(100_000).build();

  private Pseudonymizer(byte[] key, String keyId) {
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    this.keyId = keyId;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** A pseudonymizer with exactly this key. */
  public static Pseudonymizer withKey(byte[] key, String keyId) {
    if (key.length < 16) {
      throw new IllegalArgumentException("pseudonym key must be at least 16 bytes, was " + key.length);
    }
    return new Pseudonymizer(key, keyId);
  }

  /** The pseudonymizer of {@code destination}, derived from the master key. */
  public static Pseudonymizer forDestination(byte[] masterKey, String keyId, String destination) {
    return withKey(hmac(masterKey, ("learntrace/destination/" + destination).getBytes(StandardCharsets.UTF_8)), keyId);
  }

  /** The id of the key (not the key), recorded with each outbox record. */
  public String keyId() {
    return keyId;
  }

  /** The pseudonym of {@code localId} in {@code idSpace}. */
  public String pseudonym(String idSpace, String localId) {
    String cacheKey = idSpace + '\u0000' + localId;
    String p = cache.getIfPresent(cacheKey);
    if (p == null) {
      Mac mac = macs.get();
      mac.update(idSpace.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] h = mac.doFinal(localId.getBytes(StandardCharsets.UTF_8));
      p = Base64.getUrlEncoder().withoutPadding().encodeToString(h);
      cache.put(cacheKey, p);
    }
    return p;
  }

  /** HMAC-SHA256 of {@code data} under this pseudonymizer's key. */
  byte[] mac(byte[] data) {
    return macs.get().doFinal(data);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
