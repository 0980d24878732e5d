package org.learntrace.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Recovery of the outbox log after a crash that tore its tail at an arbitrary byte. */
class SegmentLogRecoveryPropertyTest {

  private static ByteBuffer frame(int i) {
    byte[] json = ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 37) + "\"}").getBytes(StandardCharsets.UTF_8);
    return RecordBody.frame(null, new UUID(0, i), 1000L + i, "d".getBytes(StandardCharsets.US_ASCII), new byte[0], json);
  }

  private static List<String> recover(Path dir, int segmentBytes) throws IOException {
    List<String> seen = new ArrayList<>();
    try (SegmentLog log = SegmentLog.open(dir, segmentBytes, (pos, next, body) -> seen.add(
        RecordBody.decode(body, new EventCodec()).eventJson()))) {
      return seen;
    }
  }

  @Property(tries = 200)
  void aTornTailIsTruncatedAndEverythingBeforeItIsRecovered(
      @ForAll @IntRange(min = 1, max = 120) int records,
      @ForAll @IntRange(min = 0, max = 100_000) int cutPermille,
      @ForAll boolean garbageInsteadOfCut) throws IOException {
    Path dir = Files.createTempDirectory("segment-log");
    try {
      int segmentBytes = 2048;
      List<String> written = new ArrayList<>();
      try (SegmentLog log = SegmentLog.open(dir, segmentBytes, (p, n, b) -> {})) {
        for (int i = 0; i < records; i++) {
          ByteBuffer f = frame(i);
          written.add(RecordBody.decode(f.duplicate().position(Frames.HEADER).slice(), new EventCodec()).eventJson());
          log.stage(f, false);
          if (i % 7 == 6) {
            log.commit(false);
          }
        }
        log.commit(false);
      }
      Path last = lastSegment(dir);
      long size = Files.size(last);
      long cut = size * (cutPermille % 1001) / 1000;
      try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
        if (garbageInsteadOfCut) {
          ch.write(ByteBuffer.wrap(new byte[] {0x13, 0x37, 0x00, 0x7f}), cut);
        } else {
          ch.truncate(cut);
        }
      }
      List<String> recovered = recover(dir, segmentBytes);
      assertThat(recovered.size()).isLessThanOrEqualTo(written.size());
      assertThat(recovered).as("a prefix of what was written").isEqualTo(written.subList(0, recovered.size()));
      // Only the last segment was damaged, so every earlier segment's records survive.
      assertThat(recovered.size()).isGreaterThanOrEqualTo(records - recordsIn(dir, last, written.size()));
      // After recovery the log is consistent: reopening changes nothing, and appends are readable.
      assertThat(recover(dir, segmentBytes)).isEqualTo(recovered);
      try (SegmentLog log = SegmentLog.open(dir, segmentBytes, (p, n, b) -> {})) {
        log.stage(frame(9999), false);
        log.commit(false);
        LogReader r = new LogReader(log, log.start());
        int n = 0;
        while (r.next() != null) {
          n++;
        }
        assertThat(n).isEqualTo(recovered.size() + 1);
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Path lastSegment(Path dir) throws IOException {
    List<Path> segs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
      ds.forEach(segs::add);
    }
    segs.sort(null);
    return segs.get(segs.size() - 1);
  }

  /** An upper bound of the records the last segment held: all written minus the earlier segments' share. */
  private static int recordsIn(Path dir, Path last, int total) throws IOException {
    long before = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
      for (Path p : ds) {
        if (!p.equals(last)) {
          before += Files.size(p);
        }
      }
    }
    int n = 0;
    long acc = 0;
    for (int i = 0; i < total; i++) {
      acc += frame(i).remaining();
      if (acc > before) {
        n++;
      }
    }
    return n;
  }
}
