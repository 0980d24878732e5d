package org.learntrace.lrs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.learntrace.lrs.spi.AttachmentContent;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.NewStatement;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementRef;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Utf8;
import org.learntrace.xapi.Violation;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiTimestamp;
import org.learntrace.xapi.XapiVersion;

/**
 * Turns a PUT or POST body into statements ready to store: reads JSON or multipart/mixed, validates
 * every statement with {@link StatementValidator} for the request's version, checks attachments
 * and signatures, and normalises (id, authority, version, contextActivities as arrays, and in 2.0.0
 * timestamps in UTC).
 */
final class StatementIntake {
  private static final String[] CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"};

  /** The outcome: statements in request order and attachment contents by SHA-2. */
  record Batch(List<NewStatement> statements, Map<String, AttachmentContent> attachments) {}

  private StatementIntake() {}

  static Batch read(byte[] body, String contentType, Caller caller, String homePage, UUID putId) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    byte[] json;
    Map<String, Multipart.Part> parts = new LinkedHashMap<>();
    if (type.startsWith("multipart/mixed")) {
      String boundary = Multipart.boundary(contentType);
      if (boundary == null) {
        throw LrsException.badRequest("multipart/mixed Content-Type without a boundary parameter");
      }
      List<Multipart.Part> all = Multipart.parse(body, boundary);
      if (all.isEmpty()) {
        throw LrsException.badRequest("multipart/mixed body without parts");
      }
      String first = all.get(0).contentType();
      if (first == null || !first.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        throw LrsException.badRequest("the first part of a multipart/mixed statement request must be application/json, was " + first);
      }
      json = all.get(0).content();
      for (Multipart.Part p : all.subList(1, all.size())) {
        String hash = p.header("X-Experience-API-Hash");
        if (hash == null || hash.isBlank()) {
          throw LrsException.badRequest("every attachment part needs an X-Experience-API-Hash header");
        }
        String encoding = p.header("Content-Transfer-Encoding");
        if (encoding == null || !encoding.trim().equalsIgnoreCase("binary")) {
          throw LrsException.badRequest("attachment part " + hash + " needs Content-Transfer-Encoding: binary, was " + encoding);
        }
        if (p.contentType() == null) {
          throw LrsException.badRequest("attachment part " + hash + " needs a Content-Type header");
        }
        parts.put(hash.trim(), p);
      }
    } else if (type.startsWith("application/json")) {
      json = body;
    } else {
      throw LrsException.badRequest("statements must be sent as application/json or multipart/mixed, Content-Type was "
          + (contentType == null ? "absent" : "\"" + contentType + "\""));
    }

