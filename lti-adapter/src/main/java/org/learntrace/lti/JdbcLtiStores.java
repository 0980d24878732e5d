package org.learntrace.lti;

import com.nimbusds.jose.jwk.RSAKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * JDBC implementations of the store SPIs, for tools and platforms served by several nodes. Plain
 * SQL that runs on PostgreSQL and H2; {@link #create(DataSource)} creates the tables if absent.
 */
public final class JdbcLtiStores {
  private final DataSource ds;

  private JdbcLtiStores(DataSource ds) {
    this.ds = ds;
  }

  /** Creates the tables {@code lt_lti_state}, {@code lt_lti_registration} and {@code lt_lti_key} if absent. */
  public static JdbcLtiStores create(DataSource ds) {
    JdbcLtiStores s = new JdbcLtiStores(Objects.requireNonNull(ds, "ds"));
    s.exec("CREATE TABLE IF NOT EXISTS lt_lti_state (k VARCHAR(1024) PRIMARY KEY, v VARCHAR(65535) NOT NULL,"
        + " expires_at BIGINT NOT NULL)");
    s.exec("CREATE TABLE IF NOT EXISTS lt_lti_registration (kind VARCHAR(16) NOT NULL, k1 VARCHAR(1024) NOT NULL,"
        + " k2 VARCHAR(1024) NOT NULL, json VARCHAR(65535) NOT NULL, PRIMARY KEY (kind, k1, k2))");
    s.exec("CREATE TABLE IF NOT EXISTS lt_lti_key (owner VARCHAR(256) NOT NULL, kid VARCHAR(256) NOT NULL,"
        + " seq BIGINT NOT NULL, created_at BIGINT NOT NULL, jwk VARCHAR(65535) NOT NULL, PRIMARY KEY (owner, kid))");
    return s;
  }

  private interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T tx(Sql<T> sql) {
    try (Connection c = ds.getConnection()) {
      return sql.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("LTI store: " + e.getMessage(), e);
    }
  }

  private void exec(String ddl) {
    tx(c -> {
      try (Statement s = c.createStatement()) {
        s.execute(ddl);
      }
      return null;
    });
  }

  /** A state store shared by every node that uses this database. */
  public LtiStateStore stateStore(Clock clock) {
    return new LtiStateStore() {
      @Override
      public void put(String key, String value, Instant expiresAt) {
        tx(c -> {
          try (PreparedStatement d = c.prepareStatement("DELETE FROM lt_lti_state WHERE k = ? OR expires_at <= ?")) {
            d.setString(1, key);
            d.setLong(2, clock.millis());
            d.executeUpdate();
          }
          insert(c, key, value, expiresAt);
          return null;
        });
      }

      @Override
      public boolean putIfAbsent(String key, String value, Instant expiresAt) {
        return tx(c -> {
          try (PreparedStatement d = c.prepareStatement("DELETE FROM lt_lti_state WHERE k = ? AND expires_at <= ?")) {
            d.setString(1, key);
            d.setLong(2, clock.millis());
            d.executeUpdate();
          }
          try {
            insert(c, key, value, expiresAt);
            return true;
          } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
              return false;
            }
            throw e;
          }
        });
      }

      @Override
      public Optional<String> get(String key) {
        return tx(c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT v FROM lt_lti_state WHERE k = ? AND expires_at > ?")) {
            q.setString(1, key);
            q.setLong(2, clock.millis());
            try (ResultSet r = q.executeQuery()) {
              return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
          }
        });
      }

      @Override
      public Optional<String> take(String key) {
        return tx(c -> {
          Optional<String> v = get(key);
          if (v.isEmpty()) {
            return v;
          }
          try (PreparedStatement d = c.prepareStatement("DELETE FROM lt_lti_state WHERE k = ?")) {
            d.setString(1, key);
            // Only the node whose DELETE removed the row gets the value: take() is single-use across nodes.
            return d.executeUpdate() == 1 ? v : Optional.empty();
          }
        });
      }

      private void insert(Connection c, String key, String value, Instant expiresAt) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("INSERT INTO lt_lti_state (k, v, expires_at) VALUES (?, ?, ?)")) {
          i.setString(1, key);
          i.setString(2, value);
          i.setLong(3, expiresAt.toEpochMilli());
          i.executeUpdate();
        }
      }
    };
  }

  private Optional<String> readRegistration(String kind, String k1, String k2) {
    return tx(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT json FROM lt_lti_registration WHERE kind = ? AND k1 = ? AND k2 = ?")) {
        q.setString(1, kind);
        q.setString(2, k1);
        q.setString(3, k2);
        try (ResultSet r = q.executeQuery()) {
          return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        }
      }
    });
  }

  private void writeRegistration(String kind, String k1, String k2, String json) {
    tx(c -> {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM lt_lti_registration WHERE kind = ? AND k1 = ? AND k2 = ?")) {
          d.setString(1, kind);
          d.setString(2, k1);
          d.setString(3, k2);
          d.executeUpdate();
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO lt_lti_registration (kind, k1, k2, json) VALUES (?, ?, ?, ?)")) {
          i.setString(1, kind);
          i.setString(2, k1);
          i.setString(3, k2);
          i.setString(4, json);
          i.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  /** Platform side: registered tools. */
  public ToolRegistry toolRegistry() {
    return new ToolRegistry() {
      @Override
      public Optional<ToolRegistration> find(String clientId) {
        return clientId == null ? Optional.empty()
            : readRegistration("tool", clientId, "").map(j -> Json.read(j, ToolRegistration.class));
      }

      @Override
      public void save(ToolRegistration tool) {
        writeRegistration("tool", tool.clientId(), "", Json.write(tool));
      }
    };
  }

  /** Tool side: registered platforms. */
  public PlatformRegistry platformRegistry() {
    return new PlatformRegistry() {
      @Override
      public Optional<PlatformRegistration> find(String issuer, String clientId) {
        return issuer == null || clientId == null ? Optional.empty()
            : readRegistration("platform", issuer, clientId).map(j -> Json.read(j, PlatformRegistration.class));
      }

      @Override
      public List<PlatformRegistration> findByIssuer(String issuer) {
        return tx(c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT json FROM lt_lti_registration WHERE kind = 'platform' AND k1 = ?")) {
            q.setString(1, issuer);
            List<PlatformRegistration> out = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                out.add(Json.read(r.getString(1), PlatformRegistration.class));
              }
            }
            return out;
          }
        });
      }

      @Override
      public void save(PlatformRegistration p) {
        writeRegistration("platform", p.issuer(), p.clientId(), Json.write(p));
      }
    };
  }

  /** Signing keys of {@code owner} (for example the platform's issuer or the tool's name). */
  public SigningKeyStore signingKeys(String owner) {
    return new SigningKeyStore() {
      @Override
      public List<StoredKey> keys() {
        return tx(c -> {
          try (PreparedStatement q = c.prepareStatement("SELECT jwk, created_at FROM lt_lti_key WHERE owner = ? ORDER BY seq DESC")) {
            q.setString(1, owner);
            List<StoredKey> out = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                try {
                  out.add(new StoredKey(RSAKey.parse(r.getString(1)), Instant.ofEpochMilli(r.getLong(2))));
                } catch (java.text.ParseException e) {
                  throw new SQLException("stored key of " + owner + " is not an RSA JWK", e);
                }
              }
            }
            return out;
          }
        });
      }

      @Override
      public void add(RSAKey key, Instant createdAt) {
        tx(c -> {
          long seq;
          try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM lt_lti_key WHERE owner = ?")) {
            q.setString(1, owner);
            try (ResultSet r = q.executeQuery()) {
              r.next();
              seq = r.getLong(1);
            }
          }
          try (PreparedStatement i = c.prepareStatement("INSERT INTO lt_lti_key (owner, kid, seq, created_at, jwk) VALUES (?, ?, ?, ?, ?)")) {
            i.setString(1, owner);
            i.setString(2, key.getKeyID());
            i.setLong(3, seq);
            i.setLong(4, createdAt.toEpochMilli());
            i.setString(5, key.toJSONString());
            i.executeUpdate();
          }
          return null;
        });
      }

      @Override
      public void remove(String kid) {
        tx(c -> {
          try (PreparedStatement d = c.prepareStatement("DELETE FROM lt_lti_key WHERE owner = ? AND kid = ?")) {
            d.setString(1, owner);
            d.setString(2, kid);
            d.executeUpdate();
          }
          return null;
        });
      }
    };
  }
}
