package org.learntrace.lrs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.learntrace.lrs.Scope;
import org.learntrace.lrs.spi.AttachmentContent;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.IndexEntry.Kind;
import org.learntrace.lrs.spi.StatementPage;
import org.learntrace.lrs.spi.StatementQuery;
import org.learntrace.lrs.spi.StoredStatement;

/** The Statement Resource: store statements (PUT, POST) and fetch or query them (GET, HEAD). */
@Path("statements")
public final class StatementsResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> QUERY_PARAMS = Set.of("agent", "verb", "activity", "registration", "related_activities",
      "related_agents", "since", "until", "limit", "format", "attachments", "ascending");
  private static final Set<String> SINGLE_PARAMS = Set.of("statementId", "voidedStatementId", "format", "attachments");

  private final LrsContext lrs;

  StatementsResource(LrsContext lrs) {
    this.lrs = lrs;
  }

  @PUT
  public Response put(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    requireWrite(caller);
    Params params = new Params(uri.getQueryParameters()).allowOnly(Set.of("statementId"), "PUT statements");
    UUID id = params.uuid("statementId");
    if (id == null) {
      throw LrsException.badRequest("PUT statements requires the statementId parameter");
    }
    StatementIntake.Batch batch = StatementIntake.read(body, headers.getHeaderString("Content-Type"), caller, lrs.homePage(), id);
    lrs.store().storeStatements(batch.statements(), batch.attachments());
    return Response.noContent().build();
  }

  @POST
  public Response post(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    requireWrite(caller);
    if (!uri.getQueryParameters().isEmpty()) {
      throw LrsException.badRequest("POST statements takes no parameters, got " + uri.getQueryParameters().keySet());
    }
    StatementIntake.Batch batch = StatementIntake.read(body, headers.getHeaderString("Content-Type"), caller, lrs.homePage(), null);
    lrs.store().storeStatements(batch.statements(), batch.attachments());
    ArrayNode ids = JSON.createArrayNode();
    batch.statements().forEach(s -> ids.add(s.id().toString()));
    return Response.ok(ids.toString(), "application/json; charset=UTF-8").build();
  }

  private static void requireWrite(Caller caller) {
    if (!caller.credential().hasAny(Scope.STATEMENTS_WRITE, Scope.ALL)) {
      throw new LrsException(403, "credential " + caller.credential().username() + " lacks scope statements/write (or all)");
    }
  }

  @GET
  public Response get(@Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    boolean mine = false;
    if (!caller.credential().hasAny(Scope.STATEMENTS_READ, Scope.ALL_READ, Scope.ALL)) {
      if (!caller.credential().hasAny(Scope.STATEMENTS_READ_MINE)) {
        throw new LrsException(403, "credential " + caller.credential().username()
            + " lacks scope statements/read, statements/read/mine, all/read or all");
      }
      mine = true;
    }
    MultivaluedMap<String, String> query = uri.getQueryParameters();
    List<String> languages = languages(headers);
    if (query.containsKey("statementId") || query.containsKey("voidedStatementId")) {
      return single(new Params(query), languages, mine, caller);
    }
    if (query.containsKey("more")) {
      if (query.size() != 1) {
        throw LrsException.badRequest("a more link takes no other parameters");
      }
      Cursor cursor = Cursor.decode(query.getFirst("more"));
      return page(new Params(cursor.params()), cursor.position(), uri, languages, mine, caller);
    }
    return page(new Params(query), null, uri, languages, mine, caller);
  }

  private Response single(Params params, List<String> languages, boolean mine, Caller caller) {
    params.allowOnly(SINGLE_PARAMS, "GET statements with statementId or voidedStatementId");
    if (params.has("statementId") && params.has("voidedStatementId")) {
      throw LrsException.badRequest("give statementId or voidedStatementId, not both");
    }
    boolean voidedWanted = params.has("voidedStatementId");
    UUID id = params.uuid(voidedWanted ? "voidedStatementId" : "statementId");
    String format = format(params);
    boolean attachments = params.bool("attachments", false);
    StoredStatement s = lrs.store().statement(id)
        .filter(found -> found.voided() == voidedWanted)
        .orElseThrow(() -> new LrsException(404, (voidedWanted ? "no voided statement " : "no statement ") + id
            + (voidedWanted ? "" : " (or it is voided: fetch it with voidedStatementId)")));
    ObjectNode json = parse(s.json());
    if (mine && !ownedBy(json, caller)) {
      throw new LrsException(403, "scope statements/read/mine: statement " + id + " was not written by "
          + caller.credential().username());
    }
    StatementFormats.apply(format, json, languages);
    long now = lrs.clock().millis();
    Response.ResponseBuilder b = attachments
        ? multipart(json.toString(), List.of(json))
        : Response.ok(json.toString(), "application/json; charset=UTF-8");
    return b.header("Last-Modified", HttpDates.http(s.storedMillis()))
        .header("X-Experience-API-Consistent-Through", HttpDates.xapi(Math.max(now, s.storedMillis())))
        .build();
  }

  private boolean ownedBy(ObjectNode statement, Caller caller) {
    JsonNode account = statement.path("authority").path("account");
    return caller.credential().username().equals(account.path("name").asText())
        && lrs.homePage().equals(account.path("homePage").asText());
  }

  private Response page(Params params, Long position, UriInfo uri, List<String> languages, boolean mine, Caller caller) {
    params.allowOnly(QUERY_PARAMS, "GET statements");
    String agentKey = params.agentKey("agent", false);
    String verb = params.iri("verb", false);
    String activity = params.iri("activity", false);
    UUID registration = params.uuid("registration");
    boolean relatedAgents = params.bool("related_agents", false);
    boolean relatedActivities = params.bool("related_activities", false);
    Long since = params.timestampMillis("since");
    Long until = params.timestampMillis("until");
    boolean ascending = params.bool("ascending", false);
    String format = format(params);
    boolean attachments = params.bool("attachments", false);
    int limit = limit(params);

    List<IndexEntry> agentFilter = new ArrayList<>();
    if (agentKey != null) {
      agentFilter.add(new IndexEntry(Kind.AGENT, agentKey));
      if (relatedAgents) {
        agentFilter.add(new IndexEntry(Kind.RELATED_AGENT, agentKey));
      }
    }
    List<IndexEntry> activityFilter = new ArrayList<>();
    if (activity != null) {
      activityFilter.add(new IndexEntry(Kind.ACTIVITY, activity));
      if (relatedActivities) {
        activityFilter.add(new IndexEntry(Kind.RELATED_ACTIVITY, activity));
      }
    }
    List<IndexEntry> authority = mine
        ? List.of(new IndexEntry(Kind.AUTHORITY, "account\u0000" + lrs.homePage() + "\u0000" + caller.credential().username()))
        : List.of();
    StatementQuery q = new StatementQuery(agentFilter,
        verb == null ? List.of() : List.of(new IndexEntry(Kind.VERB, verb)),
        activityFilter,
        registration == null ? List.of() : List.of(new IndexEntry(Kind.REGISTRATION, registration.toString())),
        authority, since, until, ascending, limit, position);
    StatementPage page = lrs.store().query(q);

    long lastModified = 0;
    for (StoredStatement s : page.statements()) {
      lastModified = Math.max(lastModified, s.storedMillis());
    }
    String more = "";
    if (page.nextCursor() != null) {
      MultivaluedMap<String, String> original = new MultivaluedHashMap<>();
      params.names().forEach(n -> original.add(n, params.optional(n)));
      more = uri.getBaseUri().getRawPath() + "statements?more=" + new Cursor(original, page.nextCursor()).encode();
    }
    Response.ResponseBuilder b;
    if (format.equals("exact") && !attachments) {
      // The stored JSON is the exact format: splice it in instead of parsing and re-serialising it.
      StringBuilder body = new StringBuilder(page.statements().size() * 1024 + 64).append("{\"statements\":[");
      for (int i = 0; i < page.statements().size(); i++) {
        body.append(i == 0 ? "" : ",").append(page.statements().get(i).json());
      }
      body.append("],\"more\":\"");
      JsonStringEncoder.getInstance().quoteAsString(more, body);
      b = Response.ok(body.append("\"}").toString(), "application/json; charset=UTF-8");
    } else {
      ObjectNode result = JSON.createObjectNode();
      ArrayNode statements = result.putArray("statements");
      List<ObjectNode> formatted = new ArrayList<>();
      for (StoredStatement s : page.statements()) {
        ObjectNode json = parse(s.json());
        StatementFormats.apply(format, json, languages);
        statements.add(json);
        formatted.add(json);
      }
      result.put("more", more);
      b = attachments
          ? multipart(result.toString(), formatted)
          : Response.ok(result.toString(), "application/json; charset=UTF-8");
    }
    return b.header("X-Experience-API-Consistent-Through", HttpDates.xapi(page.consistentThroughMillis()))
        .header("Last-Modified", HttpDates.http(lastModified == 0 ? page.consistentThroughMillis() : lastModified))
        .build();
  }

  private Response.ResponseBuilder multipart(String json, List<ObjectNode> statements) {
    Set<String> hashes = new LinkedHashSet<>();
    for (ObjectNode s : statements) {
      s.path("attachments").forEach(a -> {
        if (a.path("sha2").isTextual()) {
          hashes.add(a.get("sha2").textValue());
        }
      });
    }
    List<Multipart.Part> parts = new ArrayList<>();
    parts.add(new Multipart.Part(Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8)));
    for (String sha2 : hashes) {
      AttachmentContent content = lrs.store().attachment(sha2).orElse(null);
      if (content != null) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", content.contentType());
        h.put("Content-Transfer-Encoding", "binary");
        h.put("X-Experience-API-Hash", sha2);
        parts.add(new Multipart.Part(h, content.content()));
      }
    }
    String boundary = "lrs-" + UUID.randomUUID();
    return Response.ok(Multipart.write(boundary, parts), "multipart/mixed; boundary=" + boundary);
  }

  private static String format(Params params) {
    String format = params.optional("format");
    if (format == null) {
      return "exact";
    }
    if (!Set.of("ids", "exact", "canonical").contains(format)) {
      throw LrsException.badRequest("parameter format must be ids, exact or canonical, was \"" + format + "\"");
    }
    return format;
  }

  private static int limit(Params params) {
    String v = params.optional("limit");
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw LrsException.badRequest("parameter limit must be a non-negative integer, was \"" + v + "\"");
    }
    if (n < 0) {
      throw LrsException.badRequest("parameter limit must be a non-negative integer, was " + n);
    }
    return n == 0 || n > MAX_LIMIT ? MAX_LIMIT : n;
  }

  private static List<String> languages(HttpHeaders headers) {
    List<String> out = new ArrayList<>();
    for (var l : headers.getAcceptableLanguages()) {
      String tag = l.toLanguageTag();
      if (!tag.equals("und") && !tag.equals("*")) {
        out.add(tag);
      }
    }
    return out;
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored statement is not JSON", e);
    }
  }

  /** The position of a {@code more} link: the original parameters and the last sequence returned. */
  record Cursor(MultivaluedMap<String, String> params, long position) {
    String encode() {
      ObjectNode o = JSON.createObjectNode();
      ObjectNode p = o.putObject("p");
      params.forEach((k, v) -> p.put(k, v.get(0)));
      o.put("c", position);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
      try {
        JsonNode o = JSON.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        MultivaluedMap<String, String> p = new MultivaluedHashMap<>();
        o.get("p").fields().forEachRemaining(e -> p.add(e.getKey(), e.getValue().asText()));
        return new Cursor(p, o.get("c").asLong());
      } catch (RuntimeException | JsonProcessingException e) {
        throw LrsException.badRequest("the more token is not one this LRS issued");
      }
    }
  }
}
