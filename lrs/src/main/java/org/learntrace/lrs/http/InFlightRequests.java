package org.learntrace.lrs.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Counts requests being handled, so that shutdown can wait for them: once {@link #drain(Duration)}
 * starts, new requests are answered 503 and it returns when the last request in flight has its
 * response (every write is committed before that).
 */
@PreMatching
@Priority(1)
public final class InFlightRequests implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String COUNTED = "org.learntrace.lrs.counted";
  private final Object lock = new Object();
  private int inFlight;
  private boolean draining;

  @Override
  public void filter(ContainerRequestContext request) {
    synchronized (lock) {
      if (draining) {
        throw new LrsException(503, "the LRS is shutting down; retry against another instance or later",
            List.of(), Map.of("Retry-After", "5"));
      }
      inFlight++;
    }
    request.setProperty(COUNTED, Boolean.TRUE);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(COUNTED) != null) {
      request.removeProperty(COUNTED);
      synchronized (lock) {
        inFlight--;
        lock.notifyAll();
      }
    }
  }

  /**
   * Refuses new requests and waits until none is in flight, or {@code grace} has passed.
   *
   * @return whether every request in flight finished
   */
  public boolean drain(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      draining = true;
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }
}
