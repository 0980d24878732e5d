package org.learntrace.lrs.spi;

import java.util.List;

/**
 * Filters of a statement query; all present filters must match. Each filter is a list of index
 * entries of which any may match (e.g. an agent as actor, or as any related agent).
 *
 * @param agent entries for the agent filter, or empty
 * @param verb entries for the verb filter, or empty
 * @param activity entries for the activity filter, or empty
 * @param registration entries for the registration filter, or empty
 * @param authority entries restricting to one authority ({@code statements/read/mine}), or empty
 * @param sinceMillis only statements stored after this, or null
 * @param untilMillis only statements stored at or before this, or null
 * @param ascending oldest first instead of newest first
 * @param limit page size, at least 1
 * @param cursor continue after this cursor (from {@link StatementPage#nextCursor()}), or null
 */
public record StatementQuery(
    List<IndexEntry> agent,
    List<IndexEntry> verb,
    List<IndexEntry> activity,
    List<IndexEntry> registration,
    List<IndexEntry> authority,
    Long sinceMillis,
    Long untilMillis,
    boolean ascending,
    int limit,
    Long cursor) {

  public StatementQuery {
    agent = List.copyOf(agent);
    verb = List.copyOf(verb);
    activity = List.copyOf(activity);
    registration = List.copyOf(registration);
    authority = List.copyOf(authority);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
