package org.learntrace.lti;

import java.time.Instant;

/** A score posted through AGS 2.0 or LTI 1.1 Basic Outcomes ({@code scoreMaximum} 1.0 there). */
public record ScorePublished(
    Instant at,
    Side side,
    String platformId,
    String actor,
    String contextId,
    String resourceLinkId,
    String lineItemId,
    Double scoreGiven,
    Double scoreMaximum,
    String activityProgress,
    String gradingProgress) implements LtiEvent {}
