package org.learntrace.lti;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform side of LTI 1.1: signs launches for tools (OAuth 1.0a, HMAC-SHA1 or HMAC-SHA256)
 * and serves Basic Outcomes (replaceResult, readResult, deleteResult). Outcome requests must carry
 * a valid {@code oauth_body_hash}; a {@code lis_result_sourcedid} is accepted only from the consumer
 * it was issued to, so one tool can never grade another tool's links.
 */
public final class Lti11Platform {
  private final Clock clock;
  private final Function<String, Optional<String>> secrets;
  private final Gradebook gradebook;
  private final URI outcomesUrl;
  private final String platformId;
  private final OAuth1Verifier verifier;
  private final LtiEventSink events;
  private final Pseudonyms pseudonyms;

  /** A signed launch: post {@code form} to {@code url}. */
  public record SignedLaunch(URI url, Map<String, String> form) {
    public String page() {
      return Html.autoPostForm(url, form);
    }
  }

  private record SourcedId(String l, String u, String k) {}

  private Lti11Platform(Builder b) {
    this.clock = b.clock;
    this.secrets = Objects.requireNonNull(b.secrets, "secrets");
    this.gradebook = b.gradebook;
    this.outcomesUrl = Objects.requireNonNull(b.outcomesUrl, "outcomesUrl");
    this.platformId = Objects.requireNonNull(b.platformId, "platformId");
    this.verifier = new OAuth1Verifier(secrets, b.state != null ? b.state : LtiStateStore.inMemory(b.clock), b.clock, b.window);
    this.events = b.events;
    this.pseudonyms = b.pseudonyms;
  }

  public static Builder builder() {
    return new Builder();
  }

  public URI outcomesUrl() {
    return outcomesUrl;
  }

  /**
   * Signs a {@code basic-lti-launch-request} for {@code toolUrl}. With {@code outcomes}, the link gets
   * a line item and the launch carries {@code lis_outcome_service_url} and a sourcedid bound to
   * {@code consumerKey}.
   */
  public SignedLaunch signLaunch(URI toolUrl, String consumerKey, String signatureMethod, PlatformUser user,
      LtiLaunch.Context context, LtiLaunch.ResourceLink link, boolean outcomes) {
    String secret = secrets.apply(consumerKey).orElseThrow(() ->
        new IllegalArgumentException("no secret for consumer key " + consumerKey));
    Map<String, String> p = new LinkedHashMap<>();
    p.put("lti_message_type", "basic-lti-launch-request");
    p.put("lti_version", "LTI-1p0");
    p.put("resource_link_id", link.id());
    if (link.title() != null) {
      p.put("resource_link_title", link.title());
    }
    p.put("user_id", user.id());
    p.put("roles", String.join(",", user.roles()));
    if (context != null) {
      p.put("context_id", context.id());
      if (context.title() != null) {
        p.put("context_title", context.title());
      }
      if (context.label() != null) {
        p.put("context_label", context.label());
      }
    }
    p.put("tool_consumer_instance_guid", platformId);
    if (outcomes) {
      if (context == null) {
        throw new IllegalArgumentException("outcomes need a context");
      }
      String owner = "lti11:" + consumerKey;
      gradebook.linkContext(owner, consumerKey, context.id());
      Gradebook.LineItem item = gradebook.lineItems(owner, context.id()).stream()
          .filter(i -> link.id().equals(i.resourceLinkId())).findFirst().orElseGet(() -> {
            Gradebook.LineItem i = new Gradebook.LineItem(Tokens.random(), owner, consumerKey, context.id(), link.id(),
                null, null, link.title() != null ? link.title() : link.id(), 1.0);
            gradebook.saveLineItem(i);
            return i;
          });
      p.put("lis_outcome_service_url", outcomesUrl.toString());
      p.put("lis_result_sourcedid", sourcedId(item.id(), user.id(), consumerKey, secret));
    }
    p.put("oauth_version", "1.0");
    p.put("oauth_nonce", Tokens.random());
    p.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
    p.put("oauth_consumer_key", consumerKey);
    p.put("oauth_signature_method", signatureMethod);
    p.put("oauth_callback", "about:blank");
    p.put("oauth_signature", OAuth1.sign(signatureMethod, OAuth1.baseString("POST", toolUrl, new ArrayList<>(p.entrySet())),
        secret, null));
    return new SignedLaunch(toolUrl, p);
  }

