package org.learntrace.xapi.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.learntrace.xapi.About;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementRef;
import org.learntrace.xapi.StatementResult;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;

/**
 * A client of one xAPI LRS on {@code java.net.http}: statements (POST batches, PUT, GET by id,
 * voided, queries with every filter and {@code more} paging, voiding), About with version
 * negotiation, and the state, activity profile and agent profile documents with ETag concurrency.
 *
 * <p>Every call has a timeout; TLS certificate and host checks are those of the JDK and cannot be
 * switched off here (pass an {@link HttpClient} with your own {@code SSLContext} to trust a private
 * CA). Statements are validated for the negotiated version before they are sent: a 2.0.0 statement
 * is sent only to an LRS whose About lists 2.0.0. Failures are {@link LrsException}s saying what
 * kind of failure it was and whether a retry can help. Thread-safe.
 *
 * <pre>{@code
 * LrsClient lrs = LrsClient.builder(URI.create("https://lrs.example.org/xapi/"))
 *     .credentials(Credentials.basic(key, secret))
 *     .build();
 * lrs.postStatements(batch);
 * lrs.streamStatements(StatementQuery.builder().agent(teacher).relatedAgents(true).build())
 *     .forEach(System.out::println);
 * }</pre>
 */
public final class LrsClient {
  /** Default timeout of one request: {@value #DEFAULT_REQUEST_TIMEOUT_SECONDS} s. */
  public static final int DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
  /** Default timeout to connect: {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s. */
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

  private final Transport transport;
  private final XapiVersion requested;
  private final boolean negotiate;
  private final boolean validate;
  private volatile XapiVersion version;

  private LrsClient(Builder b, Transport transport) {
    this.transport = transport;
    this.requested = b.version;
    this.negotiate = b.negotiate;
    this.validate = b.validate;
    this.version = b.negotiate ? null : b.version;
  }

  /** A builder for a client of the LRS at {@code endpoint} (e.g. {@code http://127.0.0.1:8080/xapi/}). */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** The LRS endpoint, ending with a slash. */
  public URI endpoint() {
    return transport.endpoint();
  }

  // ---- about and versions ----

