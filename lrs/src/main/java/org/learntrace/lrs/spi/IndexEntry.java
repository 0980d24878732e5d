package org.learntrace.lrs.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One thing a statement can be found by: a kind and a value such as an agent's identifier or an
 * activity id. Stored as a 64-bit digest of both, so index rows stay small whatever the IRI length.
 *
 * @param kind what the value is
 * @param value the agent key, verb id, activity id, registration or authority key
 */
public record IndexEntry(Kind kind, String value) {

  /** What an index value is. */
  public enum Kind {
    /** The actor, or the object when it is an Agent or Group. */
    AGENT('A'),
    /** Any other agent: authority, instructor, team, context agents and groups, sub-statement agents, group members. */
    RELATED_AGENT('a'),
    /** The verb id. */
    VERB('V'),
    /** The object, when it is an Activity. */
    ACTIVITY('O'),
    /** Any other activity: context activities, sub-statement activities. */
    RELATED_ACTIVITY('o'),
    /** The context registration. */
    REGISTRATION('R'),
    /** The authority, for the {@code statements/read/mine} scope. */
    AUTHORITY('W');

    private final char code;

    Kind(char code) {
      this.code = code;
    }

    /** The one-letter code stored in the database. */
    public char code() {
      return code;
    }
  }

  /** The 64-bit digest this entry is stored and looked up under. */
  public long digest() {
    MessageDigest md = SHA_256.get();
    md.update((byte) kind.code());
    byte[] d = md.digest(value.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }

  // MessageDigest.getInstance looks the algorithm up among the providers on every call.
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });
}
