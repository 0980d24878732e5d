package org.learntrace.xapi.collector;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.learntrace.sdk.Person;

/**
 * The platform's hook that says who is calling the {@link StatementCollector}: from the request's
 * headers and cookies (a session cookie, a bearer token…) to the authenticated person, or null when
 * the caller is not signed in (the collector answers 401). Called once per request, on the request
 * thread; must be thread-safe and should not block for long.
 *
 * <pre>{@code
 * PlayerAuthenticator auth = caller -> sessions.find(caller.cookie("SESSION"))
 *     .map(s -> Person.teacher(s.userId())).orElse(null);
 * }</pre>
 */
@FunctionalInterface
public interface PlayerAuthenticator {

  /** The person the request is from, with the platform's local id; null if unauthenticated. */
  Person authenticate(Caller caller);

  /**
   * What the collector knows about the caller.
   *
   * @param headers the request headers, names case-insensitive
   * @param cookies the request cookies by name
   */
  record Caller(Map<String, List<String>> headers, Map<String, String> cookies) {
    /** Copies both maps; header names become case-insensitive. */
    public Caller {
      TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      headers = java.util.Collections.unmodifiableMap(h);
      cookies = Map.copyOf(cookies);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A cookie's value, or null. */
    public String cookie(String name) {
      return cookies.get(name);
    }
  }
}
