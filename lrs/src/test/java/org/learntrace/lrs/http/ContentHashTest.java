package org.learntrace.lrs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Content hashes are compared with hashes stored by earlier versions of the LRS, so the text they
 * hash must not change: {@link ContentHash} must agree with the first implementation (kept here)
 * on every object the ADL suite's statements hold and on the awkward cases.
 */
class ContentHashTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void agreesWithTheFirstImplementationOnTheConformanceStatements() throws Exception {
    List<ObjectNode> objects = new ArrayList<>();
    try (InputStream in = ContentHashTest.class.getResourceAsStream("/statements-1.0.3.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        collectObjects(JSON.readTree(line).get("statement"), objects);
      }
    }
    assertThat(objects).hasSizeGreaterThan(950);
    for (ObjectNode o : objects) {
      assertThat(ContentHash.of(o)).as("hash of %s", o).isEqualTo(firstImplementation(o));
    }
  }

  @Test
  void agreesWithTheFirstImplementationOnEscapesNumbersAndLrsProperties() throws Exception {
    String[] cases = {
      "{\"id\":\"x\",\"stored\":\"s\",\"authority\":{},\"version\":\"1.0.0\",\"verb\":{\"id\":\"v\"}}",
      "{\"a\":\"\\u0000\\u001f\\\"\\\\/\\t\\n\",\"b\":\"\\ud800 lone surrogate\",\"c\":\"শ্রেণিকক্ষে 😀\"}",
      "{\"d\":\"\\udc00\\ud83d\\ude00\\ud83d\",\"e\":\"x\\ud83d\",\"\\u00e9\\u07ff\\u0800\\uffff\":\"\\u0080\\t\\u00e9\"}",
      "{\"n\":[1,-2,3000000000,1.5,1e300,-0.0,12345678901234567890,true,false,null,[],{}]}",
      "{\"n\":[1e400,-1e400,4.9e-324,1e-7,1.0E7,123456789.125,0.1,100.0,1E22,2.5e-5]}",
      "{\"z\":{\"b\":1,\"a\":{\"id\":\"nested ids are content\",\"version\":2}},\"Z\":0,\"\":\"empty key\"}",
    };
    for (String text : cases) {
      ObjectNode o = (ObjectNode) JSON.readTree(text);
      assertThat(ContentHash.of(o)).as("hash of %s", text).isEqualTo(firstImplementation(o));
    }
  }

  @Test
  void agreesWithTheFirstImplementationOnRandomNumbers() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      double d = switch (i % 4) {
        case 0 -> random.nextDouble();
        case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        case 2 -> Double.longBitsToDouble(random.nextLong());
        default -> random.nextInt(100_000) / 8.0;
      };
      String text = "{\"x\":" + (Double.isFinite(d) ? Double.toString(d) : "1e999") + "}";
      ObjectNode o = (ObjectNode) JSON.readTree(text);
      assertThat(ContentHash.of(o)).as("hash of %s", text).isEqualTo(firstImplementation(o));
    }
  }

  @Test
  void leavesOutOnlyTheTopLevelPropertiesTheLrsSets() throws Exception {
    ObjectNode a = (ObjectNode) JSON.readTree("{\"id\":\"1\",\"verb\":{\"id\":\"v\"},\"version\":\"1.0.0\"}");
    ObjectNode b = (ObjectNode) JSON.readTree("{\"verb\":{\"id\":\"v\"},\"stored\":\"t\"}");
    ObjectNode c = (ObjectNode) JSON.readTree("{\"verb\":{\"id\":\"w\"}}");
    assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(b)).isNotEqualTo(ContentHash.of(c));
  }

  private static void collectObjects(JsonNode n, List<ObjectNode> out) {
    if (n == null) {
      return;
    }
    if (n instanceof ObjectNode o) {
      out.add(o);
    }
    n.forEach(child -> collectObjects(child, out));
  }

  // ---- the first implementation (StatementIntake.contentHash until the content hash got a class of its own) ----

  private static final Set<String> LRS_SET = Set.of("id", "stored", "authority", "version");

  private static String firstImplementation(ObjectNode statement) {
    StringBuilder b = new StringBuilder(1024);
    canonical(statement, b, true);
    return StatementIntake.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void canonical(JsonNode n, StringBuilder b, boolean top) {
    if (n.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!top || !LRS_SET.contains(e.getKey())) {
          sorted.put(e.getKey(), e.getValue());
        }
      }
      b.append('{');
      sorted.forEach((k, v) -> {
        quoted(k, b);
        b.append(':');
        canonical(v, b, false);
        b.append(',');
      });
      b.append('}');
    } else if (n.isArray()) {
      b.append('[');
      n.forEach(v -> {
        canonical(v, b, false);
        b.append(',');
      });
      b.append(']');
    } else if (n.isTextual()) {
      quoted(n.textValue(), b);
    } else if (n.isBoolean() || n.isNull() || n.isInt() || n.isLong()) {
      b.append(n.asText());
    } else {
      b.append(n);
    }
  }

  private static void quoted(String s, StringBuilder b) {
    b.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, b);
    b.append('"');
  }
}
