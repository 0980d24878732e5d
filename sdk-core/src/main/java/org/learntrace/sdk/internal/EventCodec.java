package org.learntrace.sdk.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.PseudonymLevel;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.SurveyAnswered;

/**
 * The JSON form of events in the outbox. Serialization is where the privacy rules are applied, so
 * that nothing reaches the outbox without passing them: people, schools and classes are written as
 * the destination's pseudonyms, the device's user agent, IP and id are never written, and free
 * text goes through {@link NeverSend}.
 */
public final class EventCodec {
  /** Per-serialization settings; one instance per writer thread, mutated before each call. */
  static final class Scope {
    Pseudonymizer pseudonymizer;
    PseudonymLevel level = PseudonymLevel.PSEUDONYMISED;
    boolean childSubject;
    RedactionCounter counter;
    /** Whether a pseudonym was made since the writer last cleared it: the record names the key then. */
    boolean keyUsed;

    String pseudonym(String idSpace, String id) {
      keyUsed = true;
      return pseudonymizer.pseudonym(idSpace, id);
    }
  }

  /** Counts what the never-send list removed. */
  public interface RedactionCounter {
    void redacted(NeverSend.Category category);
  }

  static final String ANONYMOUS = "anonymous";

  private final ObjectMapper mapper;

  public EventCodec() {
    SimpleModule m = new SimpleModule("learntrace-privacy");
    m.addSerializer(Person.class, new PersonSerializer());
    m.addSerializer(Location.class, new LocationSerializer());
    m.addSerializer(Occurrence.class, new OccurrenceSerializer());
    m.addSerializer(Device.class, new DeviceSerializer());
    mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(m)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(QuizItemAnswered.class, QuizItemAnsweredMixin.class)
            .addMixIn(SurveyAnswered.class, SurveyAnsweredMixin.class);
  }


  /** A writer bound to {@code scope}; the scope is read at each serialization. */
  ObjectWriter writer(Scope scope) {
    return mapper.writer().withAttribute(Scope.class, scope);
  }

  /** The event as it would be stored without any privacy rule: for keyed id derivation only. */
  byte[] clearJson(LearningEvent event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes a stored event. */
  public LearningEvent decode(byte[] json) {
    try {
      return mapper.readValue(json, LearningEvent.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode stored event: " + e.getMessage(), e);
    }
  }

  private static Scope scope(SerializerProvider p) {
    return (Scope) p.getAttribute(Scope.class);
  }

  private static final class PersonSerializer extends JsonSerializer<Person> {
    @Override
    public void serialize(Person v, JsonGenerator g, SerializerProvider p) throws IOException {
      Scope s = scope(p);
      String id = v.id();
      boolean pseudonymous = v.pseudonymous();
      if (s != null && !pseudonymous && s.level != PseudonymLevel.IDENTIFIED) {
        id = s.level == PseudonymLevel.ANONYMISED ? ANONYMOUS : s.pseudonym(v.idSpace(), v.id());
        pseudonymous = true;
      }
      g.writeStartObject();
      g.writeStringField("role", v.role().name());
      g.writeStringField("idSpace", v.idSpace());
      g.writeStringField("id", id);
      g.writeBooleanField("pseudonymous", pseudonymous);
      g.writeEndObject();
    }
  }

  private static final class LocationSerializer extends JsonSerializer<Location> {
    @Override
    public void serialize(Location v, JsonGenerator g, SerializerProvider p) throws IOException {
      Scope s = scope(p);
      g.writeStartObject();
      field(g, "division", v.division());
      field(g, "district", v.district());
      field(g, "upazila", v.upazila());
      field(g, "cluster", v.cluster());
      if (s == null) {
        field(g, "school", v.school());
        field(g, "classId", v.classId());
      } else if (s.level != PseudonymLevel.ANONYMISED) {
        // School codes in clear are on the never-send list at every level.
        field(g, "school", v.school() == null ? null : s.pseudonym(Location.SCHOOL_ID_SPACE, v.school()));
        field(g, "classId", v.classId() == null ? null : s.pseudonym(Location.CLASS_ID_SPACE, v.classId()));
      }
      g.writeEndObject();
    }
  }

  private static final class DeviceSerializer extends JsonSerializer<Device> {
    @Override
    public void serialize(Device v, JsonGenerator g, SerializerProvider p) throws IOException {
      // userAgent, ipAddress and deviceId are never written: not even to the local outbox.
      g.writeStartObject();
      if (v.deviceClass() != null) {
        g.writeStringField("deviceClass", v.deviceClass().name());
      }
      if (v.network() != null) {
        g.writeStringField("network", v.network().name());
      }
      g.writeBooleanField("syncedLate", v.syncedLate());
      if (v.bytesUsed() != null) {
        g.writeNumberField("bytesUsed", v.bytesUsed());
      }
      g.writeEndObject();
    }
  }

  private static final class OccurrenceSerializer extends JsonSerializer<Occurrence> {
    @Override
    public void serialize(Occurrence v, JsonGenerator g, SerializerProvider p) throws IOException {
      Scope s = scope(p);
      g.writeStartObject();
      g.writeStringField("occurredAt", v.occurredAt().toString());
      if (v.receivedAt() != null) {
        g.writeStringField("receivedAt", v.receivedAt().toString());
      }
      if (v.device() != null) {
        g.writeFieldName("device");
        p.defaultSerializeValue(v.device(), g);
      }
      field(g, "naturalKey", v.naturalKey());
      if (!v.attributes().isEmpty()) {
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> e : v.attributes().entrySet()) {
          NeverSend.Category c = null;
          if (s != null) {
            c = s.childSubject ? NeverSend.Category.CHILD_FREE_TEXT : NeverSend.categoryOfKey(e.getKey());
            if (c == null) {
              c = NeverSend.categoryOfValue(e.getValue());
            }
          }
          if (c == null) {
            g.writeStringField(e.getKey(), e.getValue());
          } else if (s.counter != null) {
            s.counter.redacted(c);
          }
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
  }

  /** Free text typed by a person: checked against the never-send list, redacted on a match. */
  static final class FreeTextSerializer extends JsonSerializer<String> {
    @Override
    public void serialize(String v, JsonGenerator g, SerializerProvider p) throws IOException {
      Scope s = scope(p);
      NeverSend.Category c = null;
      if (s != null) {
        c = s.childSubject ? NeverSend.Category.CHILD_FREE_TEXT : NeverSend.categoryOfValue(v);
      }
      if (c == null) {
        g.writeString(v);
      } else {
        if (s.counter != null) {
          s.counter.redacted(c);
        }
        g.writeString(NeverSend.REDACTED);
      }
    }
  }

  abstract static class QuizItemAnsweredMixin {
    @JsonSerialize(using = FreeTextSerializer.class)
    abstract String response();
  }

  abstract static class SurveyAnsweredMixin {
    @JsonSerialize(using = FreeTextSerializer.class)
    abstract String answer();
  }

  private static void field(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
