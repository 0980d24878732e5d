package org.learntrace.lrs.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Merges a newly received activity definition into the one held: language maps gain the new
 * languages and take the new values, every other property takes the new value.
 */
final class DefinitionMerge {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LANGUAGE_MAPS = Set.of("name", "description");

  private DefinitionMerge() {}

  static String merge(String oldJson, String newJson) {
    try {
      ObjectNode old = (ObjectNode) JSON.readTree(oldJson);
      JsonNode fresh = JSON.readTree(newJson);
      for (Iterator<Map.Entry<String, JsonNode>> it = fresh.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode before = old.get(e.getKey());
        if (LANGUAGE_MAPS.contains(e.getKey()) && before instanceof ObjectNode map && e.getValue().isObject()) {
          map.setAll((ObjectNode) e.getValue());
        } else {
          old.set(e.getKey(), e.getValue());
        }
      }
      return JSON.writeValueAsString(old);
    } catch (JsonProcessingException | ClassCastException e) {
      return newJson;
    }
  }
}
