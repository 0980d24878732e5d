package org.learntrace.lti;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tool side of LTI Advantage: Assignment and Grade Services 2.0 and Names and Role Provisioning
 * Services 2.0, authorised with OAuth 2 client credentials and a {@code private_key_jwt} client
 * assertion. Tokens are cached per platform and scope set; a 401 invalidates the token and the call
 * is retried once with a new one. Only the service URLs that the launch's claims name are called.
 */
public final class AdvantageServices {
  /** A line item. {@code id} is its URL. */
  public record LineItem(URI id, String label, double scoreMaximum, String resourceLinkId, String resourceId, String tag) {}

  /** A score to publish for one user. */
  public record Score(String userId, Double scoreGiven, Double scoreMaximum, String activityProgress,
      String gradingProgress, Instant timestamp, String comment) {
    public Score {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(activityProgress, "activityProgress");
      Objects.requireNonNull(gradingProgress, "gradingProgress");
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  /** A result (the platform's current grade of one user on one line item). */
  public record Result(URI id, String userId, Double resultScore, Double resultMaximum, String comment) {}

  /** A member of the launch's context. Display fields are for display only. */
  public record Member(String userId, List<String> roles, String status, LtiLaunch.Person person) {}

  private record Token(String value, long expiresAtMillis) {}

  private static final String LINEITEM_CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
  private static final String LINEITEM = "application/vnd.ims.lis.v2.lineitem+json";
  private static final String SCORE = "application/vnd.ims.lis.v1.score+json";
  private static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";
  private static final String MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");

  private final HttpClient http;
  private final PlatformRegistry platforms;
  private final KeyRing keys;
  private final Clock clock;
  private final Cache<String, Token> tokens = Caffeine.newBuilder().maximumSize(10_000).build();
  private volatile LtiEventSink events = LtiEventSink.NOOP;
  private volatile Pseudonyms pseudonyms = Pseudonyms.randomKey();

  AdvantageServices(HttpClient http, PlatformRegistry platforms, KeyRing keys, Clock clock) {
    this.http = http;
    this.platforms = platforms;
    this.keys = keys;
    this.clock = clock;
  }

  void research(LtiEventSink sink, Pseudonyms p) {
    this.events = sink;
    this.pseudonyms = p;
  }

  /** The line items of the launch's context (AGS {@code lineitems} URL). */
  public List<LineItem> lineItems(LtiLaunch launch) {
    URI container = agsContainer(launch);
    String body = call(launch, Set.of(LtiClaims.SCOPE_LINEITEM_READONLY), t -> get(container, t, LINEITEM_CONTAINER)).body();
    List<LineItem> out = new ArrayList<>();
    for (Object o : Json.read(body, List.class)) {
      out.add(lineItem(asMap(o)));
    }
    return out;
  }

  /** Creates a line item in the launch's context. */
  public LineItem createLineItem(LtiLaunch launch, String label, double scoreMaximum, String resourceLinkId,
      String resourceId, String tag) {
    URI container = agsContainer(launch);
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("label", label);
    item.put("scoreMaximum", scoreMaximum);
    putIfNotNull(item, "resourceLinkId", resourceLinkId);
    putIfNotNull(item, "resourceId", resourceId);
    putIfNotNull(item, "tag", tag);
    String body = call(launch, Set.of(LtiClaims.SCOPE_LINEITEM), t -> post(container, t, LINEITEM, LINEITEM, Json.write(item))).body();
    return lineItem(Json.readMap(body));
  }

  /** Publishes {@code score} to {@code lineItem}, which must be the launch's line item or one of its context's. */
  public void publishScore(LtiLaunch launch, URI lineItem, Score score) {
    checkLineItemUrl(launch, lineItem);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("userId", score.userId());
    putIfNotNull(s, "scoreGiven", score.scoreGiven());
    putIfNotNull(s, "scoreMaximum", score.scoreMaximum());
    s.put("activityProgress", score.activityProgress());
    s.put("gradingProgress", score.gradingProgress());
    s.put("timestamp", score.timestamp().toString());
    putIfNotNull(s, "comment", score.comment());
    URI scores = subPath(lineItem, "/scores");
    call(launch, Set.of(LtiClaims.SCOPE_SCORE), t -> post(scores, t, SCORE, "application/json", Json.write(s)));
    events.accept(new ScorePublished(clock.instant(), LtiEvent.Side.TOOL, launch.issuer(),
        pseudonyms.actor(launch.issuer(), score.userId()), launch.contextId().orElse(null),
        launch.resourceLink() == null ? null : launch.resourceLink().id(), lineItem.toString(), score.scoreGiven(),
        score.scoreMaximum(), score.activityProgress(), score.gradingProgress()));
  }

  /** The results of {@code lineItem}. */
  public List<Result> results(LtiLaunch launch, URI lineItem) {
    checkLineItemUrl(launch, lineItem);
    URI results = subPath(lineItem, "/results");
    String body = call(launch, Set.of(LtiClaims.SCOPE_RESULT_READONLY), t -> get(results, t, RESULTS)).body();
    List<Result> out = new ArrayList<>();
    for (Object o : Json.read(body, List.class)) {
      Map<String, Object> r = asMap(o);
      out.add(new Result(uri(r.get("id")), (String) r.get("userId"), number(r.get("resultScore")),
          number(r.get("resultMaximum")), (String) r.get("comment")));
    }
    return out;
  }

  /** Every member of the launch's context, following {@code Link: rel="next"} pages. */
  public List<Member> members(LtiLaunch launch) {
    if (launch.nrps() == null || launch.nrps().contextMemberships() == null) {
      throw new LtiException("nrps_not_offered", "the launch carries no names and roles service claim");
    }
    URI first = launch.nrps().contextMemberships();
    List<Member> out = new ArrayList<>();
    URI next = first;
    int pages = 0;
    while (next != null) {
      if (++pages > 10_000) {
        throw new LtiException("nrps_paging", "more than 10000 membership pages");
      }
      URI page = next;
      HttpResponse<String> r = call(launch, Set.of(LtiClaims.SCOPE_NRPS), t -> get(page, t, MEMBERSHIPS));
      Map<String, Object> container = Json.readMap(r.body());
      Object members = container.get("members");
      if (members instanceof List<?> list) {
        for (Object o : list) {
          Map<String, Object> m = asMap(o);
          out.add(new Member((String) m.get("user_id"), LaunchClaimsReader.strings(m, "roles"),
              m.get("status") == null ? "Active" : (String) m.get("status"),
              new LtiLaunch.Person((String) m.get("name"), (String) m.get("given_name"), (String) m.get("family_name"),
                  (String) m.get("email"), LaunchClaimsReader.uri(m, "picture"))));
        }
      }
      next = nextLink(r, first);
    }
    return out;
  }

  private static URI nextLink(HttpResponse<String> r, URI first) {
    for (String h : r.headers().allValues("Link")) {
      Matcher m = LINK.matcher(h);
      if (m.find()) {
        URI n = first.resolve(m.group(1));
        if (!LtiTool.origin(n).equals(LtiTool.origin(first)) || !Objects.equals(n.getPath(), first.getPath())) {
          throw new LtiException("service_url_not_from_launch", "next page " + n + " is not the memberships URL of the launch");
        }
        return n;
      }
    }
    return null;
  }

  private URI agsContainer(LtiLaunch launch) {
    if (launch.ags() == null || launch.ags().lineItems() == null) {
      throw new LtiException("ags_not_offered", "the launch carries no AGS lineitems URL");
    }
    return launch.ags().lineItems();
  }

  /** Only URLs given in the launch claims (the line item, or an item of the line item container) are called. */
  static void checkLineItemUrl(LtiLaunch launch, URI lineItem) {
    if (launch.ags() == null) {
      throw new LtiException("ags_not_offered", "the launch carries no AGS claim");
    }
    if (lineItem.equals(launch.ags().lineItem())) {
      return;
    }
    URI container = launch.ags().lineItems();
    if (container != null && LtiTool.origin(container).equals(LtiTool.origin(lineItem))
        && lineItem.getPath() != null && !lineItem.getPath().contains("/../")
        && lineItem.getPath().startsWith(container.getPath() + "/")) {
      return;
    }
    throw new LtiException("service_url_not_from_launch", "line item " + lineItem + " was not given in the launch claims");
  }

  static URI subPath(URI u, String suffix) {
    try {
      return new URI(u.getScheme(), u.getRawAuthority() == null ? null : u.getAuthority(), u.getPath() + suffix, u.getQuery(), null);
    } catch (java.net.URISyntaxException e) {
      throw new LtiException("uri_invalid", "cannot derive " + suffix + " from " + u);
    }
  }

  private HttpResponse<String> call(LtiLaunch launch, Set<String> scopes, Function<String, HttpRequest> request) {
    PlatformRegistration reg = platforms.find(launch.issuer(), launch.clientId())
        .orElseThrow(() -> new LtiException("platform_unregistered", "platform " + launch.issuer() + " is not registered"));
    String cacheKey = reg.issuer() + " " + reg.clientId() + " " + String.join(" ", new TreeSet<>(scopes));
    Token token = tokens.getIfPresent(cacheKey);
    if (token == null || token.expiresAtMillis() <= clock.millis()) {
      token = fetchToken(reg, scopes);
      tokens.put(cacheKey, token);
    }
    HttpResponse<String> r = send(request.apply(token.value()));
    if (r.statusCode() == 401) {
      tokens.invalidate(cacheKey);
      token = fetchToken(reg, scopes);
      tokens.put(cacheKey, token);
      r = send(request.apply(token.value()));
    }
    if (r.statusCode() >= 400) {
      throw new LtiException("service_error", "platform answered " + r.statusCode() + " to " + r.request().method() + " "
          + r.request().uri(), r.statusCode() == 401 ? 401 : 502, null);
    }
    return r;
  }

  private Token fetchToken(PlatformRegistration reg, Set<String> scopes) {
    if (reg.accessTokenUrl() == null) {
      throw new LtiException("token_endpoint_missing", "platform " + reg.issuer() + " has no token endpoint");
    }
    Instant now = clock.instant();
    String assertion = keys.sign(new JWTClaimsSet.Builder()
        .issuer(reg.clientId()).subject(reg.clientId()).audience(reg.accessTokenUrl().toString())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(Tokens.random()).build());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_assertion_type", LtiClaims.CLIENT_ASSERTION_TYPE);
    form.put("client_assertion", assertion);
    form.put("scope", String.join(" ", new TreeSet<>(scopes)));
    HttpResponse<String> r = send(HttpRequest.newBuilder(reg.accessTokenUrl()).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    if (r.statusCode() != 200) {
      throw new LtiException("token_refused", "token endpoint answered " + r.statusCode(), 401, null);
    }
    Map<String, Object> t = Json.readMap(r.body());
    Object value = t.get("access_token");
    if (!(value instanceof String s)) {
      throw new LtiException("token_refused", "token endpoint answered without access_token", 401, null);
    }
    long expiresIn = t.get("expires_in") instanceof Number n ? n.longValue() : 300;
    return new Token(s, clock.millis() + Math.max(0, expiresIn - 10) * 1000);
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LtiException("service_unreachable", r.method() + " " + r.uri() + " failed", 502, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LtiException("service_unreachable", "interrupted", 502, e);
    }
  }

  private static HttpRequest get(URI u, String token, String accept) {
    return HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
        .header("Accept", accept).GET().build();
  }

  private static HttpRequest post(URI u, String token, String contentType, String accept, String body) {
    return HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType).header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  static String form(Map<String, String> form) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private static LineItem lineItem(Map<String, Object> m) {
    return new LineItem(uri(m.get("id")), (String) m.get("label"),
        m.get("scoreMaximum") instanceof Number n ? n.doubleValue() : 0, (String) m.get("resourceLinkId"),
        (String) m.get("resourceId"), (String) m.get("tag"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new LtiException("invalid_json", "expected a JSON object in the service response");
  }

  private static URI uri(Object o) {
    return o instanceof String s ? URI.create(s) : null;
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
