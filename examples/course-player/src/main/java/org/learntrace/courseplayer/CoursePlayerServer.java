package org.learntrace.courseplayer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.Tracker;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.collector.PlayerAuthenticator;
import org.learntrace.xapi.collector.StatementCollector;
import org.learntrace.xapi.mapping.CourseCatalog;
import org.learntrace.xapi.mapping.EventMapper;

/**
 * The browser course player and the platform side it talks to, on one HTTP server on loopback:
 *
 * <ul>
 *   <li>{@code GET /course-player/…}: the player's static files (HTML, ES modules, the service
 *       worker, {@code catalog.json}, the lesson video), from this jar;
 *   <li>{@code GET /course-player/launch?session=T[&format=events|xapi][&module=M]}: the launch
 *       link of a signed-in learner ({@link #launchUri}): sets the session cookie and redirects to
 *       the player with cmi5-style launch parameters ({@code endpoint}, {@code actor},
 *       {@code format}, {@code module});
 *   <li>{@code POST /learntrace/events} and {@code /learntrace/statements}: xapi-adapter's
 *       {@link StatementCollector} (Jersey on the JDK HTTP server), which authenticates the caller,
 *       corrects the device clock and hands each item to the platform's {@link Tracker}.
 * </ul>
 *
 * <pre>{@code
 * try (CoursePlayerServer player = CoursePlayerServer.builder(learnTrace.tracker()).start()) {
 *   URI open = player.launchUri(Person.teacher("t-42"));   // open in a browser
 * }
 * }</pre>
 *
 * <p>The server does not own the tracker: {@link #close()} stops HTTP only.
 */
public final class CoursePlayerServer implements AutoCloseable {
  /** Where the player is served. */
  public static final String PLAYER_PATH = "/course-player/";
  /** Where the collector is mounted (its resources add {@code events} and {@code statements}). */
  public static final String COLLECTOR_PATH = "/learntrace/";
  /** The classpath folder of the player's static files. */
  public static final String WEB_RESOURCES = "/org/learntrace/courseplayer/web/";
  /** The player's course content, which the page renders and the event mapper names activities from. */
  public static final String CATALOG_RESOURCE = WEB_RESOURCES + "catalog.json";
  /** Requests served at once: 8. */
  public static final int DEFAULT_THREADS = 8;
  /** The wire formats the player speaks: sdk-core events, or xAPI statements (plus events the collector cannot take as statements). */
  static final Set<String> FORMATS = Set.of("events", "xapi");

  private final HttpServer server;
  private final ExecutorService workers;
  private final PlayerSessions sessions;
  private final Function<Person, Agent> playerAgent;
  private final StaticFiles files = new StaticFiles(WEB_RESOURCES);
  private final URI baseUri;

  private CoursePlayerServer(Builder b) {
    this.sessions = b.sessions;
    this.playerAgent = b.playerAgent;
    StatementCollector.Builder collector = StatementCollector.builder(b.tracker,
        b.authenticator != null ? b.authenticator : b.sessions).playerAgent(b.playerAgent)
        // xAPI-format players may name videos and quizzes by the platform's canonical IRIs.
        .activityIds(EventMapper.create(catalog()));
    b.collector.accept(collector);
    URI bind = URI.create("http://" + b.host + ":" + b.port + "/");
    this.server = JdkHttpServerFactory.createHttpServer(bind, new ResourceConfig().register(collector.build()), false);
    server.createContext(PLAYER_PATH.substring(0, PLAYER_PATH.length() - 1), this::handle);
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "course-player-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.start();
    this.baseUri = URI.create("http://" + b.host + ":" + server.getAddress().getPort() + "/");
  }

  /** A builder over the platform's tracker. */
  public static Builder builder(Tracker tracker) {
    return new Builder(tracker);
  }