  /** {@code GET /about}. */
  public About about() {
    HttpResponse<byte[]> r = transport.send(() -> HttpRequest.newBuilder(transport.uri("about", null)).GET(), null, 200);
    try {
      return XapiJson.readAbout(new String(r.body(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw transport.malformed(r, e);
    }
  }

  /**
   * The version this client speaks: the one configured, or when negotiating, the newest that both
   * this client (up to the configured version) and the LRS's About support.
   *
   * @throws LrsException if the LRS supports neither 1.0.x nor 2.0.x
   */
  public XapiVersion version() {
    XapiVersion v = version;
    if (v == null) {
      XapiVersion offered = about().negotiate();
      if (offered == null) {
        throw new LrsException(LrsException.Kind.OTHER, 200, "the LRS at " + endpoint() + " supports no xAPI version we speak",
            null, null, null);
      }
      v = offered.compareTo(requested) > 0 ? requested : offered;
      version = v;
    }
    return v;
  }

  // ---- statements ----

  /**
   * Stores a batch ({@code POST /statements}) and returns the ids, in order, as the LRS assigned
   * or confirmed them.
   *
   * @throws org.learntrace.xapi.XapiValidationException if a statement is invalid for the version,
   *     before anything is sent
   */
  public List<UUID> postStatements(List<Statement> statements) {
    if (statements.isEmpty()) {
      return List.of();
    }
    XapiVersion v = checked(statements);
    byte[] body = XapiJson.toBytes(statements);
    HttpResponse<byte[]> r = transport.send(() -> HttpRequest.newBuilder(transport.uri("statements", null))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), v.text(), 200);
    try {
      JsonNode ids = XapiJson.mapper().readTree(r.body());
      List<UUID> out = new ArrayList<>(ids.size());
      ids.forEach(id -> out.add(UUID.fromString(id.asText())));
      if (out.size() != statements.size()) {
        throw new IOException("expected " + statements.size() + " ids, got " + out.size());
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw transport.malformed(r, e);
    }
  }

  /** Stores one statement and returns its id. */
  public UUID postStatement(Statement statement) {
    return postStatements(List.of(statement)).get(0);
  }

  /** Stores a statement under its own id ({@code PUT /statements?statementId=}). */
  public void putStatement(Statement statement) {
    UUID id = Objects.requireNonNull(statement.id(), "PUT needs a statement with an id");
    XapiVersion v = checked(List.of(statement));
    byte[] body = XapiJson.toBytes(statement);
    transport.send(() -> HttpRequest.newBuilder(transport.uri("statements", "statementId=" + id))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), v.text(), 204, 200);
  }

  /** The statement with this id, or empty if the LRS has none (or it is voided). */
  public Optional<Statement> getStatement(UUID id) {
    return getOne("statementId=" + id);
  }

  /** The voided statement with this id, or empty. */
  public Optional<Statement> getVoidedStatement(UUID id) {
    return getOne("voidedStatementId=" + id);
  }

  private Optional<Statement> getOne(String query) {
    HttpResponse<byte[]> r = transport.send(() -> HttpRequest.newBuilder(transport.uri("statements", query)).GET(),
        version().text(), 200, 404);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    try {
      return Optional.of(XapiJson.readStatement(r.body()));
    } catch (RuntimeException e) {
      throw transport.malformed(r, e);
    }
  }

  /** Voids the statement {@code target} in the name of {@code actor}; returns the voiding statement's id. */
  public UUID voidStatement(UUID target, Actor actor) {
    return postStatement(Statement.builder().id(UUID.randomUUID()).actor(actor)
        .verb(Verb.of(Verb.VOIDED, "en-US", "voided")).object(StatementRef.of(target)).build());
  }

  /** The first page of a query. */
  public StatementPage queryStatements(StatementQuery query) {
    return page(transport.uri("statements", query.toQueryString()));
  }

  /** The page a {@code more} link points to. */
  public StatementPage more(String more) {
    return page(transport.more(more));
  }

  /** Every statement a query matches, fetching pages lazily as the stream is consumed. */
  public Stream<Statement> streamStatements(StatementQuery query) {
    Iterator<Statement> it = new Iterator<>() {
      StatementPage page = queryStatements(query);
      int next;

      @Override
      public boolean hasNext() {
        while (next == page.statements().size() && page.more() != null) {
          page = more(page.more());
          next = 0;
        }
        return next < page.statements().size();
      }

      @Override
      public Statement next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.statements().get(next++);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private StatementPage page(URI uri) {
    HttpResponse<byte[]> r = transport.send(() -> HttpRequest.newBuilder(uri).GET(), version().text(), 200);
    StatementResult result;
    try {
      result = XapiJson.readStatementResult(new String(r.body(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw transport.malformed(r, e);
    }
    String consistent = r.headers().firstValue("X-Experience-API-Consistent-Through").orElse(null);
    return new StatementPage(result.statements(), result.more(), consistent);
  }

  private XapiVersion checked(List<Statement> statements) {
    XapiVersion v = version();
    if (validate) {
      StatementValidator validator = StatementValidator.forVersion(v);
      statements.forEach(validator::requireValid);
    }
    return v;
  }

  // ---- documents ----

  /** The document, or empty if there is none. */
  public Optional<Document> getDocument(DocumentKey key) {
    HttpResponse<byte[]> r = transport.send(() -> HttpRequest.newBuilder(transport.uri(key.resource(), key.query())).GET(),
        version().text(), 200, 404);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(new Document(r.body(), r.headers().firstValue("Content-Type").orElse("application/octet-stream"),
        r.headers().firstValue("ETag").orElse(null)));
  }

  /** Replaces the document ({@code PUT}), if {@code condition} holds; 412 otherwise. */
  public void putDocument(DocumentKey key, Document document, Precondition condition) {
    write(key, document, condition, "PUT");
  }

  /** Merges a JSON document into the stored one ({@code POST}), if {@code condition} holds. */
  public void postDocument(DocumentKey key, Document document, Precondition condition) {
    write(key, document, condition, "POST");
  }

  /** Deletes the document, if {@code condition} holds. */
  public void deleteDocument(DocumentKey key, Precondition condition) {
    transport.send(() -> withCondition(HttpRequest.newBuilder(transport.uri(key.resource(), key.query())).DELETE(), condition),
        version().text(), 204, 200);
  }

  /** The ids of the documents in a collection (a key whose id is null). */
  public List<String> getDocumentIds(DocumentKey collection) {
    HttpResponse<byte[]> r = transport.send(
        () -> HttpRequest.newBuilder(transport.uri(collection.resource(), collection.query())).GET(), version().text(), 200);
    try {
      List<String> ids = new ArrayList<>();
      XapiJson.mapper().readTree(r.body()).forEach(n -> ids.add(n.asText()));
      return ids;
    } catch (IOException e) {
      throw transport.malformed(r, e);
    }
  }

  private void write(DocumentKey key, Document document, Precondition condition, String method) {
    byte[] body = document.content();
    transport.send(() -> withCondition(HttpRequest.newBuilder(transport.uri(key.resource(), key.query()))
        .header("Content-Type", document.contentType())
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), condition), version().text(), 204, 200);
  }

  private static HttpRequest.Builder withCondition(HttpRequest.Builder b, Precondition condition) {
    return condition.header() == null ? b : b.header(condition.header(), condition.value());
  }

  /** Configures a client; every setting has a safe default. */
  public static final class Builder {
    private final URI endpoint;
    private Credentials credentials;
    private XapiVersion version = XapiVersion.V2_0_0;
    private boolean negotiate = true;
    private boolean validate = true;
    private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
    private Duration requestTimeout = Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS);
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    private Builder(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
        throw new IllegalArgumentException("endpoint must be an http or https URI, was " + endpoint);
      }
    }

    /** How to authenticate; none by default. */
    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * Speak exactly this version, without asking the LRS (default: negotiate, up to 2.0.0, from
     * the LRS's About on first use).
     */
    public Builder version(XapiVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      this.negotiate = false;
      return this;
    }

    /** Negotiate from About, speaking at most {@code highest}. */
    public Builder negotiateUpTo(XapiVersion highest) {
      this.version = Objects.requireNonNull(highest, "highest");
      this.negotiate = true;
      return this;
    }

    /** Whether to validate statements before sending (default true). */
    public Builder validateBeforeSending(boolean validate) {
      this.validate = validate;
      return this;
    }

    /** Timeout to connect (default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s; ignored with {@link #httpClient}). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Timeout of every request (default {@value #DEFAULT_REQUEST_TIMEOUT_SECONDS} s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** The HTTP client to use (for a custom SSLContext or proxy); one is built by default. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The clock for token expiry and Retry-After dates (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public LrsClient build() {
      HttpClient http = httpClient != null ? httpClient
          : HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
      return new LrsClient(this, new Transport(endpoint, http, requestTimeout, credentials, clock));
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
