package org.learntrace.lrs.http;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.learntrace.lrs.Credential;
import org.learntrace.xapi.XapiVersion;

/** The authenticated credential and the xAPI version of one request; the request's principal. */
final class Caller implements Principal {
  private final Credential credential;
  private final XapiVersion version;

  Caller(Credential credential, XapiVersion version) {
    this.credential = credential;
    this.version = version;
  }

  Credential credential() {
    return credential;
  }

  XapiVersion version() {
    return version;
  }

  @Override
  public String getName() {
    return credential.username();
  }

  static Caller of(SecurityContext context) {
    if (context != null && context.getUserPrincipal() instanceof Caller c) {
      return c;
    }
    throw new LrsException(401, "authentication required");
  }

  /** The security context that carries this caller. */
  SecurityContext asSecurityContext() {
    Caller self = this;
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return self;
      }

      @Override
      public boolean isUserInRole(String role) {
        return credential.scopes().stream().anyMatch(s -> s.text().equals(role));
      }

      @Override
      public boolean isSecure() {
        return false;
      }

      @Override
      public String getAuthenticationScheme() {
        return BASIC_AUTH;
      }
    };
  }
}
