package org.learntrace.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code context}, including its activities and xAPI 2.0's context agents and groups. */
final class ContextReader {
  private ContextReader() {}

  static Context context(StatementReader r, JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      r.violation(path, XapiRule.WRONG_TYPE, "context must be an object, was " + StatementReader.describe(n));
      return null;
    }
    Context.Builder b = Context.builder();
    ContextActivities[] activities = new ContextActivities[1];
    List<ContextAgent> agents = new ArrayList<>(0);
    List<ContextGroup> groups = new ArrayList<>(0);
    r.forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "registration" -> b.registration(r.uuid(v, p, XapiRule.CONTEXT_REGISTRATION));
        case "instructor" -> b.instructor(r.actor(v, p, XapiRule.CONTEXT_INSTRUCTOR));
        case "team" -> b.team(r.group(v, p, XapiRule.CONTEXT_TEAM));
        case "contextActivities" -> activities[0] = contextActivities(r, v, p);
        case "revision" -> b.revision(r.string(v, p, XapiRule.CONTEXT_REVISION_STRING));
        case "platform" -> b.platform(r.string(v, p, XapiRule.CONTEXT_PLATFORM_STRING));
        case "language" -> b.language(r.string(v, p, XapiRule.CONTEXT_LANGUAGE));
        case "statement" -> b.statement(r.statementRef(v, p, XapiRule.CONTEXT_STATEMENT));
        case "extensions" -> b.extensions(r.extensions(v, p, XapiRule.EXTENSIONS));
        case "contextAgents" -> {
          r.version2Property(p);
          participants(r, v, p, XapiRule.CONTEXT_AGENTS, "contextAgent", "agent",
              (node, at) -> r.agent(node, at, XapiRule.CONTEXT_AGENTS),
              (actor, types) -> agents.add(new ContextAgent((Agent) actor, types)));
        }
        case "contextGroups" -> {
          r.version2Property(p);
          participants(r, v, p, XapiRule.CONTEXT_GROUPS, "contextGroup", "group",
              (node, at) -> r.group(node, at, XapiRule.CONTEXT_GROUPS),
              (actor, types) -> groups.add(new ContextGroup((Group) actor, types)));
        }
        default -> r.unknown(key, p);
      }
    });
    Context c = b.build();
    return new Context(
        c.registration(), c.instructor(), c.team(), activities[0], c.revision(), c.platform(),
        c.language(), c.statement(), c.extensions(), agents, groups);
  }

  private interface ActorRead {
    Actor read(JsonNode node, JsonPath path);
  }

  private interface ParticipantSink {
    void add(Actor actor, List<String> relevantTypes);
  }

  /** {@code contextAgents} or {@code contextGroups}: an array of typed participant objects. */
  private static void participants(
      StatementReader r, JsonNode n, JsonPath path, XapiRule rule, String objectType,
      String actorKey, ActorRead readActor, ParticipantSink sink) {
    if (!n.isArray()) {
      r.violation(path, rule, "expected an array, was " + StatementReader.describe(n));
      return;
    }
    for (int i = 0; i < n.size(); i++) {
      JsonNode item = n.get(i);
      JsonPath at = path.index(i);
      if (!item.isObject()) {
        r.violation(at, rule, "expected an object, was " + StatementReader.describe(item));
        continue;
      }
      Actor[] actor = new Actor[1];
      List<String> types = new ArrayList<>(2);
      r.forEachField(item, at, (key, v, p) -> {
        switch (key) {
          case "objectType" -> {
            if (!v.isTextual() || !v.textValue().equals(objectType)) {
              r.violation(p, rule, "objectType must be \"" + objectType + "\", was " + StatementReader.describe(v));
            }
          }
          case "relevantTypes" -> relevantTypes(r, v, p, rule, types);
          default -> {
            if (key.equals(actorKey)) {
              actor[0] = readActor.read(v, p);
            } else {
              r.unknown(key, p);
            }
          }
        }
      });
      if (!item.has("objectType")) {
        r.violation(at.key("objectType"), rule, "objectType \"" + objectType + "\" is required");
      }
      if (!item.has(actorKey)) {
        r.violation(at.key(actorKey), rule, "\"" + actorKey + "\" is required");
      }
      sink.add(actor[0], types);
    }
  }

  private static void relevantTypes(StatementReader r, JsonNode v, JsonPath p, XapiRule rule, List<String> into) {
    if (!v.isArray() || v.isEmpty()) {
      r.violation(p, rule, "relevantTypes must be a non-empty array of IRIs, was " + StatementReader.describe(v));
      return;
    }
    for (int i = 0; i < v.size(); i++) {
      String type = r.string(v.get(i), p.index(i), rule);
      if (type != null) {
        into.add(type);
      }
    }
  }

  private static ContextActivities contextActivities(StatementReader r, JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      r.violation(path, XapiRule.CONTEXT_ACTIVITIES, "was " + StatementReader.describe(n));
      return null;
    }
    @SuppressWarnings("unchecked")
    List<Activity>[] lists = new List[4];
    r.forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "parent" -> lists[0] = activityList(r, v, p);
        case "grouping" -> lists[1] = activityList(r, v, p);
        case "category" -> lists[2] = activityList(r, v, p);
        case "other" -> lists[3] = activityList(r, v, p);
        default -> r.violation(p, XapiRule.CONTEXT_ACTIVITIES_KEY, "unknown key \"" + key + "\"");
      }
    });
    return new ContextActivities(lists[0], lists[1], lists[2], lists[3]);
  }

  /** A single Activity object (normalised to a one-element list) or an array of them. */
  private static List<Activity> activityList(StatementReader r, JsonNode n, JsonPath path) {
    if (n.isObject()) {
      Activity a = r.activity(n, path, XapiRule.CONTEXT_ACTIVITIES_VALUE);
      return a == null ? null : List.of(a);
    }
    if (!n.isArray()) {
      r.violation(path, XapiRule.CONTEXT_ACTIVITIES_VALUE, "was " + StatementReader.describe(n));
      return null;
    }
    List<Activity> list = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      Activity a = r.activity(n.get(i), path.index(i), XapiRule.CONTEXT_ACTIVITIES_VALUE);
      if (a != null) {
        list.add(a);
      }
    }
    return list;
  }
}
