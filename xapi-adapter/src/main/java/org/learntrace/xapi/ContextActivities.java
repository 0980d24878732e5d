package org.learntrace.xapi;

import java.util.List;

/**
 * Activities that give a statement its context. In JSON each key may hold a single activity
 * object; the reader normalises that to a one-element list and the writer always writes arrays.
 * Lists are never null (empty when absent).
 *
 * @param parent the direct parents (LearnTrace: the module)
 * @param grouping indirect relations (LearnTrace: course, school, upazila, study, arm, wave)
 * @param category profiles the statement follows (video profile, cmi5, LearnTrace profile)
 * @param other anything else
 */
public record ContextActivities(
    List<Activity> parent, List<Activity> grouping, List<Activity> category, List<Activity> other) {

  /** Copies the lists; null becomes empty. */
  public ContextActivities {
    parent = parent == null ? List.of() : List.copyOf(parent);
    grouping = grouping == null ? List.of() : List.copyOf(grouping);
    category = category == null ? List.of() : List.copyOf(category);
    other = other == null ? List.of() : List.copyOf(other);
  }

  /** Whether all four lists are empty. */
  public boolean isEmpty() {
    return parent.isEmpty() && grouping.isEmpty() && category.isEmpty() && other.isEmpty();
  }
}
