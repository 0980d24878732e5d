package org.learntrace.lrs;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP Basic credential the LRS accepts, with its xAPI scopes. The statements it writes carry
 * an authority built from the username (see {@link #authorityJson(String)}).
 *
 * @param username the Basic user name; not empty, no colon
 * @param password the Basic password; not empty
 * @param scopes what it may do; not empty
 */
public record Credential(String username, String password, Set<Scope> scopes) {

  public Credential {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException("username must be non-empty and contain no ':', was \"" + username + "\"");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("password of " + username + " must not be empty");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new IllegalArgumentException("credential " + username + " needs at least one scope");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** A credential with every scope. */
  public static Credential all(String username, String password) {
    return new Credential(username, password, Set.of(Scope.ALL));
  }

  /** A credential with these scopes. */
  public static Credential of(String username, String password, Scope first, Scope... more) {
    return new Credential(username, password, EnumSet.of(first, more));
  }

  /** Whether it holds any of {@code wanted}. */
  public boolean hasAny(Scope... wanted) {
    for (Scope s : wanted) {
      if (scopes.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** The authority Agent JSON for statements it writes: an account on {@code homePage}. */
  public String authorityJson(String homePage) {
    return "{\"objectType\":\"Agent\",\"name\":" + quote(username) + ",\"account\":{\"homePage\":" + quote(homePage)
        + ",\"name\":" + quote(username) + "}}";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  @Override
  public String toString() {
    return "Credential[" + username + ", " + scopes + "]";
  }
}
