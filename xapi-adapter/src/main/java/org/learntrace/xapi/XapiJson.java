package org.learntrace.xapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * xAPI JSON for the model: writing is a hand-written streaming serializer (no reflection), reading
 * goes through a strict tree reader that rejects unknown properties, nulls, duplicate keys and
 * wrong JSON types, listing every problem with its path.
 *
 * <p>Output is always UTF-8 JSON, independent of the JVM's default charset and locale, so Bangla
 * and any other script round-trip unchanged. The single-object form of {@code contextActivities}
 * is read and always written back as arrays.
 *
 * <pre>{@code
 * byte[] json = XapiJson.toBytes(statement);
 * Statement back = XapiJson.readStatement(json);
 * }</pre>
 *
 * <p>Reading checks structure only; {@link StatementValidator} checks the rules. For Jackson
 * users, {@link #module()} registers the same serializers and deserializers on any ObjectMapper.
 */
public final class XapiJson {
  /**
   * Strict duplicate detection; doubles written by Jackson's Schubfach writer and read by its fast
   * parser (the same values as {@code Double.toString}/{@code parseDouble}; {@code
   * Double.toString} took 7 % of the time spent serializing video statements).
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(module())
          .build();

  private XapiJson() {}

  /** A mapper with {@link #module()} registered and strict duplicate detection on. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  // ---- writing ----

  /** The statement as UTF-8 JSON. */
  public static byte[] toBytes(Statement statement) {
    return bytes(g -> StatementWriter.writeStatement(g, statement));
  }

  /** The statements as a UTF-8 JSON array, the body of a batch POST. */
  public static byte[] toBytes(List<Statement> statements) {
    return bytes(g -> StatementWriter.writeStatements(g, statements));
  }

  /** The statement as a JSON string. */
  public static String toJson(Statement statement) {
    return string(g -> StatementWriter.writeStatement(g, statement));
  }

  /** The statements as a JSON array string. */
  public static String toJson(List<Statement> statements) {
    return string(g -> StatementWriter.writeStatements(g, statements));
  }

  /** A statement query result as JSON ({@code more} is written as "" on the last page). */
  public static String toJson(StatementResult result) {
    return string(g -> StatementWriter.writeStatementResult(g, result));
  }

  /** An About resource as JSON. */
  public static String toJson(About about) {
    return string(g -> StatementWriter.writeAbout(g, about));
  }

  /** An Agent or Group as JSON (the form of the {@code agent} query parameter). */
  public static String toJson(Actor actor) {
    return string(g -> StatementWriter.writeActor(g, actor));
  }

  /** An Activity as JSON. */
  public static String toJson(Activity activity) {
    return string(g -> StatementWriter.writeActivity(g, activity));
  }

  /** Writes the statement as UTF-8 JSON to {@code out}, which is left open. */
  public static void write(Statement statement, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      StatementWriter.writeStatement(g, statement);
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] bytes(Body body) {
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(recycler, 1024)) {
      try (JsonGenerator g = FACTORY.createGenerator(buffer)) {
        body.write(g);
      }
      byte[] result = buffer.toByteArray();
      buffer.release();
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      recycler.releaseToPool();
    }
  }

  private static String string(Body body) {
    StringWriter w = new StringWriter(1024);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  // ---- reading ----

  /**
   * Reads one statement.
   *
   * @throws XapiValidationException listing every structural problem with its path
   */
  public static Statement readStatement(String json) {
    return readStatement(tree(json));
  }

  /** Reads one statement from UTF-8 JSON. */
  public static Statement readStatement(byte[] json) {
    return readStatement(new String(json, StandardCharsets.UTF_8));
  }

  /** Reads one statement from a JSON tree. */
  public static Statement readStatement(JsonNode json) {
    StatementReader reader = new StatementReader();
    Statement s = reader.statement(json, JsonPath.ROOT);
    if (!reader.violations().isEmpty()) {
      throw new XapiValidationException(reader.violations());
    }
    return s;
  }

  /** Reads a JSON array of statements, or a single statement as a one-element list. */
  public static List<Statement> readStatements(String json) {
    JsonNode node = tree(json);
    if (!node.isArray()) {
      return List.of(readStatement(node));
    }
    StatementReader reader = new StatementReader();
    List<Statement> list = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      list.add(reader.statement(node.get(i), JsonPath.ROOT.index(i)));
    }
    if (!reader.violations().isEmpty()) {
      throw new XapiValidationException(reader.violations());
    }
    return list;
  }

  /** Reads a statement query result, {@code {"statements": [...], "more": "..."}}. */
  public static StatementResult readStatementResult(String json) {
    JsonNode node = tree(json);
    JsonNode statements = node.path("statements");
    if (!node.isObject() || !statements.isArray()) {
      throw new IllegalArgumentException("a StatementResult must be an object with a \"statements\" array");
    }
    StatementReader reader = new StatementReader();
    List<Statement> list = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      list.add(reader.statement(statements.get(i), JsonPath.ROOT.key("statements").index(i)));
    }
    if (!reader.violations().isEmpty()) {
      throw new XapiValidationException(reader.violations());
    }
    JsonNode more = node.get("more");
    return new StatementResult(list, more != null && more.isTextual() ? more.textValue() : null);
  }

  /** Reads an About resource. */
  public static About readAbout(String json) {
    JsonNode node = tree(json);
    JsonNode versions = node.path("version");
    if (!node.isObject() || !versions.isArray()) {
      throw new IllegalArgumentException("About must be an object with a \"version\" array");
    }
    List<String> list = new ArrayList<>(versions.size());
    versions.forEach(v -> list.add(v.asText()));
    JsonNode ext = node.get("extensions");
    Extensions extensions = null;
    if (ext != null && ext.isObject()) {
      Extensions.Builder b = Extensions.builder();
      ext.fields().forEachRemaining(e -> b.put(e.getKey(), e.getValue()));
      extensions = b.build();
    }
    return new About(list, extensions);
  }

  /** Reads an Agent or Group, such as the {@code agent} parameter of a query. */
  public static Actor readActor(String json) {
    StatementReader reader = new StatementReader();
    Actor a = reader.actor(tree(json), JsonPath.ROOT, XapiRule.ACTOR_OBJECT_TYPE);
    if (!reader.violations().isEmpty()) {
      throw new XapiValidationException(reader.violations());
    }
    return a;
  }

  /**
   * Parses JSON text into a tree, rejecting duplicate keys and trailing content.
   *
   * @throws JsonProcessingException with the line and column of the problem
   */
  static JsonNode parseTree(String json) throws JsonProcessingException {
    return MAPPER.readTree(json);
  }

  private static JsonNode tree(String json) {
    try {
      return parseTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()), e);
    }
  }

  // ---- Jackson integration ----

  /**
   * A Jackson module with serializers for the model's top-level types ({@link Statement}, {@link
   * StatementResult}, {@link About}, {@link Agent}, {@link Group}, {@link Activity}) and the strict
   * deserializer for {@link Statement}.
   */
  public static Module module() {
    SimpleModule m = new SimpleModule("learntrace-xapi");
    m.addSerializer(Statement.class, serializer(StatementWriter::writeStatement));
    m.addSerializer(StatementResult.class, serializer(StatementWriter::writeStatementResult));
    m.addSerializer(About.class, serializer(StatementWriter::writeAbout));
    m.addSerializer(Agent.class, serializer(StatementWriter::writeActor));
    m.addSerializer(Group.class, serializer(StatementWriter::writeActor));
    m.addSerializer(Activity.class, serializer(StatementWriter::writeActivity));
    m.addDeserializer(Statement.class, new JsonDeserializer<>() {
      @Override
      public Statement deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode tree = p.readValueAsTree();
        try {
          return readStatement(tree);
        } catch (XapiValidationException e) {
          throw JsonMappingException.from(p, e.getMessage(), e);
        }
      }
    });
    return m;
  }

  private interface Writer<T> {
    void write(JsonGenerator g, T value) throws IOException;
  }

  private static <T> JsonSerializer<T> serializer(Writer<T> writer) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
        writer.write(g, value);
      }
    };
  }
}
