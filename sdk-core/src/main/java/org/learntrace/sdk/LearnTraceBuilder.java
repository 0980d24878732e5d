package org.learntrace.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.learntrace.sdk.internal.Engine;
import org.learntrace.sdk.internal.Outbox;

/**
 * Builds a {@link LearnTrace}. Every setter validates its argument at once; defaults are the
 * constants below. The outbox directory and the pseudonym key are required.
 */
public final class LearnTraceBuilder {
  public static final long DEFAULT_OUTBOX_MAX_BYTES = 256L << 20;
  public static final int DEFAULT_SEGMENT_BYTES = 8 << 20;
  public static final OverflowPolicy DEFAULT_OVERFLOW = OverflowPolicy.DROP_NEWEST;
  public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(100);
  public static final FsyncMode DEFAULT_FSYNC = FsyncMode.INTERVAL;
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
  public static final int DEFAULT_MAX_BATCH_SIZE = 100;
  public static final int DEFAULT_MAX_BATCH_BYTES = 1 << 20;
  public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofMillis(200);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
  public static final int DEFAULT_BREAKER_THRESHOLD = 5;
  public static final Duration DEFAULT_BREAKER_OPEN = Duration.ofSeconds(30);
  public static final long DEFAULT_DEAD_LETTER_MAX_BYTES = 64L << 20;
  public static final Duration DEFAULT_POLICY_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_METRICS_LOG_INTERVAL = Duration.ofMinutes(1);

  private Path outboxDir;
  private long outboxMaxBytes = DEFAULT_OUTBOX_MAX_BYTES;
  private int segmentBytes = DEFAULT_SEGMENT_BYTES;
  private OverflowPolicy overflow = DEFAULT_OVERFLOW;
  private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
  private FsyncMode fsync = DEFAULT_FSYNC;
  private Duration fsyncInterval = DEFAULT_FSYNC_INTERVAL;
  private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
  private final List<Sink> sinks = new ArrayList<>();
  private final Map<String, byte[]> destinationKeys = new HashMap<>();
  private byte[] masterKey;
  private String keyId;
  private Path policyDir;
  private AnalyticsPolicy basePolicy;
  private Duration policyPollInterval = DEFAULT_POLICY_POLL_INTERVAL;
  private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
  private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
  private Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;
  private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
  private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
  private int breakerThreshold = DEFAULT_BREAKER_THRESHOLD;
  private Duration breakerOpen = DEFAULT_BREAKER_OPEN;
  private long deadLetterMaxBytes = DEFAULT_DEAD_LETTER_MAX_BYTES;
  private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
  private Duration metricsLogInterval = DEFAULT_METRICS_LOG_INTERVAL;
  private Clock clock = Clock.systemUTC();
  private long seed = 0x1EA57ACEL;

  LearnTraceBuilder() {}