    JsonNode tree;
    try {
      tree = XapiJson.mapper().readTree(utf8(json));
    } catch (JsonProcessingException e) {
      throw LrsException.badRequest("the body is not well-formed JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
    }
    if (tree == null || tree.isMissingNode()) {
      throw LrsException.badRequest("the body is empty; send a statement or an array of statements");
    }
    if (putId != null && !tree.isObject()) {
      throw LrsException.badRequest("PUT takes one statement object, not " + tree.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    if (!tree.isObject() && !tree.isArray()) {
      throw LrsException.badRequest("the body must be a statement object or an array of statements");
    }
    if (putId != null) {
      JsonNode id = tree.get("id");
      if (id != null && id.isTextual() && !id.textValue().equalsIgnoreCase(putId.toString())) {
        throw LrsException.badRequest("the statement id " + id.textValue() + " differs from the statementId parameter " + putId);
      }
      if (id == null) {
        ((ObjectNode) tree).put("id", putId.toString());
      }
    }

    XapiVersion version = caller.version();
    List<StatementValidator.Validated> results = StatementValidator.forVersion(version).validateBatch(tree);
    List<Violation> violations = new ArrayList<>();
    results.forEach(r -> violations.addAll(r.violations()));
    if (!violations.isEmpty()) {
      throw LrsException.invalid(violations.size() + " violation(s) of xAPI " + version + ": " + violations.get(0), violations);
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (tree.isArray()) {
      tree.forEach(nodes::add);
    } else {
      nodes.add(tree);
    }

    Set<UUID> seen = new HashSet<>();
    Map<String, AttachmentContent> contents = new HashMap<>();
    Set<String> declared = new HashSet<>();
    String authorityJson = caller.credential().authorityJson(homePage);
    String authorityKey = "account\u0000" + homePage + "\u0000" + caller.credential().username();
    ObjectNode authority;
    try {
      authority = (ObjectNode) XapiJson.mapper().readTree(authorityJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("authority JSON is built, not parsed from input", e);
    }
    List<NewStatement> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      ObjectNode node = (ObjectNode) nodes.get(i);
      Statement model = results.get(i).statement();
      String where = nodes.size() == 1 ? "statement" : "statement [" + i + "]";
      UUID id = model.id() != null ? model.id() : UUID.randomUUID();
      if (!seen.add(id)) {
        throw LrsException.badRequest("the batch holds statement id " + id + " more than once");
      }
      checkAttachments(where, node, parts, contents, declared);
      // The parsed tree is not used after this point: normalise it in place.
      ObjectNode stored = node;
      stored.put("id", id.toString());
      stored.remove("stored");
      stored.set("authority", authority.deepCopy());
      if (!stored.has("version")) {
        stored.put("version", version == XapiVersion.V1_0_3 ? "1.0.0" : "2.0.0");
      }
      normaliseContextActivities(stored.get("context"));
      JsonNode object = stored.get("object");
      if (object != null && "SubStatement".equals(object.path("objectType").asText())) {
        normaliseContextActivities(object.get("context"));
      }
      if (version == XapiVersion.V2_0_0) {
        toUtc(stored, "timestamp");
        if (object != null && object.isObject()) {
          toUtc((ObjectNode) object, "timestamp");
        }
      }
      List<IndexEntry> index = StatementIndexer.index(model, authorityKey);
      UUID voided = model.isVoiding() ? ((StatementRef) model.object()).id() : null;
      UUID referenced = model.object() instanceof StatementRef ref ? ref.id() : null;
      out.add(new NewStatement(id, stored, ContentHash.of(stored), index, voided, referenced, definitions(stored)));
    }
    for (String hash : parts.keySet()) {
      if (!declared.contains(hash)) {
        throw LrsException.badRequest("attachment part " + hash + " matches no attachment of the statements");
      }
    }
    return new Batch(out, contents);
  }

  private static void checkAttachments(String where, ObjectNode node, Map<String, Multipart.Part> parts,
      Map<String, AttachmentContent> contents, Set<String> declared) {
    JsonNode attachments = node.get("attachments");
    if (attachments == null) {
      return;
    }
    for (JsonNode a : attachments) {
      String sha2 = a.path("sha2").asText();
      declared.add(sha2);
      Multipart.Part part = parts.get(sha2);
      boolean signature = Signatures.SIGNATURE_USAGE.equals(a.path("usageType").asText());
      if (part == null) {
        if (signature || !a.has("fileUrl")) {
          throw LrsException.badRequest(where + ": attachment " + sha2 + " has no fileUrl and no multipart part with"
              + " X-Experience-API-Hash " + sha2);
        }
        continue;
      }
      if (sha2.length() == 64 && !sha256(part.content()).equalsIgnoreCase(sha2)) {
        throw LrsException.badRequest(where + ": the content of attachment part " + sha2 + " has SHA-256 "
            + sha256(part.content()));
      }
      if (signature) {
        if (!"application/octet-stream".equalsIgnoreCase(a.path("contentType").asText())) {
          throw LrsException.badRequest(where + ": a signature attachment must have contentType application/octet-stream");
        }
        Signatures.verify(where, part.content(), node);
      }
      contents.put(sha2, new AttachmentContent(part.contentType(), part.content()));
    }
  }

  private static void normaliseContextActivities(JsonNode context) {
    if (context == null || !context.isObject()) {
      return;
    }
    JsonNode ca = context.get("contextActivities");
    if (ca == null || !ca.isObject()) {
      return;
    }
    for (String key : CONTEXT_ACTIVITY_KEYS) {
      JsonNode v = ca.get(key);
      if (v != null && v.isObject()) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.add(v);
        ((ObjectNode) ca).set(key, array);
      }
    }
  }

  private static void toUtc(ObjectNode node, String field) {
    JsonNode t = node.get(field);
    if (t != null && t.isTextual() && !t.textValue().endsWith("Z")) {
      node.put(field, XapiTimestamp.of(XapiTimestamp.parse(t.textValue()).instant()).text());
    }
  }

  private static Map<String, String> definitions(ObjectNode statement) {
    Map<String, String> defs = new LinkedHashMap<>();
    collect(statement, defs);
    return defs;
  }

  private static void collect(JsonNode node, Map<String, String> defs) {
    JsonNode object = node.get("object");
    if (object != null) {
      String type = object.path("objectType").asText("Activity");
      if (type.equals("Activity")) {
        activity(object, defs);
      } else if (type.equals("SubStatement")) {
        collect(object, defs);
      }
    }
    JsonNode ca = node.path("context").path("contextActivities");
    for (String key : CONTEXT_ACTIVITY_KEYS) {
      JsonNode v = ca.get(key);
      if (v != null) {
        if (v.isArray()) {
          v.forEach(a -> activity(a, defs));
        } else {
          activity(v, defs);
        }
      }
    }
  }

  private static void activity(JsonNode a, Map<String, String> defs) {
    JsonNode def = a.get("definition");
    if (def != null && def.isObject() && a.path("id").isTextual()) {
      defs.put(a.get("id").textValue(), def.toString());
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The statement body as text; a body that is not UTF-8 is a 400 naming the byte offset. */
  static String utf8(byte[] bytes) {
    try {
      return Utf8.decode(bytes);
    } catch (Utf8.MalformedException e) {
      throw LrsException.badRequest("the body is not UTF-8: " + e.getMessage());
    }
  }
}