  /**
   * Serves one Basic Outcomes request.
   *
   * @param url the URL the request was sent to (what the tool signed)
   * @return the POX response envelope
   * @throws LtiException (401) when the OAuth signature, timestamp, nonce, consumer key or
   *     {@code oauth_body_hash} is wrong
   */
  public String basicOutcomes(URI url, String authorization, byte[] body) {
    Map<String, String> oauth = OAuth1.parseAuthorization(authorization);
    String hash = oauth.get("oauth_body_hash");
    if (hash == null) {
      throw LtiException.unauthorized("body_hash_missing", "the outcomes request has no oauth_body_hash");
    }
    String method = oauth.getOrDefault("oauth_signature_method", OAuth1.HMAC_SHA1);
    if (!Tokens.constantTimeEquals(hash, OAuth1.bodyHash(method, body))) {
      throw LtiException.unauthorized("body_hash_mismatch", "oauth_body_hash does not match the body");
    }
    List<Map.Entry<String, String>> params = new ArrayList<>(oauth.entrySet());
    String key = verifier.verify("POST", url, params);
    Pox.Request req = Pox.parse(body);
    Optional<SourcedId> sid = parseSourcedId(req.sourcedId(), key);
    if (sid.isEmpty()) {
      return Pox.response("failure", "lis_result_sourcedid was not issued to this consumer", req.messageId(),
          req.operation(), null);
    }
    SourcedId s = sid.get();
    Optional<Gradebook.LineItem> item = gradebook.lineItem(s.l()).filter(i -> i.owner().equals("lti11:" + key));
    if (item.isEmpty()) {
      return Pox.response("failure", "the line item no longer exists", req.messageId(), req.operation(), null);
    }
    switch (req.operation()) {
      case "replaceResult" -> {
        double score;
        try {
          score = Double.parseDouble(req.score() == null ? "" : req.score());
        } catch (NumberFormatException e) {
          return Pox.response("failure", "resultScore is not a decimal", req.messageId(), req.operation(), null);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
          return Pox.response("failure", "resultScore must be within [0, 1]", req.messageId(), req.operation(), null);
        }
        gradebook.putResult(new Gradebook.Result(s.l(), s.u(), score, 1.0, "Completed", "FullyGraded", clock.instant(), null));
        events.accept(new ScorePublished(clock.instant(), LtiEvent.Side.PLATFORM, platformId, pseudonyms.actor(platformId, s.u()),
            item.get().contextId(), item.get().resourceLinkId(), s.l(), score, 1.0, "Completed", "FullyGraded"));
        return Pox.response("success", "Score replaced", req.messageId(), req.operation(), "<replaceResultResponse/>");
      }
      case "readResult" -> {
        String score = gradebook.results(s.l()).stream().filter(r -> r.userId().equals(s.u()) && r.scoreGiven() != null)
            .findFirst().map(r -> Double.toString(r.scoreGiven() / r.scoreMaximum())).orElse("");
        return Pox.response("success", "Result read", req.messageId(), req.operation(),
            "<readResultResponse><result><resultScore><language>en</language><textString>" + score
                + "</textString></resultScore></result></readResultResponse>");
      }
      case "deleteResult" -> {
        gradebook.deleteResult(s.l(), s.u());
        return Pox.response("success", "Result deleted", req.messageId(), req.operation(), "<deleteResultResponse/>");
      }
      default -> {
        return Pox.response("unsupported", req.operation() + " is not supported", req.messageId(), req.operation(), null);
      }
    }
  }

  private String sourcedId(String lineItem, String userId, String key, String secret) {
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Json.write(new SourcedId(lineItem, userId, key)).getBytes(StandardCharsets.UTF_8));
    return payload + "." + mac(secret, payload);
  }

  private Optional<SourcedId> parseSourcedId(String sourcedId, String key) {
    if (sourcedId == null) {
      return Optional.empty();
    }
    int dot = sourcedId.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String payload = sourcedId.substring(0, dot);
    Optional<String> secret = secrets.apply(key);
    if (secret.isEmpty() || !Tokens.constantTimeEquals(mac(secret.get(), payload), sourcedId.substring(dot + 1))) {
      return Optional.empty();
    }
    SourcedId s;
    try {
      s = Json.read(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8), SourcedId.class);
    } catch (IllegalArgumentException | LtiException e) {
      return Optional.empty();
    }
    return key.equals(s.k()) ? Optional.of(s) : Optional.empty();
  }

  private static String mac(String secret, String payload) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(("lis_result_sourcedid:" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builder; {@link #secrets}, {@link #outcomesUrl} and {@link #platformId} are required. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Function<String, Optional<String>> secrets;
    private Gradebook gradebook = Gradebook.inMemory();
    private URI outcomesUrl;
    private String platformId;
    private LtiStateStore state;
    private Duration window = Lti11Tool.DEFAULT_TIMESTAMP_WINDOW;
    private LtiEventSink events = LtiEventSink.NOOP;
    private Pseudonyms pseudonyms = Pseudonyms.randomKey();

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder secrets(Function<String, Optional<String>> secrets) {
      this.secrets = secrets;
      return this;
    }

    public Builder gradebook(Gradebook gradebook) {
      this.gradebook = Objects.requireNonNull(gradebook, "gradebook");
      return this;
    }

    /** The URL of the Basic Outcomes endpoint, e.g. {@code https://lms.example/lti/platform/lti11/outcomes}. */
    public Builder outcomesUrl(URI url) {
      this.outcomesUrl = url;
      return this;
    }

    /** {@code tool_consumer_instance_guid}. */
    public Builder platformId(String id) {
      this.platformId = id;
      return this;
    }

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

    public Builder researchEvents(LtiEventSink sink, byte[] pseudonymKey) {
      this.events = Objects.requireNonNull(sink, "sink");
      this.pseudonyms = new Pseudonyms(pseudonymKey);
      return this;
    }

    public Lti11Platform build() {
      return new Lti11Platform(this);
    }
  }
}
