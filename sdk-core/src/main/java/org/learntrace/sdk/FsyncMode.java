package org.learntrace.sdk;

/**
 * When the outbox forces its data to the storage device. Every mode survives a process kill once a
 * receipt is {@code STORED}; they differ in what survives a power cut or kernel crash.
 */
public enum FsyncMode {
  /** Never during operation (only at a clean close): a power cut can lose anything not yet written back by the OS. */
  NONE,
  /** Every fsync interval (default 1 s): a power cut loses at most the last interval. */
  INTERVAL,
  /** Before each group commit is acknowledged: a stored receipt survives a power cut. */
  EVERY_COMMIT
}
