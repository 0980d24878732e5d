package org.learntrace.lti;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * Tool side: a platform this tool accepts launches from.
 *
 * @param issuer the platform's {@code iss}
 * @param clientId the client id the platform assigned to this tool
 * @param authorizationUrl the platform's OIDC authorization endpoint
 * @param accessTokenUrl the platform's OAuth 2 token endpoint (client assertions are audienced to it)
 * @param jwksUrl the platform's JWKS; the only source of keys for its id_tokens
 * @param deploymentIds the deployments this tool accepts
 */
public record PlatformRegistration(
    String issuer,
    String clientId,
    URI authorizationUrl,
    URI accessTokenUrl,
    URI jwksUrl,
    Set<String> deploymentIds) {

  public PlatformRegistration {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(authorizationUrl, "authorizationUrl");
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    deploymentIds = Set.copyOf(deploymentIds);
  }
}
