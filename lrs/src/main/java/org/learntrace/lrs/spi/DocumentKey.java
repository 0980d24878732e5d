package org.learntrace.lrs.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a document lives: its resource, its scope (activity, agent, registration) and its id.
 *
 * @param type which resource
 * @param activityId the activity id, or "" where the resource has none
 * @param agentKey the agent's identifier key, or "" where the resource has none
 * @param registration the registration, or ""
 * @param documentId the stateId or profileId, or "" for a whole scope
 */
public record DocumentKey(Type type, String activityId, String agentKey, String registration, String documentId) {

  /** The three document resources. */
  public enum Type {
    STATE('S'),
    ACTIVITY_PROFILE('P'),
    AGENT_PROFILE('G');

    private final char code;

    Type(char code) {
      this.code = code;
    }

    public char code() {
      return code;
    }
  }

  public DocumentKey {
    Objects.requireNonNull(type, "type");
    activityId = Objects.requireNonNullElse(activityId, "");
    agentKey = Objects.requireNonNullElse(agentKey, "");
    registration = Objects.requireNonNullElse(registration, "");
    documentId = Objects.requireNonNullElse(documentId, "");
  }

  /** A hex digest identifying the scope (everything but the document id). */
  public String scopeDigest() {
    return digest(type.code() + "\u0000" + activityId + "\u0000" + agentKey + "\u0000" + registration);
  }

  /** A hex digest identifying the document. */
  public String documentDigest() {
    return digest(scopeDigest() + "\u0000" + documentId);
  }

  private static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
