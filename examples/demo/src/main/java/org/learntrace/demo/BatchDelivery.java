package org.learntrace.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiValidationException;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.lrs.LrsException;

/**
 * Posts statements to an LRS with {@link LrsClient} in batches, in the order given. A batch the
 * client or the LRS refuses as invalid (client-side validation, 400, 409, 413) is split in halves
 * until each offending statement is isolated and dead-lettered; the rest are delivered. Retryable
 * failures (429, 5xx, timeouts, broken connections) are retried with backoff; a batch that still
 * fails is counted as dropped. Refused credentials (401, 403) end the delivery with the
 * {@link LrsException}.
 *
 * <p>Used only with {@code --direct}: by default the demo delivers through the SDK pipeline
 * ({@link SdkDelivery}: Tracker → policy → pseudonyms → outbox → dispatcher → LRS sink).
 */
final class BatchDelivery {
  static final int BATCH_SIZE = 100;
  static final int ATTEMPTS = 6;
  static final int MAX_REASONS = 20;

  private final LrsClient client;
  private final int batchSize;
  private final Set<UUID> deliveredIds = new HashSet<>();
  private final List<String> reasons = new ArrayList<>();
  private long delivered;
  private long deadLettered;
  private long dropped;
  private long posts;

  BatchDelivery(LrsClient client, int batchSize) {
    this.client = client;
    this.batchSize = batchSize;
  }

  /** Delivers every statement; {@code progress} is told the number handled so far after each batch. */
  void deliver(List<Statement> statements, LongConsumer progress) {
    for (int from = 0; from < statements.size(); from += batchSize) {
      int to = Math.min(statements.size(), from + batchSize);
      send(statements.subList(from, to));
      progress.accept(to);
    }
  }

  private void send(List<Statement> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        posts++;
        List<UUID> ids = client.postStatements(batch);
        deliveredIds.addAll(ids);
        delivered += batch.size();
        return;
      } catch (XapiValidationException e) {
        refuse(batch, "invalid for the client's xAPI version: " + e.getMessage());
        return;
      } catch (LrsException e) {
        LrsException.Kind k = e.kind();
        if (k == LrsException.Kind.UNAUTHORIZED || k == LrsException.Kind.FORBIDDEN) {
          throw e;
        }
        if (k == LrsException.Kind.BAD_REQUEST || k == LrsException.Kind.CONFLICT
            || k == LrsException.Kind.PAYLOAD_TOO_LARGE) {
          refuse(batch, e.status() + " " + abbreviate(e.body().isEmpty() ? e.getMessage() : e.body()));
          return;
        }
        if (!e.isRetryable() || attempt == ATTEMPTS) {
          dropped += batch.size();
          reason("dropped " + batch.size() + " statements after " + attempt + " attempts: " + e.getMessage());
          return;
        }
        sleep(e.retryAfter() != null ? e.retryAfter().toMillis() : 250L << (attempt - 1));
      }
    }
  }

  /** Splits a refused batch until the refused statements are alone, then dead-letters them. */
  private void refuse(List<Statement> batch, String why) {
    if (batch.size() == 1) {
      deadLettered++;
      reason("dead-lettered " + batch.get(0).id() + ": " + why);
      return;
    }
    int half = batch.size() / 2;
    send(batch.subList(0, half));
    send(batch.subList(half, batch.size()));
  }

  private void reason(String r) {
    if (reasons.size() < MAX_REASONS) {
      reasons.add(r);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(Math.min(ms, 10_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while delivering", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  long delivered() {
    return delivered;
  }

  long deadLettered() {
    return deadLettered;
  }

  long dropped() {
    return dropped;
  }

  long posts() {
    return posts;
  }

  Set<UUID> deliveredIds() {
    return deliveredIds;
  }

  List<String> reasons() {
    return List.copyOf(reasons);
  }
}
