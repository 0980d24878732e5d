package org.learntrace.xapi.collector;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;

/**
 * sdk-core events sent by players as JSON (the form sdk-core serializes, with its {@code type}
 * discriminator), checked and bound to the authenticated person.
 *
 * <p>Only the events a learner's own player can truthfully report are accepted: module lifecycle,
 * video, quiz, community and survey events, each about exactly one person, the caller. Its person
 * field ({@code learner}, {@code member} or {@code respondent}) may be left out — the collector
 * fills in the caller — and must otherwise be exactly the caller, or the item is invalid
 * ({@code actor-mismatch}): the collector never rewrites a claim about someone else, so that a bug
 * or an attempt to spoof shows up instead of being attributed to the caller. Attendance, support
 * visits, assessments, observations and consent withdrawals name other people or are the
 * platform's to record, and are refused ({@code type-not-accepted}).
 */
final class EventItems {
  /** The event types a player may send, with the field naming the person it is about. */
  static final Map<String, String> SELF_FIELD = Map.ofEntries(
      Map.entry("module-lifecycle", "learner"),
      Map.entry("video-played", "learner"),
      Map.entry("video-paused", "learner"),
      Map.entry("video-seeked", "learner"),
      Map.entry("video-completed", "learner"),
      Map.entry("video-progressed", "learner"),
      Map.entry("quiz-item-answered", "learner"),
      Map.entry("quiz-attempt-finished", "learner"),
      Map.entry("community-action", "member"),
      Map.entry("survey-answered", "respondent"));

  private final ObjectMapper mapper = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  /** People may leave out {@code pseudonymous} (false) and {@code idSpace} (the role's default). */
  private final ObjectMapper people = mapper.copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** Thrown with the item's problems. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final transient List<ItemError> errors;

    Invalid(List<ItemError> errors) {
      super(errors.toString());
      this.errors = errors;
    }

    Invalid(String path, String rule, String detail) {
      this(List.of(new ItemError(path, rule, detail)));
    }
  }

  /**
   * The event in {@code node}, about {@code caller}, its device time corrected by {@code skew} and
   * its receipt time {@code receivedAt}.
   */
  LearningEvent read(JsonNode node, String path, Person caller, ClockSkew skew, Instant receivedAt) throws Invalid {
    if (!node.isObject()) {
      throw new Invalid(path, "type", "an event must be a JSON object, was " + node.getNodeType().name().toLowerCase());
    }
    ObjectNode event = ((ObjectNode) node).deepCopy();
    JsonNode type = event.get("type");
    if (type == null || !type.isTextual()) {
      throw new Invalid(path + ".type", "required", "an event needs its type, one of " + SELF_FIELD.keySet());
    }
    String self = SELF_FIELD.get(type.asText());
    if (self == null) {
      throw new Invalid(path + ".type", "type-not-accepted", "'" + type.asText()
          + "' is not an event a player reports about its own user; accepted: " + new java.util.TreeSet<>(SELF_FIELD.keySet()));
    }
    JsonNode claimed = event.get(self);
    if (claimed == null || claimed.isNull()) {
      event.set(self, mapper.valueToTree(caller));
    } else {
      Person p;
      try {
        p = people.treeToValue(claimed, Person.class);
      } catch (IOException e) {
        throw new Invalid(path + "." + self, "type", "not a person: " + firstLine(e.getMessage()));
      }
      if (p.pseudonymous() || !p.equals(new Person(caller.role(), caller.idSpace(), caller.id(), false))) {
        throw new Invalid(path + "." + self, "actor-mismatch",
            "the event names someone other than the signed-in user; leave it out or name the user");
      }
      event.set(self, mapper.valueToTree(caller));
    }
    JsonNode occurrence = event.get("occurrence");
    if (occurrence == null || !occurrence.isObject()) {
      throw new Invalid(path + ".occurrence", "required", "an event needs its occurrence with occurredAt");
    }
    ObjectNode occ = (ObjectNode) occurrence;
    JsonNode at = occ.get("occurredAt");
    if (at == null || !at.isTextual()) {
      throw new Invalid(path + ".occurrence.occurredAt", "required", "the device time, an RFC 3339 timestamp");
    }
    Instant deviceTime;
    try {
      deviceTime = Instant.parse(ClockSkew.requireFourDigitYear(at.asText()));
    } catch (DateTimeParseException e) {
      throw new Invalid(path + ".occurrence.occurredAt", "format", "not an RFC 3339 UTC timestamp: \"" + at.asText() + "\"");
    }
    Instant corrected;
    try {
      corrected = skew.correct(deviceTime);
    } catch (DateTimeException e) {
      throw new Invalid(path + ".occurrence.occurredAt", "range", "the device time corrected by the device's clock"
          + " offset " + skew.offset() + " (header " + StatementCollector.SENT_AT_HEADER + ") is out of range");
    }
    occ.put("occurredAt", corrected.toString());
    occ.put("receivedAt", receivedAt.toString());
    if (skew.applies()) {
      Map<String, String> attrs;
      try {
        JsonNode a = occ.get("attributes");
        attrs = a == null || a.isNull() ? Map.of() : mapper.convertValue(a,
            mapper.getTypeFactory().constructMapType(Map.class, String.class, String.class));
      } catch (IllegalArgumentException e) {
        throw new Invalid(path + ".occurrence.attributes", "type", "attributes must map strings to strings");
      }
      occ.set("attributes", mapper.valueToTree(skew.record(deviceTime, attrs)));
    }
    try {
      return mapper.treeToValue(event, LearningEvent.class);
    } catch (JsonMappingException e) {
      throw new Invalid(List.of(describe(e, path)));
    } catch (IOException e) {
      throw new Invalid(path, "json", firstLine(e.getMessage()));
    }
  }

  private static ItemError describe(JsonMappingException e, String root) {
    StringBuilder p = new StringBuilder(root);
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        p.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        p.append('[').append(r.getIndex()).append(']');
      }
    }
    String detail = firstLine(e.getOriginalMessage());
    if (e instanceof UnrecognizedPropertyException) {
      return new ItemError(p.toString(), "unknown-property", "no such property in this event type");
    }
    if (e instanceof InvalidTypeIdException) {
      return new ItemError(p.toString(), "type", detail);
    }
    if (e instanceof InvalidFormatException) {
      return new ItemError(p.toString(), "format", detail);
    }
    if (e instanceof ValueInstantiationException && e.getCause() instanceof NullPointerException npe && npe.getMessage() != null) {
      return new ItemError(p + "." + npe.getMessage(), "required", "this property is required");
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return new ItemError(p.toString(), "value", firstLine(e.getCause().getMessage()));
    }
    if (detail != null && detail.startsWith("Cannot map `null` into type")) {
      return new ItemError(p.toString(), "required", "this property is required (a number or boolean)");
    }
    if (detail != null && detail.startsWith("Missing creator property")) {
      return new ItemError(p.toString(), "required", detail);
    }
    return new ItemError(p.toString(), "type", detail);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
