package org.learntrace.xapi;

import java.util.List;

/**
 * An agent that took part in the context of a statement, with the roles it played there as IRIs
 * ({@code relevantTypes}). xAPI 2.0.0 only: written as {@code {"objectType":"contextAgent",
 * "agent":..., "relevantTypes":[...]}}.
 *
 * @param agent the agent; required
 * @param relevantTypes roles as IRIs; when present, at least one
 */
public record ContextAgent(Agent agent, List<String> relevantTypes) {
  /** Copies the list; null becomes empty (absent). */
  public ContextAgent {
    relevantTypes = relevantTypes == null ? List.of() : List.copyOf(relevantTypes);
  }
}
