package org.learntrace.research.engagement;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
    URI next = firstPage();
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

  /**
   * The engagement events of every page, on the fast path: each page is parsed with Jackson's
   * streaming parser and {@link EngagementProjection}, one page in memory at a time. A page with
   * a statement the projection cannot decide is read with the model reader instead, exactly as
   * {@link #forEach} reads it (so an invalid statement fails the page as it does there).
   *
   * @param idSpace the teachers' account homePage
   * @param events told each teacher event, in page order
   * @param progress told the number of statements read so far, every page
   * @return the number of statements (teachers' and others')
   * @throws IOException on a transport error or a non-200 reply (naming the URL and status)
   */
  public long engagement(String idSpace, Consumer<EngagementEvent> events, java.util.function.LongConsumer progress)
      throws IOException {
    EngagementProjection projection = new EngagementProjection(idSpace);
    java.util.List<EngagementEvent> page = new java.util.ArrayList<>();
    URI next = firstPage();
    long n = 0;
    while (next != null) {
      byte[] body = getBytes(next);
      page.clear();
      String[] more = new String[1];
      long count = fastPage(body, projection, page, more);
      if (count < 0) {
        page.clear(); // whatever the fast path read before it gave up
        StatementResult result = XapiJson.readStatementResult(new String(body, StandardCharsets.UTF_8));
        for (Statement s : result.statements()) {
          EngagementEvent e = EngagementEvent.of(s, idSpace);
          if (e != null) {
            page.add(e);
          }
        }
        count = result.statements().size();
        more[0] = result.hasMore() ? result.more() : null;
      }
      page.forEach(events);
      n += count;
      progress.accept(n);
      next = more[0] != null && !more[0].isEmpty() ? endpoint.resolve(more[0]) : null;
    }
    return n;
  }

  /**
   * Reads a statement result page on the fast path into {@code events} and {@code more[0]}.
   *
   * @return the number of statements, or -1 when the page must be read with the model reader
   */
  static long fastPage(byte[] body, EngagementProjection projection, java.util.List<EngagementEvent> events,
      String[] more) {
    if (!Utf8.isWellFormed(body, 0, body.length)) {
      return -1; // the model path reads it as a String, with replacement characters
    }
    int start = 0;
    while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\n' || body[start] == '\r')) {
      start++;
    }
    if (start >= body.length || body[start] != '{') {
      return -1; // leave a BOM, another encoding or a non-object to the model path
    }
    boolean sawStatements = false;
    long count = 0;
    try (JsonParser p = EngagementProjection.FACTORY.createParser(body, start, body.length - start)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      String f;
      while ((f = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        if (f.equals("statements")) {
          if (t != JsonToken.START_ARRAY) {
            return -1;
          }
          sawStatements = true;
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e != JsonToken.START_OBJECT) {
              return -1;
            }
            if (projection.statement(p) == EngagementProjection.EVENT) {
              events.add(projection.event());
            }
            count++;
          }
        } else if (f.equals("more")) {
          more[0] = t == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
        } else {
          p.skipChildren();
        }
      }
      if (!sawStatements || p.nextToken() != null) {
        return -1;
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return count;
  }

  private URI firstPage() {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(params).entrySet()) {
      query.append(query.length() == 0 ? "?" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return endpoint.resolve("statements" + query);
  }

  private StatementResult get(URI uri) throws IOException {
    return XapiJson.readStatementResult(new String(getBytes(uri), StandardCharsets.UTF_8));
  }

  private byte[] getBytes(URI uri) throws IOException {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("X-Experience-API-Version", version).header("Accept", "application/json");
    if (authorization != null) {
      req.header("Authorization", authorization);
    }
    HttpResponse<byte[]> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + uri, e);
    }
    if (resp.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + resp.statusCode() + ": "
          + abbreviate(new String(resp.body(), StandardCharsets.UTF_8)));
    }
    return resp.body();
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
