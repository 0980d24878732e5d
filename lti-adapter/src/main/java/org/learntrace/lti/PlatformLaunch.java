package org.learntrace.lti;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Platform side: what to launch, for whom, where. Build with {@link #resourceLink} or
 * {@link #deepLinking} and the {@code with*} methods.
 *
 * @param lineItemScoreMaximum when set, the resource link gets a line item with this maximum and the
 *     launch's AGS claim names it
 * @param lti11ConsumerKey when set, the launch carries the LTI 1.1 → 1.3 migration claim signed with
 *     that consumer's secret
 */
public record PlatformLaunch(
    String clientId,
    String deploymentId,
    PlatformUser user,
    LtiLaunch.Context context,
    LtiLaunch.ResourceLink resourceLink,
    String messageType,
    URI targetLinkUri,
    Map<String, Object> custom,
    Double lineItemScoreMaximum,
    String lti11ConsumerKey) {

  public PlatformLaunch {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(messageType, "messageType");
    custom = custom == null ? Map.of() : Map.copyOf(custom);
    if (LtiClaims.RESOURCE_LINK_REQUEST.equals(messageType) && (resourceLink == null || resourceLink.id() == null)) {
      throw new IllegalArgumentException("a resource-link launch needs a resource link id");
    }
  }

  public static PlatformLaunch resourceLink(String clientId, String deploymentId, PlatformUser user,
      LtiLaunch.Context context, LtiLaunch.ResourceLink link) {
    return new PlatformLaunch(clientId, deploymentId, user, context, link, LtiClaims.RESOURCE_LINK_REQUEST, null,
        Map.of(), null, null);
  }

  public static PlatformLaunch deepLinking(String clientId, String deploymentId, PlatformUser user,
      LtiLaunch.Context context) {
    return new PlatformLaunch(clientId, deploymentId, user, context, null, LtiClaims.DEEP_LINKING_REQUEST, null,
        Map.of(), null, null);
  }

  public PlatformLaunch withTargetLinkUri(URI uri) {
    return new PlatformLaunch(clientId, deploymentId, user, context, resourceLink, messageType, uri, custom,
        lineItemScoreMaximum, lti11ConsumerKey);
  }

  public PlatformLaunch withCustom(Map<String, Object> c) {
    return new PlatformLaunch(clientId, deploymentId, user, context, resourceLink, messageType, targetLinkUri, c,
        lineItemScoreMaximum, lti11ConsumerKey);
  }

  public PlatformLaunch withLineItem(double scoreMaximum) {
    return new PlatformLaunch(clientId, deploymentId, user, context, resourceLink, messageType, targetLinkUri, custom,
        scoreMaximum, lti11ConsumerKey);
  }

  public PlatformLaunch withLti11Migration(String consumerKey) {
    return new PlatformLaunch(clientId, deploymentId, user, context, resourceLink, messageType, targetLinkUri, custom,
        lineItemScoreMaximum, consumerKey);
  }
}
