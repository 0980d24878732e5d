package org.learntrace.lti;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tool side of LTI 1.1: validates OAuth 1.0a signed launches (HMAC-SHA1 or HMAC-SHA256) and
 * calls the platform's Basic Outcomes service (replaceResult, readResult, deleteResult) signed with
 * {@code oauth_body_hash}. Only the {@code lis_outcome_service_url} of the launch is ever called.
 */
public final class Lti11Tool {
  /** Default accepted distance of oauth_timestamp from now. */
  public static final Duration DEFAULT_TIMESTAMP_WINDOW = Duration.ofMinutes(5);

  private final Clock clock;
  private final Function<String, Optional<String>> secrets;
  private final OAuth1Verifier verifier;
  private final HttpClient http;
  private final LtiEventSink events;
  private final Pseudonyms pseudonyms;
  private final String signatureMethod;

  /** A validated LTI 1.1 launch; {@code params} holds every launch parameter (oauth_* removed). */
  public record Lti11Launch(String consumerKey, String userId, List<String> roles, String contextId,
      String resourceLinkId, URI outcomeServiceUrl, String resultSourcedId, Map<String, String> params) {
    public Lti11Launch {
      roles = List.copyOf(roles);
      params = Map.copyOf(params);
    }

    @Override
    public String toString() {
      return "Lti11Launch[consumerKey=" + consumerKey + ", contextId=" + contextId + ", resourceLinkId=" + resourceLinkId + "]";
    }
  }

  private Lti11Tool(Builder b) {
    this.clock = b.clock;
    this.secrets = Objects.requireNonNull(b.secrets, "secrets");
    this.verifier = new OAuth1Verifier(secrets, b.state != null ? b.state : LtiStateStore.inMemory(b.clock), b.clock, b.window);
    this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.events = b.events;
    this.pseudonyms = b.pseudonyms;
    this.signatureMethod = b.signatureMethod;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Validates a launch request.
   *
   * @param url the exact URL the platform signed, query included
   * @param form the form body parameters
   */
  public Lti11Launch validateLaunch(String method, URI url, Map<String, List<String>> form) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    form.forEach((k, vs) -> vs.forEach(v -> params.add(Map.entry(k, v))));
    String key = verifier.verify(method, url, params);
    Map<String, String> p = new LinkedHashMap<>();
    OAuth1.queryParams(url).forEach(e -> p.putIfAbsent(e.getKey(), e.getValue()));
    params.forEach(e -> p.putIfAbsent(e.getKey(), e.getValue()));
    p.keySet().removeIf(k -> k.startsWith("oauth_"));
    if (!"basic-lti-launch-request".equals(p.get("lti_message_type"))) {
      throw new LtiException("message_type_unknown", "lti_message_type " + p.get("lti_message_type") + " is not basic-lti-launch-request");
    }
    if (!"LTI-1p0".equals(p.get("lti_version")) && !"LTI-1p2".equals(p.get("lti_version"))) {
      throw new LtiException("version_unsupported", "lti_version " + p.get("lti_version") + " is not LTI-1p0");
    }
    String link = p.get("resource_link_id");
    if (link == null || link.isEmpty()) {
      throw new LtiException("resource_link_missing", "resource_link_id is required");
    }
    List<String> roles = p.get("roles") == null || p.get("roles").isBlank() ? List.of()
        : Arrays.stream(p.get("roles").split(",")).map(String::trim).toList();
    String outcomes = p.get("lis_outcome_service_url");
    Lti11Launch launch = new Lti11Launch(key, p.get("user_id"), roles, p.get("context_id"), link,
        outcomes == null ? null : LtiTool.parseUri(outcomes, "lis_outcome_service_url"), p.get("lis_result_sourcedid"), p);
    String platformId = p.getOrDefault("tool_consumer_instance_guid", key);
    events.accept(new LtiLaunchEvent(clock.instant(), LtiEvent.Side.TOOL, platformId, key,
        pseudonyms.actor(key, launch.userId()), ResearchRole.of(roles), launch.contextId(), link,
        "basic-lti-launch-request", "1.1"));
    return launch;
  }

