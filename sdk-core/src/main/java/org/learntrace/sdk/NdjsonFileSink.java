package org.learntrace.sdk;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * A sink that appends one JSON line per event to a file:
 * {@code {"id":…,"destination":…,"receivedAt":…,"pseudonymKeyId":…,"event":{…}}}. Each batch is one
 * {@code write()}; with {@code fsync} each batch is also forced to the device before it is
 * acknowledged. A line torn by a crash is cut off when the sink opens, and the outbox then delivers
 * its event again (with the same id), so readers should keep the last line per id.
 */
public final class NdjsonFileSink implements Sink {
  private final String name;
  private final Path file;
  private final boolean fsync;
  private FileChannel channel;

  /** An NDJSON sink without fsync. */
  public NdjsonFileSink(String name, Path file) {
    this(name, file, false);
  }

  /**
   * An NDJSON sink.
   *
   * @param name the destination name
   * @param file the file to append to (created if absent)
   * @param fsync whether to force each batch to the device
   */
  public NdjsonFileSink(String name, Path file, boolean fsync) {
    this.name = Objects.requireNonNull(name, "name");
    this.file = Objects.requireNonNull(file, "file");
    this.fsync = fsync;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized DeliveryResult deliver(List<TrackedEvent> batch) throws IOException {
    if (channel == null) {
      channel = open();
    }
    StringBuilder sb = new StringBuilder(batch.size() * 512);
    JsonStringEncoder enc = JsonStringEncoder.getInstance();
    for (TrackedEvent e : batch) {
      sb.append("{\"id\":\"").append(e.id()).append("\",\"destination\":\"");
      enc.quoteAsString(e.destination(), sb);
      sb.append("\",\"receivedAt\":\"").append(e.receivedAt()).append("\",\"pseudonymKeyId\":\"");
      enc.quoteAsString(e.pseudonymKeyId() == null ? "" : e.pseudonymKeyId(), sb);
      sb.append("\",\"event\":").append(e.eventJson()).append("}\n");
    }
    ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    if (fsync) {
      channel.force(false);
    }
    return DeliveryResult.accepted();
  }

  /** Opens for append, cutting off a torn last line. */
  private FileChannel open() throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long size = ch.size();
    long keep = size;
    ByteBuffer one = ByteBuffer.allocate(1);
    while (keep > 0) {
      one.clear();
      ch.read(one, keep - 1);
      if (one.get(0) == '\n') {
        break;
      }
      keep--;
    }
    if (keep < size) {
      ch.truncate(keep);
    }
    ch.position(keep);
    return ch;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
