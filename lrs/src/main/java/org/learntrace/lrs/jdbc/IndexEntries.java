package org.learntrace.lrs.jdbc;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.NewStatement;

/**
 * What each statement of a batch is indexed under, packed as stored in the statement's
 * {@code entries} column: per entry one byte (the kind's one-letter {@link IndexEntry.Kind#code()
 * code}) and the 64-bit digest. The posting lists are built from this column, so it is also what a
 * posting write lost in a crash is rebuilt from.
 */
final class IndexEntries {
  static final int ENTRY_BYTES = 9;
  private static final byte AUTHORITY = (byte) IndexEntry.Kind.AUTHORITY.code();

  private IndexEntries() {}

  /** The number of entries in a packed column value. */
  static int count(byte[] packed) {
    return packed == null ? 0 : packed.length / ENTRY_BYTES;
  }

  /** The digest of entry {@code i}. */
  static long digest(byte[] packed, int i) {
    return ByteBuffer.wrap(packed, i * ENTRY_BYTES + 1, 8).getLong();
  }

  /** The kind code of entry {@code i}. */
  static byte kind(byte[] packed, int i) {
    return packed[i * ENTRY_BYTES];
  }

  /**
   * The packed entries of the fresh statements, in order: each statement's own entries, then, for
   * a statement whose object is a StatementRef, its target's entries but the target's authority
   * scope ({@code W}), so that queries matching the target return it. A target stored earlier in
   * the same batch contributes what was computed for it; one later in the batch its own entries.
   */
  static byte[][] of(Connection c, List<NewStatement> fresh) throws SQLException {
    Map<UUID, Integer> position = new HashMap<>();
    for (int i = 0; i < fresh.size(); i++) {
      position.put(fresh.get(i).id(), i);
    }
    byte[][] out = new byte[fresh.size()][];
    for (int i = 0; i < fresh.size(); i++) {
      NewStatement s = fresh.get(i);
      byte[] own = pack(s.index());
      UUID ref = s.referencedId();
      byte[] target = null;
      if (ref != null) {
        Integer at = position.get(ref);
        if (at == null) {
          target = storedEntries(c, ref);
        } else {
          target = at < i ? out[at] : pack(fresh.get(at).index());
        }
      }
      out[i] = target == null ? own : withoutAuthority(own, target);
    }
    return out;
  }

  private static byte[] pack(List<IndexEntry> entries) {
    ByteBuffer b = ByteBuffer.allocate(entries.size() * ENTRY_BYTES);
    for (IndexEntry e : entries) {
      b.put((byte) e.kind().code()).putLong(e.digest());
    }
    return b.array();
  }

  /** {@code own} followed by the entries of {@code target} that are not its authority scope. */
  private static byte[] withoutAuthority(byte[] own, byte[] target) {
    ByteBuffer b = ByteBuffer.allocate(own.length + target.length).put(own);
    for (int i = 0; i < count(target); i++) {
      if (kind(target, i) != AUTHORITY) {
        b.put(target, i * ENTRY_BYTES, ENTRY_BYTES);
      }
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  private static byte[] storedEntries(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT entries FROM lrs_statement WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }
}
