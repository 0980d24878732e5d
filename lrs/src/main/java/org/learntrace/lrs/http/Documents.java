package org.learntrace.lrs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.learntrace.lrs.Scope;
import org.learntrace.lrs.spi.Document;
import org.learntrace.lrs.spi.DocumentKey;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;

/**
 * What the three document resources (state, activity profile, agent profile) share: reads with
 * ETag and Last-Modified, writes with If-Match / If-None-Match preconditions, JSON merge on POST.
 */
final class Documents {
  private final LrsContext lrs;
  private final String resource;
  private final Scope scope;

  Documents(LrsContext lrs, String resource, Scope scope) {
    this.lrs = lrs;
    this.resource = resource;
    this.scope = scope;
  }

  void requireScope(Caller caller, boolean write) {
    boolean ok = write
        ? caller.credential().hasAny(scope, Scope.ALL)
        : caller.credential().hasAny(scope, Scope.ALL, Scope.ALL_READ);
    if (!ok) {
      throw new LrsException(403, "credential " + caller.credential().username() + " lacks scope " + scope.text()
          + (write ? " (or all)" : " (or all/read, all)") + " for " + resource);
    }
  }

  Response get(DocumentKey key) {
    Document d = lrs.store().document(key)
        .orElseThrow(() -> new LrsException(404, "no " + resource + " document \"" + key.documentId() + "\""));
    return Response.ok(d.content(), d.contentType())
        .header("ETag", "\"" + d.etag() + "\"")
        .header("Last-Modified", HttpDates.http(d.updatedMillis()))
        .build();
  }

  Response list(DocumentKey scopeKey, Long since) {
    ArrayNode ids = JsonNodeFactory.instance.arrayNode();
    lrs.store().documentIds(scopeKey, since).forEach(ids::add);
    return Response.ok(ids.toString(), "application/json; charset=UTF-8")
        .header("Last-Modified", HttpDates.http(lrs.clock().millis()))
        .build();
  }

  /**
   * PUT. Without If-Match or If-None-Match, an existing document is not overwritten (409) where
   * {@code requireHeaderToOverwrite}, and in xAPI 1.0.3 a profile document is not created either
   * (400): the 1.0.3 conformance suite requires a precondition header on every profile PUT.
   */
  Response put(DocumentKey key, byte[] body, HttpHeaders headers, Caller caller, boolean requireHeaderToOverwrite) {
    String type = contentType(headers);
    requireJsonIfDeclared(type, body);
    boolean noPrecondition = headers.getHeaderString("If-Match") == null && headers.getHeaderString("If-None-Match") == null;
    Optional<Document> saved = lrs.store().modifyDocument(key, current -> {
      checkPreconditions(current, headers);
      if (current.isPresent() && requireHeaderToOverwrite && noPrecondition) {
        throw new LrsException(409, resource + " document \"" + key.documentId() + "\" exists: send If-Match with its ETag"
            + " (\"" + current.get().etag() + "\") to overwrite it, or If-None-Match: * to create only");
      }
      if (current.isEmpty() && noPrecondition && !resource.equals("state") && caller.version() == XapiVersion.V1_0_3) {
        throw LrsException.badRequest("xAPI 1.0.3: a PUT to the " + resource + " resource needs If-Match or If-None-Match"
            + " (If-None-Match: * to create a new document)");
      }
      return Optional.of(Document.of(body, type, lrs.clock().millis()));
    });
    return written(saved);
  }

  Response post(DocumentKey key, byte[] body, HttpHeaders headers) {
    String type = contentType(headers);
    requireJsonIfDeclared(type, body);
    Optional<Document> saved = lrs.store().modifyDocument(key, current -> {
      checkPreconditions(current, headers);
      if (current.isEmpty()) {
        return Optional.of(Document.of(body, type, lrs.clock().millis()));
      }
      Document old = current.get();
      if (!old.isJson() || !isJson(type)) {
        throw LrsException.badRequest("POST merges JSON documents only: the stored " + resource + " document is "
            + old.contentType() + " and the request is " + type + "; use PUT to replace it");
      }
      ObjectNode merged = object(old.content(), "the stored document");
      ObjectNode fresh = object(body, "the request body");
      merged.setAll(fresh);
      return Optional.of(Document.of(merged.toString().getBytes(StandardCharsets.UTF_8), "application/json", lrs.clock().millis()));
    });
    return written(saved);
  }

  Response delete(DocumentKey key, HttpHeaders headers) {
    lrs.store().modifyDocument(key, current -> {
      checkPreconditions(current, headers);
      return Optional.empty();
    });
    return Response.noContent().build();
  }

  void deleteAll(DocumentKey scopeKey) {
    lrs.store().deleteDocuments(scopeKey);
  }

  static boolean needsHeaderToOverwrite(String resource, XapiVersion version) {
    return !resource.equals("state") || version == XapiVersion.V2_0_0;
  }

  private Response written(Optional<Document> saved) {
    Response.ResponseBuilder b = Response.noContent();
    saved.ifPresent(d -> b.header("ETag", "\"" + d.etag() + "\"").header("Last-Modified", HttpDates.http(d.updatedMillis())));
    return b.build();
  }

  private void checkPreconditions(Optional<Document> current, HttpHeaders headers) {
    String ifMatch = headers.getHeaderString("If-Match");
    if (ifMatch != null) {
      if (current.isEmpty() || !matches(ifMatch, current.get().etag())) {
        throw new LrsException(412, "If-Match " + ifMatch + " does not match the " + resource + " document's ETag "
            + current.map(d -> "\"" + d.etag() + "\"").orElse("(no such document)"));
      }
    }
    String ifNoneMatch = headers.getHeaderString("If-None-Match");
    if (ifNoneMatch != null && current.isPresent() && matches(ifNoneMatch, current.get().etag())) {
      throw new LrsException(412, "If-None-Match " + ifNoneMatch + ": the " + resource + " document exists (ETag \""
          + current.get().etag() + "\")");
    }
  }

  private static boolean matches(String header, String etag) {
    for (String part : header.split(",")) {
      String t = part.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*")) {
        return true;
      }
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      if (t.equalsIgnoreCase(etag)) {
        return true;
      }
    }
    return false;
  }

  private static String contentType(HttpHeaders headers) {
    String t = headers.getHeaderString("Content-Type");
    return t == null || t.isBlank() ? "application/octet-stream" : t.trim();
  }

  private static boolean isJson(String type) {
    return type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }

  private static void requireJsonIfDeclared(String type, byte[] body) {
    if (isJson(type)) {
      try {
        XapiJson.mapper().readTree(new String(body, StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        throw LrsException.badRequest("the document is declared application/json but is not valid JSON: " + e.getOriginalMessage());
      }
    }
  }

  private static ObjectNode object(byte[] content, String what) {
    try {
      JsonNode n = XapiJson.mapper().readTree(new String(content, StandardCharsets.UTF_8));
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw LrsException.badRequest("POST merges JSON objects only: " + what + " is not a JSON object");
  }
}
