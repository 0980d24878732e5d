package org.learntrace.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.learntrace.sdk.DeadLetter;
import org.learntrace.sdk.TrackedEvent;

/**
 * Append-only NDJSON files of dead letters, one per destination, bounded in bytes so that it cannot
 * grow without limit: past the bound a dead letter is dropped and counted instead.
 */
public final class DeadLetterStore {
  private final Path dir;
  private final long maxBytes;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private final AtomicLong bytes = new AtomicLong();

  public DeadLetterStore(Path dir, long maxBytes, Clock clock) throws IOException {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.clock = clock;
    Files.createDirectories(dir);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.ndjson")) {
      for (Path p : ds) {
        bytes.addAndGet(Files.size(p));
      }
    }
  }

  /** Keeps {@code e} with {@code reason}; false if the store is full. */
  synchronized boolean add(TrackedEvent e, String reason) throws IOException {
    ObjectNode n = mapper.createObjectNode();
    n.put("id", e.id().toString());
    n.put("destination", e.destination());
    n.put("reason", reason);
    n.put("deadLetteredAt", clock.instant().toString());
    n.put("receivedAt", e.receivedAt().toString());
    n.set("event", mapper.readTree(e.eventJson()));
    byte[] line = (mapper.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    if (bytes.get() + line.length > maxBytes) {
      return false;
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve(e.destination() + ".ndjson"),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(line);
    }
    bytes.addAndGet(line.length);
    return true;
  }

  /** Every dead letter kept, in the order they were set aside per destination. */
  public synchronized List<DeadLetter> all() throws IOException {
    List<DeadLetter> out = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.ndjson")) {
      ds.forEach(files::add);
    }
    files.sort(null);
    for (Path p : files) {
      try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = mapper.readTree(line);
          out.add(new DeadLetter(
              UUID.fromString(n.get("id").asText()),
              n.get("destination").asText(),
              n.get("reason").asText(),
              Instant.parse(n.get("deadLetteredAt").asText()),
              Instant.parse(n.get("receivedAt").asText()),
              n.get("event").toString()));
        }
      }
    }
    return out;
  }
}
