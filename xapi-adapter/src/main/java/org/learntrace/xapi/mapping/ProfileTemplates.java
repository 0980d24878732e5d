package org.learntrace.xapi.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement templates of an xAPI profile (xAPI Profiles 1.0, part two), checked against
 * statements in JSON: the verb, the object's activity type, the context activity types, and the
 * rules (location, presence included/excluded/recommended, any/all/none).
 *
 * <p>Rule semantics: {@code included} needs at least one value, {@code excluded} none; with
 * {@code recommended} and no value the rule is satisfied; otherwise {@code any} needs a value from
 * its list, {@code all} needs values that all come from its list, and {@code none} forbids every
 * value in its list. JSON values compare as JSON (numbers by value).
 */
final class ProfileTemplates {
  /** The classpath resource holding the LearnTrace profile. */
  static final String RESOURCE = "/org/learntrace/xapi/profile/learntrace.jsonld";

  private final List<Template> templates;

  private ProfileTemplates(List<Template> templates) {
    this.templates = List.copyOf(templates);
  }

  /** The templates of the LearnTrace profile shipped with this library. */
  static ProfileTemplates learnTrace() {
    try (InputStream in = ProfileTemplates.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return of(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The templates of {@code profile}, a parsed profile document. */
  static ProfileTemplates of(JsonNode profile) {
    List<Template> list = new ArrayList<>();
    for (JsonNode t : profile.path("templates")) {
      List<Rule> rules = new ArrayList<>();
      for (JsonNode r : t.path("rules")) {
        rules.add(new Rule(r.path("location").asText(), ProfilePath.parse(r.path("location").asText()),
            r.path("presence").asText(null), r.get("any"), r.get("all"), r.get("none")));
      }
      list.add(new Template(t.path("id").asText(), text(t, "verb"), text(t, "objectActivityType"),
          t.get("contextParentActivityType"), t.get("contextGroupingActivityType"),
          t.get("contextCategoryActivityType"), t.get("contextOtherActivityType"), rules));
    }
    return new ProfileTemplates(list);
  }

  private static String text(JsonNode n, String field) {
    return n.has(field) ? n.get(field).asText() : null;
  }

  int size() {
    return templates.size();
  }

  /** The ids of the templates {@code statement} matches, in profile order. */
  List<String> matching(JsonNode statement) {
    List<String> ids = new ArrayList<>();
    for (Template t : templates) {
      if (t.problem(statement) == null) {
        ids.add(t.id);
      }
    }
    return ids;
  }

  /** Why {@code statement} does not match template {@code id}, or null when it does. */
  String problem(String id, JsonNode statement) {
    for (Template t : templates) {
      if (t.id.equals(id)) {
        return t.problem(statement);
      }
    }
    throw new IllegalArgumentException("no template " + id);
  }

  private record Rule(String location, ProfilePath path, String presence, JsonNode any, JsonNode all, JsonNode none) {
    String problem(JsonNode statement) {
      List<JsonNode> values = path.evaluate(statement);
      if ("included".equals(presence) && values.isEmpty()) {
        return location + " is required";
      }
      if ("excluded".equals(presence) && !values.isEmpty()) {
        return location + " must be absent";
      }
      if (values.isEmpty() && !"included".equals(presence) && (any == null && all == null || "recommended".equals(presence))) {
        return null;
      }
      if (any != null && values.stream().noneMatch(v -> contains(any, v))) {
        return location + " must include one of " + any + ", was " + values;
      }
      if (all != null && (values.isEmpty() || !values.stream().allMatch(v -> contains(all, v)))) {
        return location + " must all be from " + all + ", was " + values;
      }
      if (none != null && values.stream().anyMatch(v -> contains(none, v))) {
        return location + " must not include any of " + none + ", was " + values;
      }
      return null;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
      for (JsonNode candidate : list) {
        if (candidate.isNumber() && value.isNumber()
            ? candidate.decimalValue().compareTo(value.decimalValue()) == 0 : candidate.equals(value)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Template(String id, String verb, String objectType, JsonNode parentTypes, JsonNode groupingTypes,
      JsonNode categoryTypes, JsonNode otherTypes, List<Rule> rules) {
    String problem(JsonNode s) {
      if (verb != null && !verb.equals(s.path("verb").path("id").asText(null))) {
        return "verb is not " + verb;
      }
      if (objectType != null && !objectType.equals(s.path("object").path("definition").path("type").asText(null))) {
        return "object type is not " + objectType;
      }
      JsonNode activities = s.path("context").path("contextActivities");
      String missing = firstMissing(activities.path("parent"), parentTypes);
      missing = missing != null ? missing : firstMissing(activities.path("grouping"), groupingTypes);
      missing = missing != null ? missing : firstMissing(activities.path("category"), categoryTypes);
      missing = missing != null ? missing : firstMissing(activities.path("other"), otherTypes);
      if (missing != null) {
        return "no context activity of type " + missing;
      }
      for (Rule r : rules) {
        String problem = r.problem(s);
        if (problem != null) {
          return problem;
        }
      }
      return null;
    }

    private static String firstMissing(JsonNode list, JsonNode types) {
      if (types == null) {
        return null;
      }
      for (JsonNode type : types) {
        boolean found = false;
        for (JsonNode a : list) {
          found |= type.asText().equals(a.path("definition").path("type").asText(null));
        }
        if (!found) {
          return type.asText();
        }
      }
      return null;
    }
  }
}
