package org.learntrace.lti;

import java.time.Instant;

/**
 * A launch: the identity and context of a research session. {@code contextId} becomes the course,
 * {@code resourceLinkId} the module.
 */
public record LtiLaunchEvent(
    Instant at,
    Side side,
    String platformId,
    String deploymentId,
    String actor,
    ResearchRole role,
    String contextId,
    String resourceLinkId,
    String messageType,
    String ltiVersion) implements LtiEvent {}
