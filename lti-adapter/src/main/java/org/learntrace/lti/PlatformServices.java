package org.learntrace.lti;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Platform side AGS 2.0 and NRPS 2.0. Every call needs a bearer token with a fitting scope, and
 * reaches only contexts the token's tool was launched in and line items that tool owns there: a
 * tool can never read or grade another tool's items (Open edX GHSA-7j9p-67mm-5g87).
 */
final class PlatformServices {
  record Answer(int status, String contentType, String body, String link) {
    static Answer json(String type, Object body) {
      return new Answer(200, type, Json.write(body), null);
    }
  }

  static final String LINEITEM_CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  static final String LINEITEM = "application/vnd.ims.lis.v2.lineitem+json";
  static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";
  static final String MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
  private static final Set<String> READ_ITEMS = Set.of(LtiClaims.SCOPE_LINEITEM, LtiClaims.SCOPE_LINEITEM_READONLY);

  private final LtiPlatform platform;

  PlatformServices(LtiPlatform platform) {
    this.platform = platform;
  }

  private LtiPlatform.Grant authorize(String authorization, String contextId, Set<String> anyOf) {
    LtiPlatform.Grant g = platform.grant(authorization);
    if (g.scopes().stream().noneMatch(anyOf::contains)) {
      throw LtiException.forbidden("scope_insufficient", "the token's scopes do not include any of " + anyOf);
    }
    if (platform.gradebook().deploymentOf(g.clientId(), contextId).isEmpty()) {
      throw LtiException.notFound("context_not_of_tool", "context " + contextId + " is not linked to the calling tool");
    }
    return g;
  }

  private Gradebook.LineItem item(LtiPlatform.Grant g, String contextId, String itemId) {
    return platform.gradebook().lineItem(itemId)
        .filter(i -> i.owner().equals(g.clientId()) && i.contextId().equals(contextId))
        .orElseThrow(() -> LtiException.notFound("lineitem_not_of_tool", "line item " + itemId
            + " does not exist in context " + contextId + " for the calling tool"));
  }

