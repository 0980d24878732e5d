package org.learntrace.research.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiValidationException;

/**
 * Streams statements from an NDJSON file (one JSON statement a line; blank lines skipped). Lines
 * that are not a structurally readable statement are reported with their line number and not
 * passed on. Memory is bounded by one batch of lines.
 */
public final class NdjsonStatements {
  private NdjsonStatements() {}

  /** Lines per batch handed to a worker in {@link #engagement}. */
  static final int BATCH = 4096;

  /** A line that could not be read as a statement. */
  public record LineError(long line, String detail) {}

  /**
   * Reads every statement in order on the calling thread.
   *
   * @return the number of statements passed on
   */
  public static long read(Path file, Consumer<Statement> statements, Consumer<LineError> errors) throws IOException {
    ObjectMapper mapper = XapiJson.mapper();
    long ok = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        Statement s = parse(mapper, line, n, errors);
        if (s != null) {
          statements.accept(s);
          ok++;
        }
      }
    }
    return ok;
  }

  static Statement parse(ObjectMapper mapper, String line, long n, Consumer<LineError> errors) {
    try {
      JsonNode node = mapper.readTree(line);
      return XapiJson.readStatement(node);
    } catch (XapiValidationException e) {
      errors.accept(new LineError(n, e.getMessage()));
    } catch (IOException | RuntimeException e) {
      errors.accept(new LineError(n, "not JSON: " + e.getMessage()));
    }
    return null;
  }

  /**
   * The engagement measures of every teacher statement in the file, parsing on {@code threads}
   * workers (each with its own {@link EngagementMeasures}, merged at the end).
   *
   * @param idSpace the teachers' account homePage
   * @param progress told the number of lines read so far, every batch
   */
  public static EngagementPass engagement(Path file, String idSpace, java.time.ZoneId zone, int threads,
      LongConsumer progress) throws IOException {
    int workers = Math.max(1, threads);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "engagement-parser");
      t.setDaemon(true);
      return t;
    });
    List<EngagementMeasures> parts = new ArrayList<>();
    List<LineError> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    long[] others = new long[1];
    ThreadLocal<EngagementMeasures> local = ThreadLocal.withInitial(() -> {
      EngagementMeasures m = new EngagementMeasures(zone);
      synchronized (parts) {
        parts.add(m);
      }
      return m;
    });
    java.util.concurrent.atomic.AtomicLong otherCount = new java.util.concurrent.atomic.AtomicLong();
    java.util.ArrayDeque<Future<?>> inFlight = new java.util.ArrayDeque<>();
    long lines = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      while (true) {
        String[] batch = new String[BATCH];
        int size = 0;
        String line;
        while (size < BATCH && (line = r.readLine()) != null) {
          batch[size++] = line;
        }
        if (size == 0) {
          break;
        }
        final long first = lines + 1;
        final int count = size;
        lines += size;
        inFlight.add(pool.submit(() -> {
          EngagementMeasures m = local.get();
          ObjectMapper mapper = XapiJson.mapper();
          for (int i = 0; i < count; i++) {
            if (batch[i].isBlank()) {
              continue;
            }
            Statement s = parse(mapper, batch[i], first + i, e -> {
              if (errors.size() < 1000) {
                errors.add(e);
              }
            });
            if (s == null) {
              continue;
            }
            EngagementEvent e = EngagementEvent.of(s, idSpace);
            if (e == null) {
              otherCount.incrementAndGet();
            } else {
              m.add(e);
            }
          }
        }));
        while (inFlight.size() > workers * 2) {
          join(inFlight.poll());
        }
        progress.accept(lines);
      }
      while (!inFlight.isEmpty()) {
        join(inFlight.poll());
      }
    } finally {
      pool.shutdown();
    }
    others[0] = otherCount.get();
    EngagementMeasures all = new EngagementMeasures(zone);
    for (EngagementMeasures m : parts) {
      all.merge(m);
    }
    errors.sort(java.util.Comparator.comparingLong(LineError::line));
    return new EngagementPass(all, lines, others[0], List.copyOf(errors));
  }

  private static void join(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading statements", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("reading statements failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * The result of one engagement pass.
   *
   * @param measures the measures
   * @param lines lines read
   * @param otherActors readable statements whose actor is not a teacher of the id space
   * @param errors unreadable lines (the first 1000)
   */
  public record EngagementPass(EngagementMeasures measures, long lines, long otherActors, List<LineError> errors) {}
}
