package org.learntrace.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;

/**
 * Keeps {@link StatementSerializationBenchmark} honest: the three serializers must describe the same
 * statement, ours must round-trip, and the statement must be valid, so that the throughput figures
 * compare equal work.
 */
class StatementSerializationBenchmarkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatementSerializationBenchmark benchmark;

  @BeforeEach
  void setUp() {
    benchmark = new StatementSerializationBenchmark();
    benchmark.setUp();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 12.5, 95.5, 511.5})
  void jxapiDescribesTheSameStatementAsLearntrace(double time) throws IOException {
    JsonNode ours = normalised(benchmark.learntraceBytes(time));
    JsonNode theirs = normalised(benchmark.jxapiBytes(time));

    assertThat(theirs).as("jxapi output at time %s", time).isEqualTo(ours);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 12.5, 95.5, 511.5})
  void jacksonRecordsDescribeTheSameStatementAsLearntrace(double time) throws IOException {
    JsonNode ours = normalised(benchmark.learntraceBytes(time));
    JsonNode plain = normalised(benchmark.jacksonRecordsBytes(time));

    assertThat(plain).as("Jackson records output at time %s", time).isEqualTo(ours);
  }

  @Test
  void learntraceOutputIsTheStatementItWasBuiltFrom() throws IOException {
    JsonNode ours = JSON.readTree(benchmark.learntraceBytes(95.5));

    assertThat(ours.at("/actor/account/name").textValue()).hasSize(22);
    assertThat(ours.at("/object/definition/name/bn-BD").textValue()).isEqualTo("শ্রেণিকক্ষে বস্তু গণনা");
    assertThat(ours.at("/result/extensions").get(StatementSerializationBenchmark.TIME).doubleValue()).isEqualTo(95.5);
    assertThat(ours.at("/result/extensions").get(StatementSerializationBenchmark.PROGRESS).doubleValue()).isEqualTo(0.159);
    assertThat(ours.at("/context/contextActivities/grouping")).hasSize(2);
    assertThat(ours.at("/timestamp").textValue()).isEqualTo("2026-03-14T09:27:02.114Z");
  }

  @Test
  void learntraceOutputRoundTripsToAnEqualStatement() {
    Statement built = benchmark.learntraceStatement(95.5);

    Statement read = XapiJson.readStatement(XapiJson.toBytes(built));

    assertThat(read).isEqualTo(built);
  }

  @Test
  void theValidatedStatementHasNoViolations() {
    assertThat(benchmark.validate()).isEmpty();
    assertThat(StatementValidator.forVersion(XapiVersion.V2_0_0).validate(benchmark.learntraceStatement(0.0)))
        .isEmpty();
  }

  /**
   * Everything the statement must carry (two-language name, description, three result and three
   * context extensions with their long IRIs, four context activities) comes to 1.3-1.5 KB; the
   * bound keeps it from drifting while the benchmark is called a "~1 KB statement".
   */
  @Test
  void everySerializerWritesAStatementOfAboutOneKilobyte() {
    assertThat(benchmark.learntraceBytes(95.5).length).as("learntrace").isBetween(1024, 1536);
    assertThat(benchmark.jxapiBytes(95.5).length).as("jxapi").isBetween(1024, 1536);
    assertThat(benchmark.jacksonRecordsBytes(95.5).length).as("jacksonRecords").isBetween(1024, 1536);
  }

  @Test
  void consecutiveCallsVaryThePlayhead() throws IOException {
    JsonNode first = JSON.readTree(benchmark.learntrace());
    JsonNode second = JSON.readTree(benchmark.learntrace());

    assertThat(second.at("/result/extensions")).isNotEqualTo(first.at("/result/extensions"));
  }

  /**
   * The JSON with the differences that do not change the statement's meaning removed: {@code
   * objectType "Activity"} (the default, which jxapi omits inside contextActivities), empty arrays
   * and objects (absent), and number formatting ({@code 600} vs {@code 600.0}). Object key order
   * never matters to {@link ObjectNode#equals}.
   */
  private static JsonNode normalised(byte[] json) throws IOException {
    JsonNode tree = JSON.readTree(new String(json, StandardCharsets.UTF_8));
    return normalise(tree);
  }

  private static JsonNode normalise(JsonNode node) {
    if (node.isNumber()) {
      return DoubleNode.valueOf(node.doubleValue());
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(normalise(e)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = e.getValue();
        boolean defaultObjectType = e.getKey().equals("objectType") && value.asText().equals("Activity");
        boolean empty = value.isContainerNode() && value.isEmpty();
        if (!defaultObjectType && !empty) {
          out.set(e.getKey(), normalise(value));
        }
      }
      return out;
    }
    return node;
  }
}