  /** The player's course content ({@value #CATALOG_RESOURCE}) as a catalog for {@code EventMapper}. */
  public static CourseCatalog catalog() {
    try (InputStream in = CoursePlayerServer.class.getResourceAsStream(CATALOG_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the course player's catalog " + CATALOG_RESOURCE + " is not on the classpath");
      }
      return CourseCatalog.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CATALOG_RESOURCE, e);
    }
  }

  /** {@code http://host:port/}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The player page, without launch parameters. */
  public URI playerUri() {
    return baseUri.resolve(PLAYER_PATH.substring(1) + "index.html");
  }

  /** The collector's base, {@code …/learntrace/}. */
  public URI collectorUri() {
    return baseUri.resolve(COLLECTOR_PATH.substring(1));
  }

  /** The sessions the launch links open (unused for authentication when the builder was given another authenticator). */
  public PlayerSessions sessions() {
    return sessions;
  }

  /** A new session for {@code learner} and the link that opens the player as them, sending events. */
  public URI launchUri(Person learner) {
    return launchUri(learner, "events");
  }

  /**
   * A new session for {@code learner} and the link that opens the player as them.
   *
   * @param format {@code events} (sdk-core events) or {@code xapi} (xAPI statements)
   * @throws IllegalArgumentException for another format
   */
  public URI launchUri(Person learner, String format) {
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("format must be one of " + FORMATS + ", was " + format);
    }
    return baseUri.resolve(PLAYER_PATH.substring(1) + "launch?session=" + sessions.open(learner) + "&format=" + format);
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      if (path.equals(PLAYER_PATH.substring(0, PLAYER_PATH.length() - 1)) || path.equals(PLAYER_PATH)) {
        redirect(x, PLAYER_PATH + "index.html");
      } else if (!path.startsWith(PLAYER_PATH)) {
        StaticFiles.text(x, 404, "not found: " + path);
      } else if (path.equals(PLAYER_PATH + "launch")) {
        launch(x);
      } else {
        files.serve(x, path.substring(PLAYER_PATH.length()));
      }
    }
  }

  /** Turns a launch link into the session cookie and the player's launch parameters. */
  private void launch(HttpExchange x) throws IOException {
    Map<String, String> q = query(x.getRequestURI().getRawQuery());
    String token = q.get("session");
    Person learner = sessions.person(token);
    if (learner == null) {
      StaticFiles.text(x, 403, "This launch link is not valid (parameter 'session' names no open session): "
          + "open the course from the platform again.");
      return;
    }
    String format = q.getOrDefault("format", "events");
    if (!FORMATS.contains(format)) {
      StaticFiles.text(x, 400, "parameter 'format' must be one of " + FORMATS + ", was '" + format + "'");
      return;
    }
    Map<String, String> launch = new LinkedHashMap<>();
    launch.put("endpoint", COLLECTOR_PATH);
    launch.put("actor", XapiJson.toJson(playerAgent.apply(learner)));
    launch.put("format", format);
    if (q.containsKey("module")) {
      launch.put("module", q.get("module"));
    }
    StringBuilder location = new StringBuilder(PLAYER_PATH).append("index.html");
    char sep = '?';
    for (Map.Entry<String, String> e : launch.entrySet()) {
      location.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    // HttpOnly: page scripts can neither read nor replace who is signed in. Path=/ reaches the collector.
    x.getResponseHeaders().add("Set-Cookie", PlayerSessions.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    redirect(x, location.toString());
  }

  private static void redirect(HttpExchange x, String location) throws IOException {
    x.getResponseHeaders().add("Location", location);
    x.getResponseHeaders().add("Cache-Control", "no-store");
    x.sendResponseHeaders(303, -1);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.putIfAbsent(k, v);
    }
    return q;
  }

  /** Configures a {@link CoursePlayerServer}; every setting has a default. */
  public static final class Builder {
    private final Tracker tracker;
    private String host = "127.0.0.1";
    private int port;
    private int threads = DEFAULT_THREADS;
    private PlayerSessions sessions = new PlayerSessions();
    private PlayerAuthenticator authenticator;
    private Function<Person, Agent> playerAgent = p -> Agent.ofAccount(StatementCollector.DEFAULT_PLAYER_HOME_PAGE, p.id());
    private Consumer<StatementCollector.Builder> collector = c -> {};

    private Builder(Tracker tracker) {
      this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** The interface to listen on; default 127.0.0.1. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** Requests served at once; default {@value #DEFAULT_THREADS}. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The sessions launch links open and, unless {@link #authenticator} is set, the collector trusts. */
    public Builder sessions(PlayerSessions sessions) {
      this.sessions = Objects.requireNonNull(sessions, "sessions");
      return this;
    }

    /** The platform's own authentication for the collector, instead of {@link #sessions}. */
    public Builder authenticator(PlayerAuthenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * The actor players name in xAPI statements for a signed-in person (given to the page at launch
     * and required by the collector). Default: an account on
     * {@link StatementCollector#DEFAULT_PLAYER_HOME_PAGE} named by the local id.
     */
    public Builder playerAgent(Function<Person, Agent> agentOf) {
      this.playerAgent = Objects.requireNonNull(agentOf, "agentOf");
      return this;
    }

    /**
     * Further collector settings (limits, clock, skew tolerance), applied before it is built. Set the
     * player's agent with {@link #playerAgent} instead, so that launch links and the collector agree.
     */
    public Builder collector(Consumer<StatementCollector.Builder> settings) {
      this.collector = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Starts serving. */
    public CoursePlayerServer start() {
      return new CoursePlayerServer(this);
    }
  }
}
