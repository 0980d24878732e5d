package org.learntrace.courseplayer;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.collector.PlayerAuthenticator;

/**
 * Who is signed in to the course player: a stand-in for the platform's own sign-in, so that the
 * example runs on its own. {@link #open(Person)} gives a learner a session token; the player's
 * launch link carries it once, the server then keeps it in an {@code HttpOnly} cookie
 * ({@value #COOKIE}) that page scripts cannot read or forge, and the collector names the caller
 * from that cookie alone: whatever a page claims about its user, events are recorded for the
 * person the session belongs to.
 *
 * <p>Tokens are 192 random bits and live in memory until {@link #close(String)} or the end of the
 * process. A platform plugs in its real sessions instead by giving {@link CoursePlayerServer} its
 * own {@link PlayerAuthenticator}. Thread-safe.
 */
public final class PlayerSessions implements PlayerAuthenticator {
  /** The cookie that carries the session token. */
  public static final String COOKIE = "LT_PLAYER_SESSION";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Person> sessions = new ConcurrentHashMap<>();

  /** Opens a session for {@code learner} (a person with a local id) and returns its token. */
  public String open(Person learner) {
    Objects.requireNonNull(learner, "learner");
    if (learner.pseudonymous()) {
      throw new IllegalArgumentException("a session is for a person with a local id, not a pseudonym: " + learner.id());
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, learner);
    return token;
  }

  /** The person whose session {@code token} is, or null when there is no such session. */
  public Person person(String token) {
    return token == null ? null : sessions.get(token);
  }

  /** Ends a session; requests that carry its token are then unauthenticated. */
  public void close(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }

  /** The person of the session named by the request's {@value #COOKIE} cookie, or null. */
  @Override
  public Person authenticate(Caller caller) {
    return person(caller.cookie(COOKIE));
  }
}
