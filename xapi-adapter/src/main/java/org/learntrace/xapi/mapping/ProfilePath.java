package org.learntrace.xapi.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset xAPI profile templates use: {@code $}, {@code .name}, {@code ['key']} (for IRI
 * keys), {@code [*]} (every element of an array or value of an object) and {@code |} between
 * alternative paths, whose values are concatenated.
 */
final class ProfilePath {
  private final List<List<String>> alternatives;

  private ProfilePath(List<List<String>> alternatives) {
    this.alternatives = alternatives;
  }

  /**
   * Parses a location.
   *
   * @throws IllegalArgumentException naming the character position of a step outside the subset
   */
  static ProfilePath parse(String location) {
    List<List<String>> alternatives = new ArrayList<>();
    for (String alternative : splitAlternatives(location)) {
      alternatives.add(steps(alternative.strip(), location));
    }
    return new ProfilePath(alternatives);
  }

  /** The values at this location; a {@code "*"} step is the wildcard. */
  List<JsonNode> evaluate(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    for (List<String> steps : alternatives) {
      List<JsonNode> current = List.of(root);
      for (String step : steps) {
        List<JsonNode> next = new ArrayList<>();
        for (JsonNode n : current) {
          if (step == null) {
            n.forEach(next::add);
          } else if (n.isObject() && n.has(step)) {
            next.add(n.get(step));
          }
        }
        current = next;
      }
      out.addAll(current);
    }
    return out;
  }

  private static List<String> splitAlternatives(String location) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < location.length(); i++) {
      char c = location.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == '|' && !quoted) {
        parts.add(location.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(location.substring(start));
    return parts;
  }

  /** The steps of one path; null stands for {@code [*]}. */
  private static List<String> steps(String path, String location) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("location \"" + location + "\" must start with $");
    }
    List<String> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("empty name at character " + i + " of \"" + path + "\"");
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (path.startsWith("[*]", i)) {
        steps.add(null);
        i += 3;
      } else if (path.startsWith("['", i)) {
        int end = path.indexOf("']", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed ['...'] at character " + i + " of \"" + path + "\"");
        }
        steps.add(path.substring(i + 2, end));
        i = end + 2;
      } else {
        throw new IllegalArgumentException("unsupported step at character " + i + " of \"" + path + "\"");
      }
    }
    return steps;
  }
}