  Answer lineItems(String auth, String contextId, Map<String, String> query) {
    LtiPlatform.Grant g = authorize(auth, contextId, READ_ITEMS);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Gradebook.LineItem i : platform.gradebook().lineItems(g.clientId(), contextId)) {
      if (matches(query.get("resource_link_id"), i.resourceLinkId()) && matches(query.get("resource_id"), i.resourceId())
          && matches(query.get("tag"), i.tag())) {
        out.add(json(i));
      }
    }
    String limit = query.get("limit");
    if (limit != null && limit.matches("\\d{1,6}") && Integer.parseInt(limit) < out.size()) {
      out = out.subList(0, Integer.parseInt(limit));
    }
    return Answer.json(LINEITEM_CONTAINER, out);
  }

  Answer createLineItem(String auth, String contextId, String body) {
    LtiPlatform.Grant g = authorize(auth, contextId, Set.of(LtiClaims.SCOPE_LINEITEM));
    Map<String, Object> m = Json.readMap(body);
    Gradebook.LineItem i = fromJson(Tokens.random(), g.clientId(), platform.gradebook().deploymentOf(g.clientId(), contextId)
        .orElseThrow(), contextId, m);
    platform.gradebook().saveLineItem(i);
    return new Answer(201, LINEITEM, Json.write(json(i)), null);
  }

  Answer lineItem(String auth, String contextId, String itemId) {
    LtiPlatform.Grant g = authorize(auth, contextId, READ_ITEMS);
    return Answer.json(LINEITEM, json(item(g, contextId, itemId)));
  }

  Answer updateLineItem(String auth, String contextId, String itemId, String body) {
    LtiPlatform.Grant g = authorize(auth, contextId, Set.of(LtiClaims.SCOPE_LINEITEM));
    Gradebook.LineItem old = item(g, contextId, itemId);
    Gradebook.LineItem i = fromJson(old.id(), old.owner(), old.deploymentId(), contextId, Json.readMap(body));
    platform.gradebook().saveLineItem(i);
    return Answer.json(LINEITEM, json(i));
  }

  Answer deleteLineItem(String auth, String contextId, String itemId) {
    LtiPlatform.Grant g = authorize(auth, contextId, Set.of(LtiClaims.SCOPE_LINEITEM));
    platform.gradebook().deleteLineItem(item(g, contextId, itemId).id());
    return new Answer(204, null, null, null);
  }

  Answer score(String auth, String contextId, String itemId, String body) {
    LtiPlatform.Grant g = authorize(auth, contextId, Set.of(LtiClaims.SCOPE_SCORE));
    Gradebook.LineItem item = item(g, contextId, itemId);
    Map<String, Object> s = Json.readMap(body);
    String userId = LaunchClaimsReader.string(s, "userId");
    String activity = LaunchClaimsReader.string(s, "activityProgress");
    String grading = LaunchClaimsReader.string(s, "gradingProgress");
    String timestamp = LaunchClaimsReader.string(s, "timestamp");
    if (userId == null || activity == null || grading == null || timestamp == null) {
      throw new LtiException("score_invalid", "a score needs userId, activityProgress, gradingProgress and timestamp");
    }
    Double given = number(s.get("scoreGiven"));
    Double max = number(s.get("scoreMaximum"));
    if (given != null && (max == null || max <= 0 || given < 0)) {
      throw new LtiException("score_invalid", "scoreGiven needs a positive scoreMaximum and must not be negative");
    }
    Instant at;
    try {
      at = java.time.OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      throw new LtiException("score_invalid", "timestamp " + timestamp + " is not ISO 8601 at index " + e.getErrorIndex());
    }
    platform.gradebook().putResult(new Gradebook.Result(item.id(), userId, given, max, activity, grading, at,
        LaunchClaimsReader.string(s, "comment")));
    platform.emit(new ScorePublished(platform.clock().instant(), LtiEvent.Side.PLATFORM, platform.issuer(),
        platform.actor(userId), contextId, item.resourceLinkId(), item.id(), given, max, activity, grading));
    return new Answer(204, null, null, null);
  }

  Answer results(String auth, String contextId, String itemId, Map<String, String> query) {
    LtiPlatform.Grant g = authorize(auth, contextId, Set.of(LtiClaims.SCOPE_RESULT_READONLY));
    Gradebook.LineItem item = item(g, contextId, itemId);
    URI itemUrl = platform.lineItemUrl(contextId, item.id());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Gradebook.Result r : platform.gradebook().results(item.id())) {
      if (!matches(query.get("user_id"), r.userId())) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", itemUrl + "/results/" + LtiPlatform.segment(r.userId()));
      m.put("scoreOf", itemUrl.toString());
      m.put("userId", r.userId());
      if (r.scoreGiven() != null && r.scoreMaximum() != null) {
        m.put("resultScore", r.scoreGiven() / r.scoreMaximum() * item.scoreMaximum());
        m.put("resultMaximum", item.scoreMaximum());
      }
      if (r.comment() != null) {
        m.put("comment", r.comment());
      }
      out.add(m);
    }
    return Answer.json(RESULTS, out);
  }

  Answer memberships(String auth, String contextId, Map<String, String> query) {
    authorize(auth, contextId, Set.of(LtiClaims.SCOPE_NRPS));
    List<PlatformUser> all = platform.roster().members(contextId);
    String role = query.get("role");
    if (role != null) {
      all = all.stream().filter(u -> u.roles().stream().anyMatch(r -> r.equals(role) || r.endsWith("#" + role))).toList();
    }
    int limit = bounded(query.get("limit"), 100, 1, 1000);
    int page = bounded(query.get("p"), 0, 0, Integer.MAX_VALUE / 1001);
    int from = Math.min(all.size(), page * limit);
    int to = Math.min(all.size(), from + limit);
    List<Map<String, Object>> members = new ArrayList<>();
    for (PlatformUser u : all.subList(from, to)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("user_id", u.id());
      m.put("roles", u.roles());
      m.put("status", "Active");
      LtiLaunch.Person p = u.person();
      if (p != null) {
        putIfNotNull(m, "name", p.name());
        putIfNotNull(m, "given_name", p.givenName());
        putIfNotNull(m, "family_name", p.familyName());
        putIfNotNull(m, "email", p.email());
        putIfNotNull(m, "picture", p.picture() == null ? null : p.picture().toString());
      }
      members.add(m);
    }
    URI self = platform.membershipsUrl(contextId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", self.toString());
    body.put("context", Map.of("id", contextId));
    body.put("members", members);
    String link = null;
    if (to < all.size()) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("limit", Integer.toString(limit));
      q.put("p", Integer.toString(page + 1));
      if (role != null) {
        q.put("role", role);
      }
      link = "<" + LtiTool.withQuery(self, q) + ">; rel=\"next\"";
    }
    return new Answer(200, MEMBERSHIPS, Json.write(body), link);
  }

  private Map<String, Object> json(Gradebook.LineItem i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", platform.lineItemUrl(i.contextId(), i.id()).toString());
    m.put("scoreMaximum", i.scoreMaximum());
    m.put("label", i.label());
    putIfNotNull(m, "resourceLinkId", i.resourceLinkId());
    putIfNotNull(m, "resourceId", i.resourceId());
    putIfNotNull(m, "tag", i.tag());
    return m;
  }

  private static Gradebook.LineItem fromJson(String id, String owner, String deploymentId, String contextId, Map<String, Object> m) {
    Double max = number(m.get("scoreMaximum"));
    String label = LaunchClaimsReader.string(m, "label");
    if (max == null || max <= 0 || label == null || label.isBlank()) {
      throw new LtiException("lineitem_invalid", "a line item needs a label and a positive scoreMaximum");
    }
    return new Gradebook.LineItem(id, owner, deploymentId, contextId, LaunchClaimsReader.string(m, "resourceLinkId"),
        LaunchClaimsReader.string(m, "resourceId"), LaunchClaimsReader.string(m, "tag"), label, max);
  }

  private static boolean matches(String filter, String value) {
    return filter == null || filter.equals(value);
  }

  private static int bounded(String s, int dflt, int min, int max) {
    if (s == null || !s.matches("\\d{1,9}")) {
      return dflt;
    }
    return Math.max(min, Math.min(max, Integer.parseInt(s)));
  }

  private static Double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : null;
  }

  private static void putIfNotNull(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