  /** The outbox directory (created if absent); required. One process per directory. */
  public LearnTraceBuilder setOutboxDirectory(Path dir) {
    this.outboxDir = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /** The bound on outbox bytes on disk; at least two segments. Default {@link #DEFAULT_OUTBOX_MAX_BYTES}. */
  public LearnTraceBuilder setOutboxMaxBytes(long bytes) {
    this.outboxMaxBytes = positive("outboxMaxBytes", bytes);
    return this;
  }

  /** The size of one outbox segment file. Default {@link #DEFAULT_SEGMENT_BYTES}. */
  public LearnTraceBuilder setSegmentBytes(int bytes) {
    if (bytes < 4096) {
      throw new IllegalArgumentException("segmentBytes must be >= 4096, was " + bytes);
    }
    this.segmentBytes = bytes;
    return this;
  }

  /** What happens when the outbox is full. Default {@link #DEFAULT_OVERFLOW}. */
  public LearnTraceBuilder setOverflowPolicy(OverflowPolicy policy) {
    this.overflow = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** How long {@link OverflowPolicy#BLOCK} waits for room. Default {@link #DEFAULT_BLOCK_TIMEOUT}. */
  public LearnTraceBuilder setBlockTimeout(Duration timeout) {
    this.blockTimeout = nonNegative("blockTimeout", timeout);
    return this;
  }

  /** When the outbox is forced to the device. Default {@link #DEFAULT_FSYNC}. */
  public LearnTraceBuilder setFsyncMode(FsyncMode mode) {
    this.fsync = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** The interval of {@link FsyncMode#INTERVAL}. Default {@link #DEFAULT_FSYNC_INTERVAL}. */
  public LearnTraceBuilder setFsyncInterval(Duration interval) {
    this.fsyncInterval = positive("fsyncInterval", interval);
    return this;
  }

  /** Events the in-memory queue before the writer holds. Default {@link #DEFAULT_QUEUE_CAPACITY}. */
  public LearnTraceBuilder setQueueCapacity(int events) {
    this.queueCapacity = (int) positive("queueCapacity", events);
    return this;
  }

  /** Adds a destination; its {@link Sink#name()} must be unique. At least one is required. */
  public LearnTraceBuilder addSink(Sink sink) {
    sinks.add(Objects.requireNonNull(sink, "sink"));
    return this;
  }

  /**
   * The study's pseudonymisation key (at least 16 bytes) and its id (recorded with each record,
   * never the key). Each destination's key is derived from it unless set by
   * {@link #setDestinationKey}. Required.
   */
  public LearnTraceBuilder setPseudonymKey(String keyId, byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("pseudonym key must be at least 16 bytes");
    }
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.masterKey = key.clone();
    return this;
  }

  /** A destination's own pseudonymisation key, e.g. so that two studies can never link their data. */
  public LearnTraceBuilder setDestinationKey(String destination, byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("destination key must be at least 16 bytes");
    }
    destinationKeys.put(destination, key.clone());
    return this;
  }

  /** The directory of per-course policy files ({@code <course>.json}); polled for changes. */
  public LearnTraceBuilder setPolicyDirectory(Path dir) {
    this.policyDir = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /** The policy beneath every course's file; by default everything on, consent for {@code research} required. */
  public LearnTraceBuilder setBasePolicy(AnalyticsPolicy policy) {
    this.basePolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** How often policy files are checked; zero turns polling off. Default {@link #DEFAULT_POLICY_POLL_INTERVAL}. */
  public LearnTraceBuilder setPolicyPollInterval(Duration interval) {
    this.policyPollInterval = nonNegative("policyPollInterval", interval);
    return this;
  }

  /** Batch limits: records, bytes, and how long to wait for a batch to fill. */
  public LearnTraceBuilder setBatching(int maxRecords, int maxBytes, Duration maxDelay) {
    this.maxBatchSize = (int) positive("maxRecords", maxRecords);
    this.maxBatchBytes = (int) positive("maxBytes", maxBytes);
    this.maxBatchDelay = nonNegative("maxDelay", maxDelay);
    return this;
  }

  /** Retry backoff bounds. Defaults {@link #DEFAULT_INITIAL_BACKOFF}, {@link #DEFAULT_MAX_BACKOFF}. */
  public LearnTraceBuilder setBackoff(Duration initial, Duration max) {
    this.initialBackoff = positive("initialBackoff", initial);
    this.maxBackoff = positive("maxBackoff", max);
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
    }
    return this;
  }

  /** Consecutive failures that open a destination's circuit, and for how long it stays open. */
  public LearnTraceBuilder setCircuitBreaker(int failureThreshold, Duration openFor) {
    this.breakerThreshold = (int) positive("failureThreshold", failureThreshold);
    this.breakerOpen = positive("openFor", openFor);
    return this;
  }

  /** The bound on dead-letter bytes. Default {@link #DEFAULT_DEAD_LETTER_MAX_BYTES}. */
  public LearnTraceBuilder setDeadLetterMaxBytes(long bytes) {
    this.deadLetterMaxBytes = positive("deadLetterMaxBytes", bytes);
    return this;
  }

  /** How long {@link LearnTrace#close()} tries to deliver. Default {@link #DEFAULT_SHUTDOWN_TIMEOUT}. */
  public LearnTraceBuilder setShutdownTimeout(Duration timeout) {
    this.shutdownTimeout = nonNegative("shutdownTimeout", timeout);
    return this;
  }

  /** How often metrics are logged; zero turns it off. Default {@link #DEFAULT_METRICS_LOG_INTERVAL}. */
  public LearnTraceBuilder setMetricsLogInterval(Duration interval) {
    this.metricsLogInterval = nonNegative("metricsLogInterval", interval);
    return this;
  }

  /** The clock for receipt times and latency. Default UTC system clock. */
  public LearnTraceBuilder setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The seed of sampling and backoff jitter. */
  public LearnTraceBuilder setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Applies {@code learntrace.*} settings: {@code outbox.dir}, {@code outbox.max-bytes},
   * {@code outbox.segment-bytes}, {@code outbox.overflow} (drop-newest, drop-oldest, block),
   * {@code outbox.block-timeout}, {@code outbox.fsync} (none, interval, every-commit),
   * {@code outbox.fsync-interval}, {@code pseudonym.key} (base64), {@code pseudonym.key-id},
   * {@code policy.dir}, {@code policy.poll-interval}, {@code shutdown.timeout}, {@code seed}, and
   * {@code sink.ndjson.<name>=<file>} for NDJSON file sinks. Durations are ISO-8601 ({@code PT2S}).
   */
  public LearnTraceBuilder configure(Map<String, String> p) {
    for (Map.Entry<String, String> e : p.entrySet()) {
      String k = e.getKey();
      String v = e.getValue().trim();
      try {
        switch (k) {
          case "learntrace.outbox.dir" -> setOutboxDirectory(Path.of(v));
          case "learntrace.outbox.max-bytes" -> setOutboxMaxBytes(Long.parseLong(v));
          case "learntrace.outbox.segment-bytes" -> setSegmentBytes(Integer.parseInt(v));
          case "learntrace.outbox.overflow" -> setOverflowPolicy(OverflowPolicy.valueOf(constant(v)));
          case "learntrace.outbox.block-timeout" -> setBlockTimeout(Duration.parse(v));
          case "learntrace.outbox.fsync" -> setFsyncMode(FsyncMode.valueOf(constant(v)));
          case "learntrace.outbox.fsync-interval" -> setFsyncInterval(Duration.parse(v));
          case "learntrace.pseudonym.key" -> masterKey = Base64.getDecoder().decode(v);
          case "learntrace.pseudonym.key-id" -> keyId = v;
          case "learntrace.policy.dir" -> setPolicyDirectory(Path.of(v));
          case "learntrace.policy.poll-interval" -> setPolicyPollInterval(Duration.parse(v));
          case "learntrace.shutdown.timeout" -> setShutdownTimeout(Duration.parse(v));
          case "learntrace.seed" -> setSeed(Long.parseLong(v));
          default -> {
            if (k.startsWith("learntrace.sink.ndjson.")) {
              addSink(new NdjsonFileSink(k.substring("learntrace.sink.ndjson.".length()), Path.of(v)));
            }
          }
        }
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException("setting " + k + "=" + v + " is invalid: " + ex.getMessage(), ex);
      }
    }
    return this;
  }

  /** Turns {@code LEARNTRACE_OUTBOX_MAX_BYTES} style variables into {@code learntrace.*} keys. */
  static Map<String, String> fromEnvironment(Map<String, String> env) {
    List<String> keys = List.of("learntrace.outbox.dir", "learntrace.outbox.max-bytes", "learntrace.outbox.segment-bytes",
        "learntrace.outbox.overflow", "learntrace.outbox.block-timeout", "learntrace.outbox.fsync",
        "learntrace.outbox.fsync-interval", "learntrace.pseudonym.key", "learntrace.pseudonym.key-id",
        "learntrace.policy.dir", "learntrace.policy.poll-interval", "learntrace.shutdown.timeout", "learntrace.seed");
    Map<String, String> out = new HashMap<>();
    for (String k : keys) {
      String v = env.get(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
      if (v != null) {
        out.put(k, v);
      }
    }
    env.forEach((k, v) -> {
      if (k.startsWith("LEARNTRACE_SINK_NDJSON_")) {
        out.put("learntrace.sink.ndjson." + k.substring("LEARNTRACE_SINK_NDJSON_".length()).toLowerCase(Locale.ROOT), v);
      }
    });
    return out;
  }

  /** Opens the outbox (recovering it), starts the writer and one dispatcher per sink. */
  public LearnTrace build() {
    if (outboxDir == null) {
      throw new IllegalStateException("outbox directory is required: setOutboxDirectory or learntrace.outbox.dir");
    }
    if (masterKey == null || masterKey.length < 16 || keyId == null) {
      throw new IllegalStateException("a pseudonym key of at least 16 bytes and its id are required");
    }
    if (sinks.isEmpty()) {
      throw new IllegalStateException("at least one sink is required");
    }
    if (outboxMaxBytes < 2L * segmentBytes) {
      throw new IllegalStateException("outbox max bytes (" + outboxMaxBytes + ") must be at least two segments (" + 2L * segmentBytes + ")");
    }
    Outbox.Config oc = new Outbox.Config(outboxDir, outboxMaxBytes, segmentBytes, overflow, blockTimeout, fsync,
        fsyncInterval, queueCapacity);
    Engine.Settings s = new Engine.Settings(oc, sinks, destinationKeys, masterKey, keyId, policyDir, basePolicy,
        policyPollInterval, maxBatchSize, maxBatchBytes, maxBatchDelay, initialBackoff, maxBackoff, breakerThreshold,
        breakerOpen, deadLetterMaxBytes, metricsLogInterval, clock, seed);
    try {
      return new LearnTrace(new Engine(s), shutdownTimeout, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the outbox in " + outboxDir, e);
    }
  }

  private static String constant(String v) {
    return v.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static long positive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
    return v;
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  private static Duration nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return d;
  }
}
