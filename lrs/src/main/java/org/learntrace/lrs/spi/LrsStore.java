package org.learntrace.lrs.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Durable storage for statements, attachments, activity definitions and documents.
 *
 * <p>Every write is committed before the method returns, so a caller may acknowledge it to a
 * client. Implementations are thread-safe. Statement writes are serialised, so {@code stored}
 * times and sequence numbers grow together and a query started at time t sees every statement
 * stored before t.
 */
public interface LrsStore extends AutoCloseable {

  /**
   * Stores a batch of statements and their attachment contents atomically: all or none.
   *
   * <p>For each statement the store sets {@code stored} (and {@code timestamp} when absent) to the
   * commit time, in UTC with milliseconds. A statement whose id is already stored with the same
   * {@link NewStatement#contentHash()} is skipped; one stored with another content fails the whole
   * batch. A voiding statement marks its target voided; a statement whose object is a StatementRef
   * is also indexed under its target's agents, verb, activities and registration, so that queries
   * return it when they match the target.
   *
   * @param statements the statements, in order
   * @param attachments attachment contents by SHA-2 hex digest
   * @throws StatementConflictException if an id is stored with different content
   */
  void storeStatements(List<NewStatement> statements, Map<String, AttachmentContent> attachments);

  /** The statement with this id, voided or not. */
  Optional<StoredStatement> statement(UUID id);

  /** One page of statements matching the query, voided statements excluded. */
  StatementPage query(StatementQuery query);

  /** An attachment's content by its SHA-2 hex digest. */
  Optional<AttachmentContent> attachment(String sha2);

  /** The latest definition the LRS holds for an activity, as a JSON object text. */
  Optional<String> activityDefinition(String activityId);

  /** A document. */
  Optional<Document> document(DocumentKey key);

  /** The ids of the documents in a scope, optionally only those updated after {@code sinceMillis}. */
  List<String> documentIds(DocumentKey scope, Long sinceMillis);

  /**
   * Reads, changes and writes one document in one transaction that no other change to the same
   * document interleaves with. {@code change} sees the current document (empty if none) and returns
   * the new one, or empty to delete it; it may throw to abort without a change.
   *
   * @return what {@code change} returned
   */
  Optional<Document> modifyDocument(DocumentKey key, Function<Optional<Document>, Optional<Document>> change);

  /** Deletes every document in the scope of {@code scope} (its {@code documentId} is ignored). */
  void deleteDocuments(DocumentKey scope);

  /** Closes the connection pool; completed writes are durable. */
  @Override
  void close();
}
