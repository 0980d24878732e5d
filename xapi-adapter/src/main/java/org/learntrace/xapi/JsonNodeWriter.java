package org.learntrace.xapi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** Writes an extension value without needing an ObjectMapper bound to the generator. */
final class JsonNodeWriter {
  private JsonNodeWriter() {}

  static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> e = fields.next();
          g.writeFieldName(e.getKey());
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> g.writeNumber(node.intValue());
          case LONG -> g.writeNumber(node.longValue());
          case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
          case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
          case FLOAT -> g.writeNumber(node.floatValue());
          default -> g.writeNumber(node.doubleValue());
        }
      }
      case NULL, MISSING -> g.writeNull();
      case BINARY, POJO -> throw new IOException("extension values must be plain JSON, found " + node.getNodeType());
    }
  }
}
