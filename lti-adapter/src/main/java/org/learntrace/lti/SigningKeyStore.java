package org.learntrace.lti;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SPI: where a platform or tool keeps its RSA signing keys (private parts included). The newest key
 * signs; older keys stay published in the JWKS until rotated out, so tokens signed just before a
 * rotation still verify.
 */
public interface SigningKeyStore {
  /** A stored key and when it was created. */
  record StoredKey(RSAKey key, Instant createdAt) {}

  /** All keys, newest (most recently added) first. */
  List<StoredKey> keys();

  void add(RSAKey key, Instant createdAt);

  void remove(String kid);

  /** An in-memory store. */
  static SigningKeyStore inMemory() {
    CopyOnWriteArrayList<StoredKey> keys = new CopyOnWriteArrayList<>();
    return new SigningKeyStore() {
      @Override
      public List<StoredKey> keys() {
        List<StoredKey> newestFirst = new ArrayList<>(keys);
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
      }

      @Override
      public void add(RSAKey key, Instant createdAt) {
        keys.add(new StoredKey(key, createdAt));
      }

      @Override
      public void remove(String kid) {
        keys.removeIf(k -> kid.equals(k.key().getKeyID()));
      }
    };
  }
}