  /** Basic Outcomes replaceResult with a score in [0, 1]. */
  public void replaceResult(Lti11Launch launch, double score) {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be within [0, 1], was " + score);
    }
    outcomes(launch, "replaceResult", Double.toString(score));
    events.accept(new ScorePublished(clock.instant(), LtiEvent.Side.TOOL,
        launch.params().getOrDefault("tool_consumer_instance_guid", launch.consumerKey()),
        pseudonyms.actor(launch.consumerKey(), launch.userId()), launch.contextId(), launch.resourceLinkId(),
        launch.resultSourcedId(), score, 1.0, "Completed", "FullyGraded"));
  }

  /** Basic Outcomes readResult: the score, or empty when the platform has none. */
  public Optional<Double> readResult(Lti11Launch launch) {
    String s = outcomes(launch, "readResult", null).score();
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(Double.parseDouble(s));
  }

  /** Basic Outcomes deleteResult. */
  public void deleteResult(Lti11Launch launch) {
    outcomes(launch, "deleteResult", null);
  }

  private Pox.Response outcomes(Lti11Launch launch, String operation, String score) {
    if (launch.outcomeServiceUrl() == null || launch.resultSourcedId() == null) {
      throw new LtiException("outcomes_not_offered", "the launch has no lis_outcome_service_url and lis_result_sourcedid");
    }
    String secret = secrets.apply(launch.consumerKey()).orElseThrow(() ->
        new LtiException("consumer_key_unknown", "no secret for " + launch.consumerKey()));
    byte[] body = Pox.request(operation, launch.resultSourcedId(), score).getBytes(StandardCharsets.UTF_8);
    URI url = launch.outcomeServiceUrl();
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("oauth_version", "1.0");
    oauth.put("oauth_nonce", Tokens.random());
    oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
    oauth.put("oauth_consumer_key", launch.consumerKey());
    oauth.put("oauth_body_hash", OAuth1.bodyHash(signatureMethod, body));
    oauth.put("oauth_signature_method", signatureMethod);
    oauth.put("oauth_signature", OAuth1.sign(signatureMethod,
        OAuth1.baseString("POST", url, new ArrayList<>(oauth.entrySet())), secret, null));
    HttpResponse<byte[]> r;
    try {
      r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/xml").header("Authorization", OAuth1.authorizationHeader(oauth))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new LtiException("service_unreachable", "POST " + url + " failed", 502, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LtiException("service_unreachable", "interrupted", 502, e);
    }
    if (r.statusCode() != 200) {
      throw new LtiException("service_error", "outcomes service answered " + r.statusCode(), 502, null);
    }
    Pox.Response answer = Pox.parseResponse(r.body());
    if (!"success".equals(answer.codeMajor())) {
      throw new LtiException("outcome_refused", operation + " answered codeMajor " + answer.codeMajor(), 502, null);
    }
    return answer;
  }

  /** Builder; {@link #secrets} is required. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Function<String, Optional<String>> secrets;
    private LtiStateStore state;
    private Duration window = DEFAULT_TIMESTAMP_WINDOW;
    private HttpClient http;
    private LtiEventSink events = LtiEventSink.NOOP;
    private Pseudonyms pseudonyms = Pseudonyms.randomKey();
    private String signatureMethod = OAuth1.HMAC_SHA1;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Shared secrets by consumer key. */
    public Builder secrets(Function<String, Optional<String>> secrets) {
      this.secrets = secrets;
      return this;
    }

    /** Where seen oauth_nonces are kept; default in memory. */
    public Builder stateStore(LtiStateStore store) {
      this.state = store;
      return this;
    }

    public Builder timestampWindow(Duration window) {
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("timestampWindow must be positive, was " + window);
      }
      this.window = window;
      return this;
    }

    /** {@code HMAC-SHA1} (default, what most 1.1 platforms accept) or {@code HMAC-SHA256}, for outcomes calls. */
    public Builder signatureMethod(String method) {
      if (!OAuth1.HMAC_SHA1.equals(method) && !OAuth1.HMAC_SHA256.equals(method)) {
        throw new IllegalArgumentException("signatureMethod must be HMAC-SHA1 or HMAC-SHA256, was " + method);
      }
      this.signatureMethod = method;
      return this;
    }

    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    public Builder researchEvents(LtiEventSink sink, byte[] pseudonymKey) {
      this.events = Objects.requireNonNull(sink, "sink");
      this.pseudonyms = new Pseudonyms(pseudonymKey);
      return this;
    }

    public Lti11Tool build() {
      return new Lti11Tool(this);
    }
  }
}
