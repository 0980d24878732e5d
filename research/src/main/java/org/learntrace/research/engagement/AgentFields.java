package org.learntrace.research.engagement;

import static org.learntrace.research.engagement.JsonChecks.UNSUPPORTED_STATEMENT;
import static org.learntrace.research.engagement.JsonChecks.once;
import static org.learntrace.research.engagement.JsonChecks.onceString;
import static org.learntrace.research.engagement.JsonChecks.requireObject;
import static org.learntrace.research.engagement.JsonChecks.textIs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads the Agents of a statement for {@link EngagementProjection} (a Group is left to the model
 * path): checks every agent (actor, authority, instructor) and keeps the account of the actor.
 *
 * <p>Not thread-safe: one per {@link EngagementProjection}.
 */
final class AgentFields {
  private final StringCache cache;
  private boolean actorAgent;
  private boolean hasAccount;
  private String homePage;
  private String accountName;
  private String lastAccountName;

  AgentFields(StringCache cache) {
    this.cache = cache;
  }

  /** Forgets the last statement's actor. */
  void reset() {
    actorAgent = false;
    hasAccount = false;
    homePage = null;
    accountName = null;
  }

  /** Whether the statement's actor was read and has an account whose homePage is {@code idSpace}. */
  boolean actorIn(String idSpace) {
    return actorAgent && hasAccount && idSpace.equals(homePage);
  }

  /** The account name of the statement's actor. */
  String accountName() {
    return accountName;
  }

  /** Reads the Agent whose first token {@code t} is current. {@code actor}: the statement's actor. */
  void read(JsonParser p, JsonToken t, boolean actor) throws IOException {
    requireObject(t);
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "objectType" -> {
          seen = onceString(seen, 1, v);
          if (!textIs(p, "Agent")) {
            throw UNSUPPORTED_STATEMENT;
          }
        }
        case "name" -> seen = onceString(seen, 1 << 1, v);
        case "mbox" -> seen = onceString(seen, 1 << 2, v);
        case "mbox_sha1sum" -> seen = onceString(seen, 1 << 3, v);
        case "openid" -> seen = onceString(seen, 1 << 4, v);
        case "account" -> {
          seen = once(seen, 1 << 5);
          account(p, v, actor);
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    if (actor) {
      actorAgent = true;
    }
  }

  private void account(JsonParser p, JsonToken t, boolean actor) throws IOException {
    requireObject(t);
    String home = null;
    String name = null;
    int seen = 0;
    String f;
    while ((f = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "homePage" -> {
          seen = onceString(seen, 1, v);
          home = actor ? cache.get(p) : null;
        }
        case "name" -> {
          seen = onceString(seen, 1 << 1, v);
          name = actor ? accountName(p) : null;
        }
        default -> throw UNSUPPORTED_STATEMENT;
      }
    }
    if (actor) {
      hasAccount = true;
      homePage = home;
      accountName = name;
    }
  }

  /** The account name; the same String as the last statement's when equal (statements of one teacher come together). */
  private String accountName(JsonParser p) throws IOException {
    String last = lastAccountName;
    int len = p.getTextLength();
    if (last != null && last.length() == len) {
      char[] c = p.getTextCharacters();
      int off = p.getTextOffset();
      int i = 0;
      while (i < len && c[off + i] == last.charAt(i)) {
        i++;
      }
      if (i == len) {
        return last;
      }
    }
    lastAccountName = p.getText();
    return lastAccountName;
  }
}
