package org.learntrace.xapi;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rule checks for an activity and its definition, including interaction components. */
final class ActivityRules {
  private ActivityRules() {}

  static void activity(StatementRules r, Activity a, JsonPath p) {
    r.iri(a.id(), p.key("id"), XapiRule.ACTIVITY_ID, true);
    ActivityDefinition d = a.definition();
    if (d == null) {
      return;
    }
    JsonPath dp = p.key("definition");
    r.languageMap(d.name(), dp.key("name"));
    r.languageMap(d.description(), dp.key("description"));
    r.iri(d.type(), dp.key("type"), XapiRule.DEFINITION_TYPE, false);
    r.iri(d.moreInfo(), dp.key("moreInfo"), XapiRule.DEFINITION_MORE_INFO, false);
    r.extensionKeys(d.extensions(), dp.key("extensions"));
    if (d.interactionType() == null && d.hasInteractionProperties()) {
      r.violation(dp.key("interactionType"), XapiRule.INTERACTION_TYPE_REQUIRED, "missing");
    }
    for (InteractionType.Components which : InteractionType.Components.values()) {
      components(r, d.components(which), dp.key(which.property()));
    }
  }

  private static void components(StatementRules r, List<InteractionComponent> list, JsonPath p) {
    if (list.isEmpty()) {
      return;
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      InteractionComponent c = list.get(i);
      JsonPath cp = p.index(i);
      if (c.id() == null) {
        r.violation(cp.key("id"), XapiRule.INTERACTION_COMPONENT_ID, "missing");
      } else if (!ids.add(c.id())) {
        r.violation(cp.key("id"), XapiRule.INTERACTION_COMPONENT_ID, "\"" + c.id() + "\" appears twice");
      }
      r.languageMap(c.description(), cp.key("description"));
    }
  }
}
