package org.learntrace.xapi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens from an OAuth 2 token endpoint (client credentials grant), cached until shortly
 * before they expire and renewed on demand after a 401.
 */
final class OAuth2TokenSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);

  private final Credentials.OAuth2 credentials;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;
  private String token;
  private Instant expires = Instant.MIN;

  OAuth2TokenSource(Credentials.OAuth2 credentials, HttpClient http, Duration timeout, Clock clock) {
    this.credentials = credentials;
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A valid bearer token, fetching one when none is cached or the cached one is about to expire. */
  synchronized String token() {
    if (token == null || !clock.instant().isBefore(expires.minus(EARLY_RENEWAL))) {
      fetch();
    }
    return token;
  }

  /** Forgets the cached token (after the LRS answered 401 to it). */
  synchronized void invalidate(String rejected) {
    if (rejected.equals(token)) {
      token = null;
    }
  }

  private void fetch() {
    String form = "grant_type=client_credentials"
        + (credentials.scope() == null ? "" : "&scope=" + URLEncoder.encode(credentials.scope(), StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(credentials.tokenEndpoint())
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header("Authorization", new Credentials.Basic(credentials.clientId(), credentials.clientSecret()).header())
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new LrsException(LrsException.Kind.IO, 0, "token endpoint " + credentials.tokenEndpoint() + " failed: " + e, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LrsException(LrsException.Kind.IO, 0, "interrupted while fetching a token", null, null, e);
    }
    if (response.statusCode() != 200) {
      throw new LrsException(LrsException.Kind.of(response.statusCode()), response.statusCode(),
          "token endpoint " + credentials.tokenEndpoint() + " answered " + response.statusCode(), response.body(), null, null);
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String accessToken = body.path("access_token").asText(null);
      if (accessToken == null || accessToken.isEmpty()) {
        throw new IOException("no access_token in the response");
      }
      token = accessToken;
      expires = clock.instant().plusSeconds(body.path("expires_in").asLong(300));
    } catch (IOException e) {
      throw new LrsException(LrsException.Kind.MALFORMED_RESPONSE, 200,
          "token endpoint " + credentials.tokenEndpoint() + " sent an unusable token response: " + e.getMessage(),
          response.body(), null, e);
    }
  }
}
