package org.learntrace.lrs.spi;

/**
 * A statement as stored.
 *
 * @param json the statement JSON, with {@code stored}, {@code authority} and {@code version} set
 * @param storedMillis when it was stored, epoch milliseconds
 * @param voided whether another statement voided it
 */
public record StoredStatement(String json, long storedMillis, boolean voided) {}
