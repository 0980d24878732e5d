package org.learntrace.xapi.lrs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * The HTTP exchange with one LRS: authentication, the version header, a timeout on every call,
 * one retry with a fresh token after a 401 under OAuth 2, and failures turned into {@link
 * LrsException}s.
 */
final class Transport {
  private final URI endpoint;
  private final HttpClient http;
  private final Duration timeout;
  private final Credentials credentials;
  private final OAuth2TokenSource tokens;
  private final Clock clock;

  Transport(URI endpoint, HttpClient http, Duration timeout, Credentials credentials, Clock clock) {
    String e = endpoint.toString();
    this.endpoint = URI.create(e.endsWith("/") ? e : e + "/");
    this.http = http;
    this.timeout = timeout;
    this.credentials = credentials;
    this.clock = clock;
    this.tokens = credentials instanceof Credentials.OAuth2 o ? new OAuth2TokenSource(o, http, timeout, clock) : null;
  }

  URI endpoint() {
    return endpoint;
  }

  /** The URI of {@code resource} (relative to the endpoint) with an optional query string. */
  URI uri(String resource, String query) {
    return endpoint.resolve(resource + (query == null || query.isEmpty() ? "" : "?" + query));
  }

  /**
   * The URI of a {@code more} link, which the LRS gives relative to its host or to the endpoint.
   * Characters a URI may not hold are percent-encoded first (some LRSs put raw JSON in the link).
   */
  URI more(String more) {
    StringBuilder b = new StringBuilder(more.length());
    for (byte octet : more.getBytes(StandardCharsets.UTF_8)) {
      int c = octet & 0xff;
      if (c <= ' ' || c >= 0x7f || "\"<>[]{}|\\^`".indexOf(c) >= 0) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        b.append((char) c);
      }
    }
    try {
      return endpoint.resolve(new URI(b.toString()));
    } catch (java.net.URISyntaxException e) {
      throw new LrsException(LrsException.Kind.MALFORMED_RESPONSE, 200, "unusable more link: " + more, more, null, e);
    }
  }

  /**
   * Sends the request built by {@code request} (called again for the retry) and returns the
   * response when its status is one of {@code ok}.
   */
  HttpResponse<byte[]> send(Supplier<HttpRequest.Builder> request, String version, int... ok) {
    String token = tokens == null ? null : tokens.token();
    HttpResponse<byte[]> response = exchange(request, version, token);
    if (response.statusCode() == 401 && tokens != null) {
      tokens.invalidate(token);
      response = exchange(request, version, tokens.token());
    }
    for (int status : ok) {
      if (response.statusCode() == status) {
        return response;
      }
    }
    throw failure(response);
  }

  private HttpResponse<byte[]> exchange(Supplier<HttpRequest.Builder> request, String version, String token) {
    HttpRequest.Builder b = request.get().timeout(timeout);
    if (version != null) {
      b.header("X-Experience-API-Version", version);
    }
    if (credentials instanceof Credentials.Basic basic) {
      b.header("Authorization", basic.header());
    } else if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpRequest built = b.build();
    try {
      return http.send(built, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new LrsException(LrsException.Kind.TIMEOUT, 0,
          built.method() + " " + built.uri() + " got no answer within " + timeout, null, null, e);
    } catch (IOException e) {
      throw new LrsException(LrsException.Kind.IO, 0, built.method() + " " + built.uri() + " failed: " + e, null, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LrsException(LrsException.Kind.IO, 0, "interrupted: " + built.method() + " " + built.uri(), null, null, e);
    }
  }

  LrsException failure(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String body = new String(response.body(), StandardCharsets.UTF_8);
    String shown = body.length() > 500 ? body.substring(0, 500) + "..." : body;
    return new LrsException(LrsException.Kind.of(status), status,
        response.request().method() + " " + response.request().uri() + " answered " + status
            + (shown.isBlank() ? "" : ": " + shown),
        body, retryAfter(response), null);
  }

  LrsException malformed(HttpResponse<byte[]> response, Exception cause) {
    return new LrsException(LrsException.Kind.MALFORMED_RESPONSE, response.statusCode(),
        response.request().method() + " " + response.request().uri() + " answered with an unusable body: "
            + cause.getMessage(), new String(response.body(), StandardCharsets.UTF_8), null, cause);
  }

  /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }
}
