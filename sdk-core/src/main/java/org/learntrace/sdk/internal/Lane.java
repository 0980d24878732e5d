package org.learntrace.sdk.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** One destination's view of the outbox: its cursor, its pseudonymizer, what it still owes. */
final class Lane {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  final String name;
  final byte[] nameBytes;
  final Pseudonymizer pseudonymizer;
  /** The pseudonymizer's key id in UTF-8, as records name it. */
  final byte[] keyIdBytes;
  final Cursor cursor;
  /** Records for this destination in the outbox and not yet resolved. */
  final AtomicLong pending = new AtomicLong();
  /** Everything before this is resolved (mirrors the cursor for other threads). */
  volatile long resolved;
  /** Records before this were evicted; the dispatcher skips to it. */
  volatile long floor;
  /**
   * Records before this are in the dispatcher's hands (in the batch being filled or in flight) and
   * will be resolved from memory: evicting their segment does not lose them.
   */
  volatile long read;
  /** The dispatcher thread, woken when records arrive. */
  volatile Thread dispatcher;

  Lane(String name, Pseudonymizer pseudonymizer, Cursor cursor) {
    this.name = name;
    this.nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    this.pseudonymizer = pseudonymizer;
    this.keyIdBytes = pseudonymizer.keyId().getBytes(StandardCharsets.UTF_8);
    this.cursor = cursor;
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("destination name must be 1-64 characters of [A-Za-z0-9._-], was " + name);
    }
    return name;
  }

  void wake() {
    Thread t = dispatcher;
    if (t != null) {
      java.util.concurrent.locks.LockSupport.unpark(t);
    }
  }
}
