package org.learntrace.xapi;

import java.util.List;

/**
 * A group that took part in the context of a statement, with the roles it played there as IRIs.
 * xAPI 2.0.0 only: written as {@code {"objectType":"contextGroup", "group":...,
 * "relevantTypes":[...]}}. LearnTrace uses it for the class a teacher taught.
 *
 * @param group the group; required
 * @param relevantTypes roles as IRIs; when present, at least one
 */
public record ContextGroup(Group group, List<String> relevantTypes) {
  /** Copies the list; null becomes empty (absent). */
  public ContextGroup {
    relevantTypes = relevantTypes == null ? List.of() : List.copyOf(relevantTypes);
  }
}
