package org.learntrace.lrs.jdbc;

import java.util.List;
import java.util.Map;
import org.learntrace.lrs.spi.AttachmentContent;
import org.learntrace.lrs.spi.NewStatement;

/** A batch waiting for the writer; {@code done} and {@code failure} are guarded by the write lock. */
final class PendingBatch {
  final List<NewStatement> statements;
  final Map<String, AttachmentContent> attachments;
  /** Which statements had no {@code timestamp} when received (the store sets it to {@code stored}). */
  final boolean[] stampTimestamp;
  /** The sequence numbers and packed index entries of the statements written (none if all were stored before). */
  long[] seqs;
  byte[][] entries;
  boolean done;
  RuntimeException failure;

  PendingBatch(List<NewStatement> statements, Map<String, AttachmentContent> attachments) {
    this.statements = statements;
    this.attachments = attachments;
    this.stampTimestamp = new boolean[statements.size()];
    for (int i = 0; i < stampTimestamp.length; i++) {
      stampTimestamp[i] = !statements.get(i).json().has("timestamp");
    }
  }

  void fail(Exception e) {
    failure = e instanceof RuntimeException r ? r
        : new StoreException("cannot store statements: " + e.getMessage(), e);
    done = true;
  }
}
