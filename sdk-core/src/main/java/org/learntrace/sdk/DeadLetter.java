package org.learntrace.sdk;

import java.time.Instant;
import java.util.UUID;

/**
 * A record a destination refused for good, kept with the reason instead of being retried forever
 * or silently dropped. Stored as NDJSON under {@code <outbox>/dead-letters/<destination>.ndjson}.
 *
 * @param id the event id
 * @param destination the destination that refused it
 * @param reason the destination's reason
 * @param deadLetteredAt when it was set aside
 * @param receivedAt when the platform received the event
 * @param eventJson the event as stored (pseudonymised for that destination)
 */
public record DeadLetter(
    UUID id, String destination, String reason, Instant deadLetteredAt, Instant receivedAt, String eventJson) {}
