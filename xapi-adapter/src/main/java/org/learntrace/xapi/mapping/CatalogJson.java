package org.learntrace.xapi.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.learntrace.xapi.ActivityDefinition;
import org.learntrace.xapi.InteractionComponent;
import org.learntrace.xapi.InteractionType;
import org.learntrace.xapi.LanguageMap;

/**
 * Reads the JSON form of a {@link CourseCatalog}. Unknown properties are errors (a misspelt
 * {@code "lenght"} would otherwise silently drop a video's length); every error names its JSON path.
 */
final class CatalogJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CatalogJson() {}

  static CourseCatalog read(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("course catalog is not JSON: " + e.getMessage(), e);
    }
    object(root, "$", "platformIri", "idSpaces", "courses");
    CourseCatalog.Builder b = CourseCatalog.builder(text(root, "$", "platformIri", true));
    JsonNode spaces = root.get("idSpaces");
    if (spaces != null) {
      object(spaces, "$.idSpaces");
      for (Iterator<Map.Entry<String, JsonNode>> it = spaces.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw new IllegalArgumentException("$.idSpaces['" + e.getKey() + "'] must be a string (the home page)");
        }
        b.idSpace(e.getKey(), e.getValue().textValue());
      }
    }
    List<JsonNode> courses = array(root, "$", "courses");
    for (int i = 0; i < courses.size(); i++) {
      course(b, courses.get(i), "$.courses[" + i + "]");
    }
    return b.build();
  }

  private static void course(CourseCatalog.Builder b, JsonNode c, String p) {
    object(c, p, "id", "name", "study", "modules", "videos", "quizzes", "instruments", "rubrics", "surveys");
    String course = text(c, p, "id", true);
    if (c.has("name")) {
      b.course(course, names(c, p));
    }
    if (c.has("study")) {
      JsonNode s = c.get("study");
      object(s, p + ".study", "id", "name");
      b.study(course, text(s, p + ".study", "id", true), names(s, p + ".study"));
    }
    each(c, p, "modules", (m, mp) -> {
      object(m, mp, "id", "name", "masteryScore", "moveOn");
      b.module(course, text(m, mp, "id", true), names(m, mp), number(m, mp, "masteryScore"), text(m, mp, "moveOn", false));
    });
    each(c, p, "videos", (v, vp) -> {
      object(v, vp, "id", "name", "length", "completionThreshold");
      b.video(course, text(v, vp, "id", true), names(v, vp), number(v, vp, "length"), number(v, vp, "completionThreshold"));
    });
    each(c, p, "quizzes", (q, qp) -> {
      object(q, qp, "id", "name", "items");
      String quiz = text(q, qp, "id", true);
      b.quiz(course, quiz, names(q, qp));
      each(q, qp, "items", (item, ip) -> b.quizItem(course, quiz, text(item, ip, "id", true), item(item, ip)));
    });
    each(c, p, "instruments", (x, xp) -> {
      object(x, xp, "id", "name");
      b.instrument(course, text(x, xp, "id", true), names(x, xp));
    });
    each(c, p, "rubrics", (x, xp) -> {
      object(x, xp, "id", "name");
      b.rubric(course, text(x, xp, "id", true), names(x, xp));
    });
    each(c, p, "surveys", (s, sp) -> {
      object(s, sp, "id", "name", "questions");
      String survey = text(s, sp, "id", true);
      b.survey(course, survey, names(s, sp));
      each(s, sp, "questions", (q, qp) -> {
        object(q, qp, "id", "name");
        b.surveyQuestion(course, survey, text(q, qp, "id", true), names(q, qp));
      });
    });
  }

  private static ActivityDefinition item(JsonNode item, String p) {
    object(item, p, "id", "name", "description", "interactionType", "choices", "scale", "source", "target", "steps", "correctResponses");
    String typeText = text(item, p, "interactionType", true);
    InteractionType type = InteractionType.fromText(typeText);
    if (type == null) {
      throw new IllegalArgumentException(p + ".interactionType must be an xAPI interaction type, was \"" + typeText + "\"");
    }
    ActivityDefinition.Builder d = ActivityDefinition.builder().name(names(item, p)).interactionType(type);
    if (item.has("description")) {
      d.description(languageMap(item.get("description"), p + ".description"));
    }
    d.choices(components(item, p, "choices", type, InteractionType.Components.CHOICES));
    d.scale(components(item, p, "scale", type, InteractionType.Components.SCALE));
    d.source(components(item, p, "source", type, InteractionType.Components.SOURCE));
    d.target(components(item, p, "target", type, InteractionType.Components.TARGET));
    d.steps(components(item, p, "steps", type, InteractionType.Components.STEPS));
    if (item.has("correctResponses")) {
      List<String> patterns = new ArrayList<>();
      List<JsonNode> list = array(item, p, "correctResponses");
      for (int i = 0; i < list.size(); i++) {
        if (!list.get(i).isTextual()) {
          throw new IllegalArgumentException(p + ".correctResponses[" + i + "] must be a string");
        }
        patterns.add(list.get(i).textValue());
      }
      d.correctResponsesPattern(patterns);
    }
    return d.build();
  }

  private static List<InteractionComponent> components(
      JsonNode item, String p, String field, InteractionType type, InteractionType.Components which) {
    List<InteractionComponent> out = new ArrayList<>();
    if (!item.has(field)) {
      return out;
    }
    if (!type.allows(which)) {
      throw new IllegalArgumentException(p + "." + field + " is not allowed for interaction type " + type);
    }
    List<JsonNode> list = array(item, p, field);
    for (int i = 0; i < list.size(); i++) {
      String cp = p + "." + field + "[" + i + "]";
      object(list.get(i), cp, "id", "description");
      JsonNode desc = list.get(i).get("description");
      out.add(new InteractionComponent(text(list.get(i), cp, "id", true), desc == null ? null : languageMap(desc, cp + ".description")));
    }
    return out;
  }

  // ---- JSON helpers ----

  private interface Each {
    void accept(JsonNode node, String path);
  }

  private static void each(JsonNode parent, String p, String field, Each each) {
    List<JsonNode> list = array(parent, p, field);
    for (int i = 0; i < list.size(); i++) {
      each.accept(list.get(i), p + "." + field + "[" + i + "]");
    }
  }

  private static void object(JsonNode node, String p, String... allowed) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(p + " must be a JSON object");
    }
    if (allowed.length == 0) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!List.of(allowed).contains(name)) {
        throw new IllegalArgumentException(p + "." + name + " is not a catalog property (allowed: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private static List<JsonNode> array(JsonNode parent, String p, String field) {
    JsonNode n = parent.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    if (!n.isArray()) {
      throw new IllegalArgumentException(p + "." + field + " must be an array");
    }
    n.forEach(out::add);
    return out;
  }

  private static String text(JsonNode parent, String p, String field, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null) {
      if (required) {
        throw new IllegalArgumentException(p + "." + field + " is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(p + "." + field + " must be a string");
    }
    return n.textValue();
  }

  private static Double number(JsonNode parent, String p, String field) {
    JsonNode n = parent.get(field);
    if (n == null) {
      return null;
    }
    if (!n.isNumber()) {
      throw new IllegalArgumentException(p + "." + field + " must be a number");
    }
    return n.doubleValue();
  }

  private static LanguageMap names(JsonNode parent, String p) {
    JsonNode n = parent.get("name");
    if (n == null) {
      throw new IllegalArgumentException(p + ".name is required (with en-US and bn-BD)");
    }
    return languageMap(n, p + ".name");
  }

  private static LanguageMap languageMap(JsonNode n, String p) {
    object(n, p);
    LanguageMap.Builder b = LanguageMap.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException(p + "['" + e.getKey() + "'] must be a string");
      }
      b.put(e.getKey(), e.getValue().textValue());
    }
    return b.build();
  }
}
