package org.learntrace.sdk;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * When and how an event happened.
 *
 * @param occurredAt when it happened, by the device's clock (which may be skewed); required
 * @param receivedAt when the platform received it (differs from {@code occurredAt} for offline
 *     phones that sync late), or null: the SDK then uses its clock at {@code track()}
 * @param device device and network context, or null
 * @param naturalKey the platform's own unique key for this event (for example an attempt and item
 *     id), or null. When present the event id is a UUID v5 of it, so that a platform that re-sends
 *     the same event gets the same id; it must not contain personal identifiers in clear
 * @param attributes platform-specific extras; keys and values on the never-send list are removed
 *     by the pipeline. Never null
 */
public record Occurrence(
    Instant occurredAt, Instant receivedAt, Device device, String naturalKey, Map<String, String> attributes) {

  /** Checks {@code occurredAt}; copies the attributes. */
  public Occurrence {
    Objects.requireNonNull(occurredAt, "occurredAt");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** An occurrence at {@code occurredAt} with nothing else known. */
  public static Occurrence at(Instant occurredAt) {
    return new Occurrence(occurredAt, null, null, null, Map.of());
  }

  /** A copy with the natural key set. */
  public Occurrence withNaturalKey(String key) {
    return new Occurrence(occurredAt, receivedAt, device, key, attributes);
  }

  /** A copy with the device set. */
  public Occurrence withDevice(Device newDevice) {
    return new Occurrence(occurredAt, receivedAt, newDevice, naturalKey, attributes);
  }

  /** A copy with the platform's receipt time set. */
  public Occurrence withReceivedAt(Instant at) {
    return new Occurrence(occurredAt, at, device, naturalKey, attributes);
  }

  /** A copy with these attributes. */
  public Occurrence withAttributes(Map<String, String> newAttributes) {
    return new Occurrence(occurredAt, receivedAt, device, naturalKey, newAttributes);
  }
}
