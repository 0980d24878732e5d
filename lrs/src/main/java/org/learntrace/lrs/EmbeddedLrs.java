package org.learntrace.lrs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.learntrace.lrs.http.InFlightRequests;
import org.learntrace.lrs.http.XapiApplication;
import org.learntrace.lrs.jdbc.JdbcLrsStore;
import org.learntrace.lrs.spi.LrsStore;
import org.learntrace.xapi.XapiVersion;

/**
 * A running xAPI 1.0.3 / 2.0.0 LRS: HTTP on loopback, statements and documents in an H2 file
 * database (or PostgreSQL, or any {@link LrsStore}).
 *
 * <pre>{@code
 * try (EmbeddedLrs lrs = EmbeddedLrs.start(Path.of("lrs-data"), "researcher", "secret")) {
 *   URI endpoint = lrs.baseUri();   // http://127.0.0.1:<random port>/xapi/
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops accepting connections, lets requests in flight finish (up to {@link
 * Builder#shutdownGrace(Duration)}, default {@value #DEFAULT_SHUTDOWN_GRACE_SECONDS} s) and then
 * closes the store. Every write is committed before its response is sent, so no acknowledged
 * statement or document is lost.
 */
public final class EmbeddedLrs implements AutoCloseable {
  /** Default time {@link #close()} waits for requests in flight. */
  public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;
  /** Default number of requests served at once. */
  public static final int DEFAULT_THREADS = 16;

  // The JDK server warns on every HEAD answered with the GET's Content-Length, which HTTP allows.
  private static final java.util.logging.Logger JDK_HTTP = java.util.logging.Logger.getLogger("com.sun.net.httpserver");

  static {
    JDK_HTTP.setLevel(java.util.logging.Level.SEVERE);
    // Without TCP_NODELAY every small response waits ~40 ms for the client's delayed ACK (Nagle).
    // The JDK server reads this once, when its first instance is created; an explicit setting wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService workers;
  private final InFlightRequests inFlight;
  private final LrsStore store;
  private final URI baseUri;
  private final Duration shutdownGrace;
  private boolean closed;

  private EmbeddedLrs(HttpServer server, ExecutorService workers, InFlightRequests inFlight, LrsStore store, URI baseUri,
      Duration shutdownGrace) {
    this.server = server;
    this.workers = workers;
    this.inFlight = inFlight;
    this.store = store;
    this.baseUri = baseUri;
    this.shutdownGrace = shutdownGrace;
  }

  /** Starts an LRS on a random loopback port with an H2 database under {@code dataDirectory}. */
  public static EmbeddedLrs start(Path dataDirectory, String user, String password) {
    return builder().dataDirectory(dataDirectory).credential(Credential.all(user, password)).start();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The xAPI endpoint, ending in {@code /xapi/}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The port the LRS listens on. */
  public int port() {
    return baseUri.getPort();
  }

  /** The store behind the LRS. */
  public LrsStore store() {
    return store;
  }

  /** Stops serving, waits for requests in flight, and closes the store. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // New requests get 503; those in flight finish (their writes commit before their responses).
      inFlight.drain(shutdownGrace);
      // One second for the last responses to reach the wire, then every connection is closed.
      server.stop(1);
      workers.shutdown();
      if (!workers.awaitTermination(shutdownGrace.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
    }
  }

  /** Configures an LRS. Defaults: host 127.0.0.1, a random port, no credentials (at least one is required). */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dataDirectory;
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private LrsStore store;
    private final List<Credential> credentials = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration shutdownGrace = Duration.ofSeconds(DEFAULT_SHUTDOWN_GRACE_SECONDS);
    private XapiVersion defaultVersion = XapiVersion.V2_0_0;
    private int threads = DEFAULT_THREADS;

    private Builder() {}

    /**
     * The version the {@code X-Experience-API-Version} response header names when a request
     * names none (and is rejected for it); default 2.0.0.
     */
    public Builder defaultVersion(XapiVersion version) {
      this.defaultVersion = Objects.requireNonNull(version, "version");
      return this;
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

    /** Keep data in an H2 file database under this directory (created if missing). */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Keep data in this database instead ({@code jdbc:postgresql:...} for PostgreSQL). */
    public Builder jdbc(String url, String user, String password) {
      this.jdbcUrl = Objects.requireNonNull(url, "url");
      this.jdbcUser = user;
      this.jdbcPassword = password;
      return this;
    }

    /** Use this store; the LRS closes it on {@link #close()}. */
    public Builder store(LrsStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Accept this credential. */
    public Builder credential(Credential credential) {
      credentials.add(Objects.requireNonNull(credential, "credential"));
      return this;
    }

    /** The clock for stored times and document times; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long {@link #close()} waits for requests in flight. */
    public Builder shutdownGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdown grace must not be negative, was " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** How many requests are served at once; default {@value #DEFAULT_THREADS}. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Opens the store and starts serving. */
    public EmbeddedLrs start() {
      if (credentials.isEmpty()) {
        throw new IllegalStateException("an LRS needs at least one credential: nothing answers without authentication");
      }
      int sources = (dataDirectory != null ? 1 : 0) + (jdbcUrl != null ? 1 : 0) + (store != null ? 1 : 0);
      if (sources != 1) {
        throw new IllegalStateException("give exactly one of dataDirectory, jdbc and store; got " + sources);
      }
      LrsStore s = store;
      if (dataDirectory != null) {
        try {
          Files.createDirectories(dataDirectory);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
        }
        s = JdbcLrsStore.h2(dataDirectory, clock);
      } else if (jdbcUrl != null) {
        s = jdbcUrl.startsWith("jdbc:postgresql:")
            ? JdbcLrsStore.postgres(jdbcUrl, jdbcUser, jdbcPassword, clock)
            : JdbcLrsStore.open(jdbcUrl, jdbcUser, jdbcPassword);
      }
      try {
        URI bind = URI.create("http://" + host + ":" + port + "/xapi/");
        InFlightRequests inFlight = new InFlightRequests();
        var config = XapiApplication.create(s, credentials, clock, "http://" + host + "/xapi/", defaultVersion, inFlight);
        HttpServer server = JdkHttpServerFactory.createHttpServer(bind, config, false);
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
          Thread t = new Thread(r, "lrs-http-" + n.incrementAndGet());
          t.setDaemon(false);
          return t;
        });
        server.setExecutor(workers);
        server.start();
        URI base = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/xapi/");
        return new EmbeddedLrs(server, workers, inFlight, s, base, shutdownGrace);
      } catch (RuntimeException e) {
        s.close();
        throw new IllegalStateException("cannot start the LRS on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }
  }
}
