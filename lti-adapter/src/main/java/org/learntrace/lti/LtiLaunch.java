package org.learntrace.lti;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated LTI 1.3 launch: the typed claims of an id_token that passed every check of
 * {@link LtiTool#launch}. Optional claims are {@code null} when the platform did not send them.
 *
 * <p>{@link #person()} carries the name, e-mail and picture claims for display inside the tool at
 * most; they are deliberately absent from {@link #toString()} and from every research event.
 */
public record LtiLaunch(
    String issuer,
    String clientId,
    String deploymentId,
    String subject,
    String messageType,
    URI targetLinkUri,
    ResourceLink resourceLink,
    Context context,
    List<String> roles,
    Map<String, Object> custom,
    AgsEndpoint ags,
    NrpsEndpoint nrps,
    DeepLinkingSettings deepLinking,
    Lti11Migration lti11,
    Person person,
    String nonce) {

  public LtiLaunch {
    roles = List.copyOf(roles);
    custom = Map.copyOf(custom);
  }

  /** The resource link the user followed; required for resource-link launches. */
  public record ResourceLink(String id, String title, String description) {}

  /** The course (context) the launch happened in. */
  public record Context(String id, String label, String title, List<String> types) {}

  /** The Assignment and Grade Services claim: the only AGS URLs a tool may call for this launch. */
  public record AgsEndpoint(List<String> scopes, URI lineItems, URI lineItem) {}

  /** The Names and Role Provisioning Services claim. */
  public record NrpsEndpoint(URI contextMemberships, List<String> serviceVersions) {}

  /** Deep Linking 2.0 settings of an {@code LtiDeepLinkingRequest}. */
  public record DeepLinkingSettings(
      URI returnUrl, List<String> acceptTypes, boolean acceptMultiple, String data) {}

  /**
   * The LTI 1.1 → 1.3 migration claim. {@code verified} is true only when the tool knows the 1.1
   * secret of {@code oauthConsumerKey} and {@code oauth_consumer_key_sign} matched.
   */
  public record Lti11Migration(String userId, String oauthConsumerKey, boolean verified) {}

  /** Display-only personal claims. Never logged, never part of a research event. */
  public record Person(String name, String givenName, String familyName, String email, URI picture) {
    @Override
    public String toString() {
      return "Person[redacted]";
    }
  }

  /** True for an {@code LtiDeepLinkingRequest}. */
  public boolean isDeepLinkingRequest() {
    return LtiClaims.DEEP_LINKING_REQUEST.equals(messageType);
  }

  /** The context id, if the platform sent a context claim. */
  public Optional<String> contextId() {
    return Optional.ofNullable(context).map(Context::id);
  }
}
