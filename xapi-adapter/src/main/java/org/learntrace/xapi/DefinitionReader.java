package org.learntrace.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads an activity {@code definition}, including the interaction properties of quiz items. */
final class DefinitionReader {
  private DefinitionReader() {}

  static ActivityDefinition definition(StatementReader r, JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      r.violation(path, XapiRule.DEFINITION, "was " + StatementReader.describe(n));
      return null;
    }
    ActivityDefinition.Builder b = ActivityDefinition.builder();
    r.forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "name" -> b.name(r.languageMap(v, p, XapiRule.DEFINITION_NAME));
        case "description" -> b.description(r.languageMap(v, p, XapiRule.DEFINITION_DESCRIPTION));
        case "type" -> b.type(r.string(v, p, XapiRule.DEFINITION_TYPE));
        case "moreInfo" -> b.moreInfo(r.string(v, p, XapiRule.DEFINITION_MORE_INFO));
        case "extensions" -> b.extensions(r.extensions(v, p, XapiRule.DEFINITION_EXTENSIONS));
        case "interactionType" -> b.interactionType(interactionType(r, v, p));
        case "correctResponsesPattern" -> b.correctResponsesPattern(patterns(r, v, p));
        case "choices" -> b.choices(components(r, v, p));
        case "scale" -> b.scale(components(r, v, p));
        case "source" -> b.source(components(r, v, p));
        case "target" -> b.target(components(r, v, p));
        case "steps" -> b.steps(components(r, v, p));
        default -> r.unknown(key, p);
      }
    });
    return b.build();
  }

  private static InteractionType interactionType(StatementReader r, JsonNode v, JsonPath p) {
    String text = r.string(v, p, XapiRule.INTERACTION_TYPE);
    if (text == null) {
      return null;
    }
    InteractionType type = InteractionType.fromText(text);
    if (type == null) {
      boolean caseOnly = false;
      for (InteractionType t : InteractionType.values()) {
        caseOnly |= t.text().equalsIgnoreCase(text);
      }
      r.violation(p, caseOnly ? XapiRule.ENUMERATED_VALUE : XapiRule.INTERACTION_TYPE, "was \"" + text + "\"");
    }
    return type;
  }

  private static List<String> patterns(StatementReader r, JsonNode v, JsonPath p) {
    if (!v.isArray()) {
      r.violation(p, XapiRule.CORRECT_RESPONSES_PATTERN, "was " + StatementReader.describe(v));
      return null;
    }
    List<String> list = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      String s = r.string(v.get(i), p.index(i), XapiRule.CORRECT_RESPONSES_PATTERN);
      if (s != null) {
        list.add(s);
      }
    }
    return list;
  }

  private static List<InteractionComponent> components(StatementReader r, JsonNode v, JsonPath path) {
    if (!v.isArray()) {
      r.violation(path, XapiRule.INTERACTION_COMPONENTS, "was " + StatementReader.describe(v));
      return null;
    }
    List<InteractionComponent> list = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      JsonPath at = path.index(i);
      if (!item.isObject()) {
        r.violation(at, XapiRule.INTERACTION_COMPONENT, "was " + StatementReader.describe(item));
        continue;
      }
      String[] id = new String[1];
      LanguageMap[] description = new LanguageMap[1];
      r.forEachField(item, at, (key, value, p) -> {
        switch (key) {
          case "id" -> id[0] = r.string(value, p, XapiRule.INTERACTION_COMPONENT_ID);
          case "description" -> description[0] = r.languageMap(value, p, XapiRule.INTERACTION_COMPONENT_DESCRIPTION);
          default -> r.unknown(key, p);
        }
      });
      list.add(new InteractionComponent(id[0], description[0]));
    }
    return list;
  }
}
