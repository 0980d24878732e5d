package org.learntrace.sdk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * An event as a sink receives it: read back from the outbox, pseudonymised for this destination,
 * with its deterministic id. The id is the same on every redelivery, so a destination that keys on
 * it (an LRS by statement id) stores the event once.
 *
 * <p>The event is decoded from its stored JSON on first use; sinks that forward the JSON as is
 * (see {@link #eventJson()}) never pay for decoding.
 */
public final class TrackedEvent {
  private final UUID id;
  private final String destination;
  private final Instant receivedAt;
  private final String pseudonymKeyId;
  private final byte[] eventJson;
  private final Function<byte[], LearningEvent> decoder;
  private volatile LearningEvent event;

  /**
   * Creates a tracked event from its stored form.
   *
   * @param id the event id
   * @param destination the destination it is for
   * @param receivedAt when the platform received it
   * @param pseudonymKeyId the id of the key its pseudonyms were made with, or null if none was used
   * @param eventJson the event as stored (UTF-8 JSON)
   * @param decoder turns the JSON into the event
   */
  public TrackedEvent(
      UUID id,
      String destination,
      Instant receivedAt,
      String pseudonymKeyId,
      byte[] eventJson,
      Function<byte[], LearningEvent> decoder) {
    this.id = Objects.requireNonNull(id, "id");
    this.destination = Objects.requireNonNull(destination, "destination");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.pseudonymKeyId = pseudonymKeyId;
    this.eventJson = Objects.requireNonNull(eventJson, "eventJson");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** The deterministic event id (the xAPI statement id downstream). */
  public UUID id() {
    return id;
  }

  /** The destination this copy is for. */
  public String destination() {
    return destination;
  }

  /** When the platform received the event. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * The id of the key the pipeline made this record's pseudonyms with, so that a data steward can
   * tell key generations apart; null when it made none (every person arrived already pseudonymous,
   * e.g. an LTI launch's actor, or the policy level is identified or anonymised).
   */
  public String pseudonymKeyId() {
    return pseudonymKeyId;
  }

  /** The event as stored: UTF-8 JSON with a {@code type} property. */
  public String eventJson() {
    return new String(eventJson, StandardCharsets.UTF_8);
  }

  /** The event, pseudonymised: its {@link Person}s have {@code pseudonymous} set. */
  public LearningEvent event() {
    LearningEvent e = event;
    if (e == null) {
      e = decoder.apply(eventJson);
      event = e;
    }
    return e;
  }

  @Override
  public String toString() {
    return "TrackedEvent[" + id + " -> " + destination + ": " + eventJson() + "]";
  }
}
