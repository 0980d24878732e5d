package org.learntrace.lti;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * Platform side: a tool registered with this platform.
 *
 * @param clientId the OAuth client id the platform assigned to the tool
 * @param oidcLoginUrl the tool's OIDC third-party login initiation URL
 * @param redirectUris the launch URLs the tool registered; an authorization request's
 *     {@code redirect_uri} must equal one of them exactly
 * @param targetLinkUri the default launch URL
 * @param jwksUrl where the tool publishes its public keys (client assertions, deep-linking responses)
 * @param deploymentIds the deployments of this tool on this platform
 * @param scopes the LTI Advantage scopes granted to the tool; the token endpoint grants nothing else
 */
public record ToolRegistration(
    String clientId,
    String name,
    URI oidcLoginUrl,
    Set<URI> redirectUris,
    URI targetLinkUri,
    URI jwksUrl,
    Set<String> deploymentIds,
    Set<String> scopes) {

  public ToolRegistration {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(oidcLoginUrl, "oidcLoginUrl");
    Objects.requireNonNull(targetLinkUri, "targetLinkUri");
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    redirectUris = Set.copyOf(redirectUris);
    deploymentIds = Set.copyOf(deploymentIds);
    scopes = Set.copyOf(scopes);
    if (redirectUris.isEmpty()) {
      throw new IllegalArgumentException("redirectUris must not be empty for tool " + clientId);
    }
  }

  /** All AGS and NRPS scopes. */
  public static Set<String> allAdvantageScopes() {
    return Set.of(LtiClaims.SCOPE_LINEITEM, LtiClaims.SCOPE_LINEITEM_READONLY, LtiClaims.SCOPE_RESULT_READONLY,
        LtiClaims.SCOPE_SCORE, LtiClaims.SCOPE_NRPS);
  }
}
