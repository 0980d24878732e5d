package org.learntrace.lti;

import java.util.List;
import java.util.Objects;

/**
 * Platform side: a user as the platform knows them. {@code person} (name, e-mail, picture) is sent
 * to tools in id_tokens and rosters for display, and never becomes part of a research event.
 */
public record PlatformUser(String id, List<String> roles, LtiLaunch.Person person) {
  public PlatformUser {
    Objects.requireNonNull(id, "id");
    roles = List.copyOf(roles);
  }

  /** A user without display claims. */
  public static PlatformUser of(String id, List<String> roles) {
    return new PlatformUser(id, roles, null);
  }
}
