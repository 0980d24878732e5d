package org.learntrace.sdk.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.learntrace.sdk.AnalyticsPolicy;
import org.learntrace.sdk.AnalyticsPolicy.ConsentRule;
import org.learntrace.sdk.AnalyticsPolicy.FamilyRule;
import org.learntrace.sdk.AnalyticsPolicy.Rules;
import org.learntrace.sdk.EventFamily;
import org.learntrace.sdk.PseudonymLevel;

/** The policy in force for one course and module, flattened for the caller's thread. */
final class ResolvedPolicy {
  private final EnumMap<EventFamily, FamilyRule> families = new EnumMap<>(EventFamily.class);
  private final EnumMap<EventFamily, String[]> destinations = new EnumMap<>(EventFamily.class);
  final ConsentRule consent;
  final PseudonymLevel level;

  /** Layers {@code layers} in order (later wins) over "everything on, to every destination". */
  ResolvedPolicy(List<Rules> layers, Set<String> sinks) {
    ConsentRule c = ConsentRule.RESEARCH;
    PseudonymLevel l = PseudonymLevel.PSEUDONYMISED;
    Map<String, List<String>> routes = null;
    for (EventFamily f : EventFamily.values()) {
      families.put(f, FamilyRule.ON);
    }
    for (Rules r : layers) {
      if (r == null) {
        continue;
      }
      families.putAll(r.families());
      if (r.consent() != null) {
        c = r.consent();
      }
      if (r.pseudonymisation() != null) {
        l = r.pseudonymisation();
      }
      if (r.destinations() != null) {
        routes = r.destinations();
      }
    }
    families.put(EventFamily.CONSENT, FamilyRule.ON);
    consent = c;
    level = l;
    String[] all = sinks.stream().sorted().toArray(String[]::new);
    for (EventFamily f : EventFamily.values()) {
      if (routes == null || f == EventFamily.CONSENT) {
        destinations.put(f, all);
        continue;
      }
      List<String> to = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : routes.entrySet()) {
        if (sinks.contains(e.getKey()) && (e.getValue().contains("*") || e.getValue().contains(f.policyName()))) {
          to.add(e.getKey());
        }
      }
      to.sort(null);
      destinations.put(f, to.toArray(String[]::new));
    }
  }

  static List<Rules> layers(AnalyticsPolicy base, AnalyticsPolicy course, String module) {
    List<Rules> out = new ArrayList<>(3);
    if (base != null) {
      out.add(base.defaults());
    }
    if (course != null) {
      out.add(course.defaults());
      if (module != null) {
        out.add(course.modules().get(module));
      }
    }
    return out;
  }

  FamilyRule family(EventFamily f) {
    return families.get(f);
  }

  String[] destinations(EventFamily f) {
    return destinations.get(f);
  }
}
