package org.learntrace.lrs.jdbc;

import java.sql.SQLException;
import java.util.List;

/**
 * Statement sequence numbers in one direction (ascending or descending), visited by seeking: the
 * posting list of a digest, or the union or intersection of such lists.
 */
interface SeqCursor {
  /** Returned by {@link #seek} when no sequence number is left. */
  long END = -1;

  /**
   * Moves to the first sequence number at or after {@code target} in this cursor's direction (at
   * or above it ascending, at or below it descending) and returns it, or {@link #END}. A cursor
   * never moves back: a target before the current position returns the current position.
   */
  long seek(long target) throws SQLException;

  /** Any of the cursors: their union. */
  static SeqCursor anyOf(List<SeqCursor> cursors, boolean ascending) {
    if (cursors.size() == 1) {
      return cursors.get(0);
    }
    SeqCursor[] all = cursors.toArray(SeqCursor[]::new);
    return target -> {
      long best = END;
      for (SeqCursor c : all) {
        long s = c.seek(target);
        if (s != END && (best == END || (ascending ? s < best : s > best))) {
          best = s;
        }
      }
      return best;
    };
  }

  /** All of the cursors: their intersection, found by leapfrogging from one to the next. */
  static SeqCursor allOf(List<SeqCursor> cursors) {
    if (cursors.size() == 1) {
      return cursors.get(0);
    }
    SeqCursor[] all = cursors.toArray(SeqCursor[]::new);
    return target -> {
      long candidate = all[0].seek(target);
      int agreeing = 1;
      for (int i = 1; candidate != END && agreeing < all.length; i = (i + 1) % all.length) {
        long s = all[i].seek(candidate);
        if (s == candidate) {
          agreeing++;
        } else {
          candidate = s;
          agreeing = 1;
        }
      }
      return candidate;
    };
  }
}
