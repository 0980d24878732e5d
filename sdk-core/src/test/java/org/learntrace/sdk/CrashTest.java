package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a tracking child JVM at random points, restarts it on the same outbox, and proves that
 * every acknowledged event reaches the sink and that every redelivery carries the same id and
 * content. Two independent chains run side by side to use both cores.
 */
class CrashTest {
  private static final int KILLS_PER_CHAIN = 55;
  private static final long SEED = 20260314L;

  @TempDir Path tmp;

  @Test
  void everyAcknowledgedEventSurvivesSigkillAndRedeliveryKeepsItsId() throws Exception {
    List<Chain> chains = List.of(new Chain(tmp.resolve("a"), SEED), new Chain(tmp.resolve("b"), SEED + 1));
    List<Thread> threads = new ArrayList<>();
    for (Chain c : chains) {
      Thread t = new Thread(c::runQuietly, "crash-chain");
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    int kills = 0;
    for (Chain c : chains) {
      if (c.failure != null) {
        throw new AssertionError("chain " + c.dir + " failed", c.failure);
      }
      kills += c.kills;
      c.verify();
    }
    assertThat(kills).as("SIGKILLs").isGreaterThanOrEqualTo(100);
  }

  private static final class Chain {
    final Path dir;
    final Path outbox;
    final Path ndjson;
    final SplittableRandom random;
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    int kills;
    Throwable failure;

    Chain(Path dir, long seed) {
      this.dir = dir;
      this.outbox = dir.resolve("outbox");
      this.ndjson = dir.resolve("sink.ndjson");
      this.random = new SplittableRandom(seed);
    }

    void runQuietly() {
      try {
        run();
      } catch (Throwable t) {
        failure = t;
      }
    }

    void run() throws Exception {
      Files.createDirectories(dir);
      for (int i = 0; i < KILLS_PER_CHAIN; i++) {
        Process p = start("track", String.valueOf(random.nextLong(1L << 40)));
        AckReader reader = new AckReader(new java.io.BufferedInputStream(p.getInputStream()), acked);
        reader.start();
        int mode = random.nextInt(3);
        if (mode == 0) {
          // A random instant from birth: startup, recovery, first writes.
          p.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS);
        } else {
          // After a random number of acknowledgements: steady tracking and delivery.
          int target = random.nextInt(mode == 1 ? 200 : 5000);
          reader.awaitAcks(target, 20_000);
        }
        p.destroyForcibly();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        reader.join(5000);
        kills++;
      }
      Process drain = start("drain", "0");
      String out = new String(drain.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(drain.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(drain.exitValue()).as("drain output: %s", out).isZero();
    }

    Process start(String mode, String seed) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx256m",
          "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
          mode, outbox.toString(), ndjson.toString(), seed)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    }

    void verify() throws IOException {
      ObjectMapper m = new ObjectMapper();
      Map<String, Set<String>> contents = new HashMap<>();
      int lines = 0;
      for (String line : Files.readAllLines(ndjson, StandardCharsets.UTF_8)) {
        JsonNode n = m.readTree(line);
        contents.computeIfAbsent(n.get("id").asText(), k -> new HashSet<>()).add(n.get("event").toString());
        lines++;
      }
      Set<String> missing = new HashSet<>(acked);
      missing.removeAll(contents.keySet());
      assertThat(acked).as("acknowledged events in %s", dir).isNotEmpty();
      assertThat(missing).as("acknowledged but never delivered (of %d acked)", acked.size()).isEmpty();
      contents.forEach((id, versions) -> assertThat(versions).as("redeliveries of %s", id).hasSize(1));
      System.out.printf("crash chain %s: %d kills, %d acked, %d delivered ids, %d lines (%d redeliveries)%n",
          dir.getFileName(), kills, acked.size(), contents.size(), lines, lines - contents.size());
    }
  }

  /** Reads {@code ACK <id>} lines; a line cut by the kill (no newline) is ignored. */
  private static final class AckReader extends Thread {
    private final InputStream in;
    private final Set<String> acked;
    private int count;

    AckReader(InputStream in, Set<String> acked) {
      this.in = in;
      this.acked = acked;
      setDaemon(true);
    }

    @Override
    public void run() {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try {
        int b;
        while ((b = in.read()) >= 0) {
          if (b != '\n') {
            line.write(b);
            continue;
          }
          String s = line.toString(StandardCharsets.UTF_8);
          line.reset();
          if (s.startsWith("ACK ")) {
            acked.add(s.substring(4));
            synchronized (this) {
              count++;
              notifyAll();
            }
          }
        }
      } catch (IOException e) {
        // The child was killed: its pipe closes.
      }
    }

    synchronized void awaitAcks(int target, long timeoutMillis) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMillis;
      while (count < target && isAlive()) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        wait(Math.min(left, 50));
      }
    }
  }
}
