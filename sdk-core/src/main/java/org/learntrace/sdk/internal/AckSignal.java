package org.learntrace.sdk.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Wakes the threads waiting on receipts. The writer pays for a monitor only when someone waits:
 * a waiter registers before re-checking its condition under the monitor, and the writer reads the
 * waiter count after publishing states, so no wake-up is lost.
 */
final class AckSignal {
  private final Object monitor = new Object();
  private final AtomicInteger waiters = new AtomicInteger();

  void signalAll() {
    if (waiters.get() > 0) {
      synchronized (monitor) {
        monitor.notifyAll();
      }
    }
  }

  /** Waits until {@code done} or {@code nanos} pass; returns {@code done}'s final value. */
  boolean await(BooleanSupplier done, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    waiters.incrementAndGet();
    try {
      synchronized (monitor) {
        while (!done.getAsBoolean()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          monitor.wait(Math.max(1, left / 1_000_000), 0);
        }
        return true;
      }
    } finally {
      waiters.decrementAndGet();
    }
  }
}
