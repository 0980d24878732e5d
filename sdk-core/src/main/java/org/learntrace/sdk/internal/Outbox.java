package org.learntrace.sdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.learntrace.sdk.DropReason;
import org.learntrace.sdk.FsyncMode;
import org.learntrace.sdk.OverflowPolicy;
import org.learntrace.sdk.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: a bounded in-memory queue in front of one writer thread that group-commits
 * records to a {@link SegmentLog}, one record per event and destination, each destination
 * ({@link Lane}) reading it from its own cursor. See {@code docs/outbox.md} for the guarantee.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int MAX_GROUP = 4096;
  private static final byte[] NO_KEY = new byte[0];

  /** The outbox's settings; validated by the builder. */
  public record Config(
      Path dir,
      long maxBytes,
      int segmentBytes,
      OverflowPolicy overflow,
      Duration blockTimeout,
      FsyncMode fsync,
      Duration fsyncInterval,
      int queueCapacity) {}

  /** Callers waiting in {@link #awaitResolved}. */
  private final AtomicInteger flushing = new AtomicInteger();
  private final Config config;
  private final SegmentLog log;
  private final Map<String, Lane> lanes;
  private final EventCodec codec;
  private final EventIds ids;
  private final SelfMetrics metrics;
  private final ArrayBlockingQueue<PendingEvent> queue;
  private final AckSignal acks = new AckSignal();
  private final AckSignal progress = new AckSignal();
  private final Object space = new Object();
  private final AtomicLong enqueued = new AtomicLong();
  private volatile long processed;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Thread writer;
  private final EventCodec.Scope scope = new EventCodec.Scope();
  private final com.fasterxml.jackson.databind.ObjectWriter scopedWriter;
  private final List<PendingEvent> staged = new ArrayList<>();
  private final List<UUID> stagedIds = new ArrayList<>();
  private volatile boolean closing;
  private long lastForce = System.nanoTime();
  private boolean dirty;

  private Outbox(Config config, SegmentLog log, Map<String, Lane> lanes, EventCodec codec, EventIds ids,
      SelfMetrics metrics, FileChannel lockChannel, FileLock lock) {
    this.config = config;
    this.log = log;
    this.lanes = lanes;
    this.codec = codec;
    this.ids = ids;
    this.metrics = metrics;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.scope.counter = metrics;
    this.scopedWriter = codec.writer(scope);
    metrics.outboxBytes(log::totalBytes);
    this.writer = new Thread(this::runWriter, "learntrace-outbox-writer");
    writer.setDaemon(true);
  }

  /**
   * Opens (and recovers) the outbox: truncates a torn tail, aligns each destination's cursor to a
   * record boundary, counts what each destination still owes, and starts the writer.
   */
  public static Outbox open(Config config, Map<String, Pseudonymizer> destinations, Pseudonymizer idKey,
      EventCodec codec, SelfMetrics metrics) throws IOException {
    Files.createDirectories(config.dir());
    FileChannel lockChannel = FileChannel.open(config.dir().resolve("outbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = lockChannel.tryLock();
    if (lock == null) {
      lockChannel.close();
      throw new IllegalStateException("outbox " + config.dir() + " is in use by another process");
    }
    OutboxRecovery.Recovered r;
    try {
      r = OutboxRecovery.recover(config, destinations, metrics);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
    SegmentLog log = r.log();
    Map<String, Lane> lanes = r.lanes();
    Outbox o = new Outbox(config, log, lanes, codec, new EventIds(idKey, codec), metrics, lockChannel, lock);
    o.releaseResolved();
    o.writer.start();
    return o;
  }

  /** The signal receipts wait on. */
  AckSignal acks() {
    return acks;
  }

  Lane lane(String name) {
    return lanes.get(name);
  }


  SegmentLog log() {
    return log;
  }

  EventCodec codec() {
    return codec;
  }

  /** Hands an accepted event to the writer, applying the overflow policy when the queue is full. */
  Receipt enqueue(PendingEvent p) {
    if (queue.offer(p)) {
      return accepted(p);
    }
    switch (config.overflow()) {
      case DROP_OLDEST:
        PendingEvent old = queue.poll();
        if (old != null) {
          old.markDropped(DropReason.QUEUE_FULL, metrics);
          processed(1);
        }
        if (queue.offer(p)) {
          return accepted(p);
        }
        break;
      case BLOCK:
        try {
          if (queue.offer(p, config.blockTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            return accepted(p);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        break;
      default:
        break;
    }
    metrics.dropped(DropReason.QUEUE_FULL, 1);
    return Receipt.dropped(DropReason.QUEUE_FULL);
  }

  private Receipt accepted(PendingEvent p) {
    enqueued.incrementAndGet();
    metrics.accepted.increment();
    return p;
  }

  private synchronized void processed(int n) {
    processed += n;
  }

  /** Waits until every event enqueued before the call is stored or dropped. */
  boolean awaitWritten(Duration timeout) throws InterruptedException {
    long target = enqueued.get();
    return acks.await(() -> processed >= target, timeout.toNanos());
  }

  private void runWriter() {
    List<PendingEvent> group = new ArrayList<>(MAX_GROUP);
    long poll = Math.min(config.fsyncInterval().toNanos(), TimeUnit.MILLISECONDS.toNanos(100));
    while (true) {
      PendingEvent first;
      try {
        first = queue.poll(poll, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        maybeForce();
        if (closing && queue.isEmpty()) {
          break;
        }
        continue;
      }
      group.add(first);
      queue.drainTo(group, MAX_GROUP - 1);
      for (PendingEvent p : group) {
        write(p);
      }
      commitGroup();
      processed(group.size());
      acks.signalAll();
      group.clear();
      maybeForce();
    }
    try {
      if (config.fsync() != FsyncMode.NONE || dirty) {
        log.force();
      }
    } catch (IOException e) {
      LOG.error("outbox: final fsync failed", e);
    }
  }

  private void write(PendingEvent p) {
    UUID id;
    List<ByteBuffer> frames = new ArrayList<>(p.destinations.length);
    int total = 0;
    try {
      id = ids.idOf(p.event);
      scope.childSubject = Privacy.hasChildSubject(p.event);
      for (String d : p.destinations) {
        Lane lane = lanes.get(d);
        scope.pseudonymizer = lane.pseudonymizer;
        scope.level = p.level;
        scope.keyUsed = false;
        byte[] json = scopedWriter.writeValueAsBytes(p.event);
        // The key id only when this record's pseudonyms were made with it: people who arrive
        // pseudonymous (an LTI launch's actor) were pseudonymised with another key.
        ByteBuffer f = RecordBody.frame(null, id, p.receivedAtMillis, lane.nameBytes,
            scope.keyUsed ? lane.keyIdBytes : NO_KEY, json);
        if (f.remaining() > config.segmentBytes()) {
          throw new IllegalArgumentException("record of " + f.remaining() + " bytes exceeds the segment size");
        }
        total += f.remaining();
        frames.add(f);
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("outbox: cannot encode {}: {}", p.event.getClass().getSimpleName(), e.toString());
      p.markDropped(DropReason.UNENCODABLE, metrics);
      return;
    }
    DropReason refused = makeRoom(total);
    if (refused != null) {
      p.markDropped(refused, metrics);
      return;
    }
    try {
      for (ByteBuffer f : frames) {
        log.stage(f, config.fsync() == FsyncMode.EVERY_COMMIT);
      }
      staged.add(p);
      stagedIds.add(id);
    } catch (IOException e) {
      failStaged(e);
      p.markDropped(DropReason.STORAGE_FAILED, metrics);
    }
  }

  /** Null if there is room for {@code bytes} more, else why the event must be refused. */
  private DropReason makeRoom(int bytes) {
    long deadline = System.nanoTime() + config.blockTimeout().toNanos();
    while (log.totalBytes() + bytes > config.maxBytes()) {
      switch (config.overflow()) {
        case DROP_OLDEST:
          commitGroup();
          if (!evictOldest()) {
            return DropReason.OUTBOX_FULL;
          }
          break;
        case BLOCK:
          commitGroup();
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return DropReason.OUTBOX_FULL;
          }
          synchronized (space) {
            if (log.totalBytes() + bytes > config.maxBytes()) {
              try {
                space.wait(Math.max(1, left / 1_000_000));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DropReason.OUTBOX_FULL;
              }
            }
          }
          break;
        default:
          return DropReason.OUTBOX_FULL;
      }
    }
    return null;
  }

  private boolean evictOldest() {
    try {
      long[] lost = {0};
      long end = log.evictOldest((pos, next, body) -> {
        for (Lane l : lanes.values()) {
          // Records the dispatcher has already read are delivered or dead-lettered from memory.
          if (pos >= Math.max(Math.max(l.resolved, l.floor), l.read) && RecordBody.isFor(body, l.nameBytes)) {
            lost[0]++;
            l.pending.decrementAndGet();
            metrics.queued.decrementAndGet();
          }
        }
      });
      if (end < 0) {
        return false;
      }
      for (Lane l : lanes.values()) {
        if (l.floor < end) {
          l.floor = end;
        }
      }
      metrics.dropped(DropReason.OLDEST_EVICTED, lost[0]);
      LOG.warn("outbox full: evicted the oldest segment, {} undelivered records lost", lost[0]);
      return true;
    } catch (IOException e) {
      LOG.error("outbox: eviction failed", e);
      return false;
    }
  }

  private void commitGroup() {
    if (staged.isEmpty()) {
      return;
    }
    try {
      log.commit(config.fsync() == FsyncMode.EVERY_COMMIT);
    } catch (IOException e) {
      failStaged(e);
      return;
    }
    dirty = true;
    for (int i = 0; i < staged.size(); i++) {
      PendingEvent p = staged.get(i);
      // Counters first, then the receipt: whoever sees it STORED also sees it counted.
      for (String d : p.destinations) {
        lanes.get(d).pending.incrementAndGet();
      }
      metrics.stored.add(p.destinations.length);
      metrics.queued.addAndGet(p.destinations.length);
      p.markStored(stagedIds.get(i));
    }
    staged.clear();
    stagedIds.clear();
    acks.signalAll();
    for (Lane l : lanes.values()) {
      l.wake();
    }
  }

  private void failStaged(IOException e) {
    LOG.error("outbox: write failed, {} events lost", staged.size(), e);
    log.discardStaged();
    for (PendingEvent p : staged) {
      p.markDropped(DropReason.STORAGE_FAILED, metrics);
    }
    staged.clear();
    stagedIds.clear();
  }

  private void maybeForce() {
    if (config.fsync() == FsyncMode.INTERVAL && dirty && System.nanoTime() - lastForce >= config.fsyncInterval().toNanos()) {
      try {
        log.force();
        dirty = false;
        lastForce = System.nanoTime();
      } catch (IOException e) {
        LOG.error("outbox: periodic fsync failed", e);
      }
    }
  }

  /** Records that {@code lane} has resolved everything before {@code position}; frees whole segments. */
  void resolved(Lane lane, long position, int records) throws IOException {
    lane.cursor.advance(position);
    lane.resolved = position;
    lane.pending.addAndGet(-records);
    metrics.queued.addAndGet(-records);
    releaseResolved();
    progress.signalAll();
  }

  /**
   * Waits until every destination has resolved everything committed before the call. While a
   * caller waits, dispatchers send partial batches at once instead of waiting for them to fill.
   */
  boolean awaitResolved(Duration timeout) throws InterruptedException {
    long target = log.committedEnd();
    flushing.incrementAndGet();
    try {
      lanes.values().forEach(Lane::wake);
      return progress.await(() -> {
        for (Lane l : lanes.values()) {
          if (Math.max(l.resolved, l.floor) < target) {
            return false;
          }
        }
        return true;
      }, timeout.toNanos());
    } finally {
      flushing.decrementAndGet();
    }
  }

  /** Whether somebody waits in {@link #awaitResolved}: no time to let batches fill. */
  boolean flushing() {
    return flushing.get() > 0;
  }

  private void releaseResolved() {
    long min = Long.MAX_VALUE;
    for (Lane l : lanes.values()) {
      min = Math.min(min, l.resolved);
    }
    if (min == Long.MAX_VALUE) {
      min = log.committedEnd();
    }
    if (log.releaseBefore(min) > 0) {
      synchronized (space) {
        space.notifyAll();
      }
    }
  }

  /** Stops accepting work, writes what is queued and waits for the writer, at most {@code timeout}. */
  void stopWriter(Duration timeout) throws InterruptedException {
    closing = true;
    writer.join(Math.max(1, timeout.toMillis()));
  }

  @Override
  public void close() throws IOException {
    closing = true;
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    IOException first = null;
    for (Lane l : lanes.values()) {
      try {
        l.cursor.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    try {
      log.close();
    } catch (IOException e) {
      first = first == null ? e : first;
    }
    // Always give the directory back, or the next start in this process could never open it.
    try {
      lock.release();
    } catch (IOException e) {
      first = first == null ? e : first;
    }
    lockChannel.close();
    if (first != null) {
      throw first;
    }
  }
}
