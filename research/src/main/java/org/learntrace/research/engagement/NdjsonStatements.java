package org.learntrace.research.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
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

  /** Bytes per chunk handed to a worker in {@link #engagement} (whole lines; a longer line grows it). */
  static final int CHUNK = 4 << 20;

  /**
   * The engagement measures of every teacher statement in the file, parsing on {@code threads}
   * workers (each with its own {@link EngagementMeasures}, merged at the end).
   *
   * <p>The fast path: the file is read in chunks of whole lines as bytes, and each line goes
   * through {@link EngagementProjection} (Jackson's streaming parser, no tree, no model). A line
   * the projection cannot decide — invalid, or an unusual but valid statement — is read with the
   * model reader exactly as {@link #read} does, so the events, counts and {@link LineError}s are
   * those of the model path. As with a {@link BufferedReader}, lines end at {@code \n}, {@code \r}
   * or {@code \r\n}, and input that is not UTF-8 fails with a {@link CharacterCodingException}.
   * Memory is bounded by a few chunks in flight.
   *
   * @param idSpace the teachers' account homePage
   * @param progress told the number of lines read so far, every chunk
   */
  public static EngagementPass engagement(Path file, String idSpace, java.time.ZoneId zone, int threads,
      LongConsumer progress) throws IOException {
    return engagement(file, idSpace, zone, threads, progress, CHUNK);
  }

  /** {@link #engagement(Path, String, java.time.ZoneId, int, LongConsumer)} with chunks of {@code chunkBytes}. */
  static EngagementPass engagement(Path file, String idSpace, java.time.ZoneId zone, int threads,
      LongConsumer progress, int chunkBytes) throws IOException {
    int workers = Math.max(1, threads);
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "engagement-parser");
      t.setDaemon(true);
      return t;
    });
    List<Worker> parts = new ArrayList<>();
    ThreadLocal<Worker> local = ThreadLocal.withInitial(() -> {
      Worker w = new Worker(new EngagementMeasures(zone), new EngagementProjection(idSpace));
      synchronized (parts) {
        parts.add(w);
      }
      return w;
    });
    java.util.ArrayDeque<Future<Chunk>> inFlight = new java.util.ArrayDeque<>();
    // Chunk buffers are reused: a fresh multi-megabyte array per chunk is a humongous allocation
    // for G1 in a small heap, and each one used to start a GC cycle.
    java.util.ArrayDeque<byte[]> free = new java.util.ArrayDeque<>();
    List<Chunk> done = new ArrayList<>();
    long[] linesDone = {0};
    try (InputStream in = Files.newInputStream(file)) {
      byte[] carry = new byte[0];
      int carryLen = 0;
      boolean eof = false;
      while (!eof) {
        byte[] buf = carryLen * 2 <= chunkBytes && !free.isEmpty() ? free.pop()
            : new byte[Math.max(chunkBytes, carryLen * 2)];
        System.arraycopy(carry, 0, buf, 0, carryLen);
        int len = carryLen;
        while (len < buf.length) {
          int n = in.read(buf, len, buf.length - len);
          if (n < 0) {
            eof = true;
            break;
          }
          len += n;
        }
        int cut = eof ? len : lastLineEnd(buf, len);
        if (cut <= 0 && !eof) {
          carry = buf; // one line longer than the buffer: grow it
          carryLen = len;
          continue;
        }
        carryLen = len - cut;
        carry = new byte[Math.max(carryLen, 1)];
        System.arraycopy(buf, cut, carry, 0, carryLen);
        if (cut == 0) {
          break;
        }
        Chunk chunk = new Chunk(buf, cut);
        inFlight.add(pool.submit(() -> {
          chunk.run(local.get());
          return chunk;
        }));
        while (inFlight.size() > workers * 2) {
          finish(join(inFlight.poll()), done, linesDone, progress, free, chunkBytes);
        }
      }
      while (!inFlight.isEmpty()) {
        finish(join(inFlight.poll()), done, linesDone, progress, free, chunkBytes);
      }
    } finally {
      pool.shutdown();
    }
    // number the errors: chunks know their line numbers only relative to their own start
    List<LineError> errors = new ArrayList<>();
    long first = 1;
    long others = 0;
    for (Chunk c : done) {
      for (int i = 0; i < c.errorCount && errors.size() < 1000; i++) {
        errors.add(new LineError(first + c.errorLines[i], c.errorDetails[i]));
      }
      first += c.lines;
      others += c.others;
    }
    // merge into the biggest part: copying it would need its memory twice
    EngagementMeasures all = new EngagementMeasures(zone);
    for (Worker w : parts) {
      if (w.measures.events() > all.events()) {
        all = w.measures;
      }
    }
    for (Worker w : parts) {
      if (w.measures != all) {
        all.merge(w.measures);
      }
    }
    return new EngagementPass(all, linesDone[0], others, List.copyOf(errors));
  }

  private static void finish(Chunk c, List<Chunk> done, long[] linesDone, LongConsumer progress,
      java.util.ArrayDeque<byte[]> free, int chunkBytes) {
    if (c.buf.length == chunkBytes) {
      free.push(c.buf);
    }
    c.buf = null;
    done.add(c);
    linesDone[0] += c.lines;
    progress.accept(linesDone[0]);
  }

  /** One past the last {@code \n}, or {@code \r} not at the end (it may be the first of a pair), or 0. */
  static int lastLineEnd(byte[] b, int len) {
    for (int i = len - 1; i >= 0; i--) {
      if (b[i] == '\n' || (b[i] == '\r' && i < len - 1)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** A worker thread's measures and projection. */
  private record Worker(EngagementMeasures measures, EngagementProjection projection) {}

  /** Whole lines of the file; {@link #run} parses them and remembers counts and errors. */
  private static final class Chunk {
    byte[] buf;
    final int len;
    long lines;
    long others;
    int errorCount;
    long[] errorLines = new long[0];
    String[] errorDetails = new String[0];

    Chunk(byte[] buf, int len) {
      this.buf = buf;
      this.len = len;
    }

    void run(Worker w) {
      try {
        lines(w);
      } finally {
        w.projection().endBuffer(); // the buffer goes back to the pool and gets new lines
      }
    }

    private void lines(Worker w) {
      byte[] b = buf;
      int start = 0;
      boolean ascii = true;
      for (int i = 0; i < len; i++) {
        // eight bytes at a time while none is a line end or non-ASCII
        while (i + 8 <= len && plainAscii((long) LONGS.get(b, i))) {
          i += 8;
        }
        if (i >= len) {
          break;
        }
        byte c = b[i];
        if (c == '\n' || c == '\r') {
          line(w, b, start, i - start, ascii);
          if (c == '\r' && i + 1 < len && b[i + 1] == '\n') {
            i++;
          }
          start = i + 1;
          ascii = true;
        } else if (c < 0) {
          ascii = false;
        }
      }
      if (start < len) {
        line(w, b, start, len - start, ascii);
      }
    }

    private void line(Worker w, byte[] b, int off, int n, boolean ascii) {
      long at = lines++;
      if (!ascii && !Utf8.isWellFormed(b, off, n)) {
        throw new UncheckedIOException(new MalformedInputException(1));
      }
      if (isBlank(b, off, n)) {
        return;
      }
      EngagementProjection p = w.projection();
      int r = p.lineIn(b, len, off, n);
      if (r == EngagementProjection.EVENT) {
        w.measures().add(p.event());
        return;
      }
      if (r == EngagementProjection.OTHER) {
        others++;
        return;
      }
      // the model path, exactly as before
      String text = new String(b, off, n, StandardCharsets.UTF_8);
      Statement s = parse(XapiJson.mapper(), text, at, e -> error(at, e.detail()));
      if (s == null) {
        return;
      }
      EngagementEvent e = EngagementEvent.of(s, w.projection().idSpace());
      if (e == null) {
        others++;
      } else {
        w.measures().add(e);
      }
    }

    private void error(long relativeLine, String detail) {
      if (errorCount == errorLines.length) {
        int size = Math.min(1000, Math.max(4, errorCount * 2));
        if (size == errorCount) {
          return; // the pass keeps the first 1000
        }
        errorLines = java.util.Arrays.copyOf(errorLines, size);
        errorDetails = java.util.Arrays.copyOf(errorDetails, size);
      }
      errorLines[errorCount] = relativeLine;
      errorDetails[errorCount] = detail;
      errorCount++;
    }
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Whether none of the eight bytes is {@code \n}, {@code \r} or non-ASCII. */
  static boolean plainAscii(long w) {
    long lf = w ^ (ONES * '\n');
    long cr = w ^ (ONES * '\r');
    long zeroLf = (lf - ONES) & ~lf;
    long zeroCr = (cr - ONES) & ~cr;
    return ((w | zeroLf | zeroCr) & HIGHS) == 0;
  }

  /** As {@link String#isBlank} of the decoded line. */
  private static boolean isBlank(byte[] b, int off, int n) {
    for (int i = off; i < off + n; i++) {
      byte c = b[i];
      if (c < 0) {
        return new String(b, off, n, StandardCharsets.UTF_8).isBlank();
      }
      if (!(c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31))) {
        return false;
      }
    }
    return true;
  }

  private static <T> T join(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading statements", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
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
