package org.learntrace.research.engagement;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementResult;
import org.learntrace.xapi.XapiJson;

/**
 * Streams statements from an LRS: {@code GET statements} with the query parameters given, then
 * every {@code more} page until it is empty, one page in memory at a time. Sends
 * {@code X-Experience-API-Version} and HTTP Basic credentials.
 *
 * <pre>{@code
 * long n = LrsStatements.builder(URI.create("http://127.0.0.1:8080/xapi/"))
 *     .basicAuth("user", "secret").param("since", "2026-01-01T00:00:00Z")
 *     .build().forEach(statement -> measures.add(...));
 * }</pre>
 */
public final class LrsStatements {
  /** Default version header: {@value}. */
  public static final String DEFAULT_VERSION = "1.0.3";

  private final URI endpoint;
  private final String authorization;
  private final String version;
  private final Map<String, String> params;
  private final HttpClient client;
  private final Duration timeout;

  private LrsStatements(Builder b) {
    this.endpoint = b.endpoint;
    this.authorization = b.authorization;
    this.version = b.version;
    this.params = Map.copyOf(b.params);
    this.client = b.client != null ? b.client : HttpClient.newBuilder().connectTimeout(b.timeout).build();
    this.timeout = b.timeout;
  }

  /** A builder for the LRS whose xAPI base is {@code endpoint} (ending in {@code /}). */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /**
   * Passes every statement of every page to {@code statements}.
   *
   * @return the number of statements
   * @throws IOException on a transport error or a non-200 reply (naming the URL and status)
   */
  public long forEach(Consumer<Statement> statements) throws IOException {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(params).entrySet()) {
      query.append(query.length() == 0 ? "?" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    URI next = endpoint.resolve("statements" + query);
    long n = 0;
    while (next != null) {
      StatementResult page = get(next);
      for (Statement s : page.statements()) {
        statements.accept(s);
        n++;
      }
      next = page.hasMore() ? endpoint.resolve(page.more()) : null;
    }
    return n;
  }

  private StatementResult get(URI uri) throws IOException {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("X-Experience-API-Version", version).header("Accept", "application/json");
    if (authorization != null) {
      req.header("Authorization", authorization);
    }
    HttpResponse<String> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + uri, e);
    }
    if (resp.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + resp.statusCode() + ": " + abbreviate(resp.body()));
    }
    return XapiJson.readStatementResult(resp.body());
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  /** Builds an {@link LrsStatements}. */
  public static final class Builder {
    private final URI endpoint;
    private String authorization;
    private String version = DEFAULT_VERSION;
    private final Map<String, String> params = new LinkedHashMap<>();
    private HttpClient client;
    private Duration timeout = Duration.ofSeconds(60);

    private Builder(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String s = endpoint.toString();
      this.endpoint = s.endsWith("/") ? endpoint : URI.create(s + "/");
    }

    /** HTTP Basic credentials. */
    public Builder basicAuth(String user, String password) {
      authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** The {@code X-Experience-API-Version} header; default {@value #DEFAULT_VERSION}. */
    public Builder version(String v) {
      version = Objects.requireNonNull(v, "version");
      return this;
    }

    /** A query parameter of the first request ({@code agent}, {@code since}, {@code limit} …). */
    public Builder param(String name, String value) {
      params.put(name, value);
      return this;
    }

    /** The HTTP client to use (default: a new one). */
    public Builder client(HttpClient c) {
      client = c;
      return this;
    }

    /** Request timeout; default 60 s. */
    public Builder timeout(Duration t) {
      timeout = Objects.requireNonNull(t, "timeout");
      return this;
    }

    /** Builds. */
    public LrsStatements build() {
      return new LrsStatements(this);
    }
  }
}
