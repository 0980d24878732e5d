package org.learntrace.lti;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/** One configured Jackson mapper for state entries and service payloads. */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Json() {}

  static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + o.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(String s, Class<T> type) {
    try {
      return MAPPER.readValue(s, type);
    } catch (JsonProcessingException e) {
      throw new LtiException("invalid_json", "body is not a valid " + type.getSimpleName() + " document");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readMap(String s) {
    return read(s, Map.class);
  }
}
