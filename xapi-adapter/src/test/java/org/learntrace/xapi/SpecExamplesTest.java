package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example statements of the xAPI 1.0.3 Data chapter (and its appendices), copied into
 * {@code src/test/resources/spec-examples}: each is valid under both versions and survives a
 * read → write → read cycle unchanged. Fragments (a verb, an agent, an interaction definition)
 * are placed in a minimal statement.
 */
class SpecExamplesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> examples() throws IOException, URISyntaxException {
    Path dir = Path.of(SpecExamplesTest.class.getResource("/spec-examples").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).hasSizeGreaterThanOrEqualTo(25);
      return names.stream();
    }
  }

  static JsonNode load(String name) throws IOException {
    try (InputStream in = SpecExamplesTest.class.getResourceAsStream("/spec-examples/" + name)) {
      return JSON.readTree(in);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void isValidUnderBothVersions(String name) throws IOException {
    JsonNode statement = load(name).get("statement");
    for (XapiVersion version : XapiVersion.values()) {
      assertThat(StatementValidator.forVersion(version).validate(statement).violations())
          .as("%s under %s", name, version).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void roundTripsThroughTheSerializer(String name) throws IOException {
    JsonNode original = load(name).get("statement");
    Statement read = XapiJson.readStatement(original);
    byte[] written = XapiJson.toBytes(read);
    assertThat(XapiJson.readStatement(written)).isEqualTo(read);
    assertThat(normalised(JSON.readTree(written))).isEqualTo(normalised(original.deepCopy()));
  }

  /** The writer adds objectType and turns whole-number decimals into integers; undo that. */
  static JsonNode normalised(JsonNode node) {
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) node;
      if ("Activity".equals(o.path("objectType").asText()) || "Agent".equals(o.path("objectType").asText())) {
        o.remove("objectType");
      }
      List<String> keys = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        o.set(k, normalised(o.get(k)));
      }
      return o;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode a = (com.fasterxml.jackson.databind.node.ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, normalised(a.get(i)));
      }
      return a;
    }
    if (node.isNumber()) {
      return JSON.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
    }
    return node;
  }
}
