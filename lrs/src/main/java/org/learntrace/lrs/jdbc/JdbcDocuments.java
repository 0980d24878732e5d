package org.learntrace.lrs.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.learntrace.lrs.spi.Document;
import org.learntrace.lrs.spi.DocumentKey;

/**
 * The state, activity profile and agent profile documents of {@link JdbcLrsStore}: one table, read
 * and changed under a row lock so that concurrent merges of one document serialise.
 */
final class JdbcDocuments {
  private final DataSource dataSource;
  private final Runnable durable;

  /**
   * @param dataSource the store's connections
   * @param durable makes committed writes survive a process kill (the store's flush)
   */
  JdbcDocuments(DataSource dataSource, Runnable durable) {
    this.dataSource = dataSource;
    this.durable = durable;
  }


  Optional<Document> document(DocumentKey key) {
    try (Connection c = dataSource.getConnection()) {
      return readDocument(c, key, false);
    } catch (SQLException e) {
      throw new StoreException("cannot read document: " + e.getMessage(), e);
    }
  }

  private Optional<Document> readDocument(Connection c, DocumentKey key, boolean forUpdate) throws SQLException {
    String sql = "SELECT content, content_type, etag, updated FROM lrs_document WHERE doc_key = ?" + (forUpdate ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key.documentDigest());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Document(rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
            : Optional.empty();
      }
    }
  }

  List<String> documentIds(DocumentKey scope, Long sinceMillis) {
    String sql = "SELECT doc_id FROM lrs_document WHERE scope_key = ?" + (sinceMillis == null ? "" : " AND updated > ?") + " ORDER BY doc_id";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, scope.scopeDigest());
      if (sinceMillis != null) {
        ps.setLong(2, sinceMillis);
      }
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new StoreException("cannot list documents: " + e.getMessage(), e);
    }
  }

  Optional<Document> modifyDocument(DocumentKey key, Function<Optional<Document>, Optional<Document>> change) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Optional<Document> current = readDocument(c, key, true);
          Optional<Document> next = change.apply(current);
          if (next.isEmpty()) {
            if (current.isPresent()) {
              try (PreparedStatement ps = c.prepareStatement("DELETE FROM lrs_document WHERE doc_key = ?")) {
                ps.setString(1, key.documentDigest());
                ps.executeUpdate();
              }
            }
          } else if (current.isPresent()) {
            Document d = next.get();
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE lrs_document SET content = ?, content_type = ?, etag = ?, updated = ? WHERE doc_key = ?")) {
              ps.setBytes(1, d.content());
              ps.setString(2, d.contentType());
              ps.setString(3, d.etag());
              ps.setLong(4, d.updatedMillis());
              ps.setString(5, key.documentDigest());
              ps.executeUpdate();
            }
          } else {
            Document d = next.get();
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO lrs_document (doc_key, scope_key, doc_id, content_type, etag, updated, content) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
              ps.setString(1, key.documentDigest());
              ps.setString(2, key.scopeDigest());
              ps.setString(3, key.documentId());
              ps.setString(4, d.contentType());
              ps.setString(5, d.etag());
              ps.setLong(6, d.updatedMillis());
              ps.setBytes(7, d.content());
              ps.executeUpdate();
            }
          }
          c.commit();
          durable.run();
          return next;
        } catch (SQLException e) {
          c.rollback();
          // Two first writes of one document race on its primary key: the loser re-reads and retries.
          if (attempt < 3 && isUniqueViolation(e)) {
            continue;
          }
          throw e;
        } catch (RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("cannot write document: " + e.getMessage(), e);
      }
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  void deleteDocuments(DocumentKey scope) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM lrs_document WHERE scope_key = ?")) {
      ps.setString(1, scope.scopeDigest());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot delete documents: " + e.getMessage(), e);
    }
    durable.run();
  }
}
