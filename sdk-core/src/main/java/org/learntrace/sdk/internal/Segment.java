package org.learntrace.sdk.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One file of the outbox log, holding the records from global offset {@code base} on. */
final class Segment {
  final long base;
  final Path path;
  final FileChannel channel;
  /** Bytes in the file that hold complete records; written by the writer, read by readers. */
  volatile long size;
  /** Records in the file, for counting evictions. */
  volatile int records;

  private Segment(long base, Path path, FileChannel channel, long size) {
    this.base = base;
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  static String fileName(long base) {
    return String.format("%020d.seg", base);
  }

  static Segment open(Path dir, long base, boolean create) throws IOException {
    Path path = dir.resolve(fileName(base));
    FileChannel ch =
        create
            ? FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)
            : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new Segment(base, path, ch, create ? 0 : ch.size());
  }

  long end() {
    return base + size;
  }
}
