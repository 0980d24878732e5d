package org.learntrace.lrs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code format} parameter of statement GETs: {@code exact} returns statements as stored,
 * {@code ids} keeps only identifiers of agents, activities and verbs, {@code canonical} keeps one
 * language of every language map, chosen by Accept-Language.
 */
final class StatementFormats {
  private static final List<String> ACTOR_IDS = List.of("objectType", "mbox", "mbox_sha1sum", "openid", "account");

  private StatementFormats() {}

  static void apply(String format, ObjectNode statement, List<String> languages) {
    switch (format) {
      case "exact" -> { }
      case "ids" -> ids(statement);
      case "canonical" -> canonical(statement, languages);
      default -> throw new IllegalArgumentException(format);
    }
  }

  // ---- ids ----

  private static void ids(ObjectNode s) {
    actorIds(s.get("actor"));
    verbIds(s.get("verb"));
    objectIds(s.get("object"));
    actorIds(s.get("authority"));
    contextIds(s.get("context"));
  }

  private static void objectIds(JsonNode o) {
    if (!(o instanceof ObjectNode obj)) {
      return;
    }
    String type = obj.path("objectType").asText("Activity");
    switch (type) {
      case "Agent", "Group" -> actorIds(obj);
      case "SubStatement" -> {
        actorIds(obj.get("actor"));
        verbIds(obj.get("verb"));
        objectIds(obj.get("object"));
        contextIds(obj.get("context"));
      }
      case "Activity" -> obj.retain("id");
      default -> { }
    }
  }

  private static void actorIds(JsonNode a) {
    if (!(a instanceof ObjectNode obj)) {
      return;
    }
    boolean anonymous = !obj.has("mbox") && !obj.has("mbox_sha1sum") && !obj.has("openid") && !obj.has("account");
    JsonNode members = obj.get("member");
    obj.retain(ACTOR_IDS);
    if (anonymous && members != null) {
      members.forEach(StatementFormats::actorIds);
      obj.set("member", members);
    }
  }

  private static void verbIds(JsonNode v) {
    if (v instanceof ObjectNode obj) {
      obj.retain("id");
    }
  }

  private static void contextIds(JsonNode c) {
    if (!(c instanceof ObjectNode ctx)) {
      return;
    }
    actorIds(ctx.get("instructor"));
    actorIds(ctx.get("team"));
    JsonNode ca = ctx.get("contextActivities");
    if (ca != null) {
      ca.forEach(list -> list.forEach(StatementFormats::objectIds));
    }
    for (String key : List.of("contextAgents", "contextGroups")) {
      JsonNode list = ctx.get(key);
      if (list != null) {
        list.forEach(e -> {
          actorIds(e.get("agent"));
          actorIds(e.get("group"));
        });
      }
    }
  }

  // ---- canonical ----

  private static void canonical(JsonNode n, List<String> languages) {
    if (n instanceof ObjectNode obj) {
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (key.equals("extensions")) {
          continue;
        }
        if ((key.equals("display") || key.equals("name") || key.equals("description")) && e.getValue() instanceof ObjectNode map
            && isLanguageMap(map)) {
          pickLanguage(map, languages);
        } else {
          canonical(e.getValue(), languages);
        }
      }
    } else if (n instanceof ArrayNode array) {
      array.forEach(x -> canonical(x, languages));
    }
  }

  private static boolean isLanguageMap(ObjectNode map) {
    for (JsonNode v : map) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return map.size() > 0;
  }

  private static void pickLanguage(ObjectNode map, List<String> languages) {
    List<String> keys = new ArrayList<>();
    map.fieldNames().forEachRemaining(keys::add);
    String chosen = null;
    for (String wanted : languages) {
      for (String k : keys) {
        if (k.equalsIgnoreCase(wanted) || k.toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT) + "-")) {
          chosen = k;
          break;
        }
      }
      if (chosen != null) {
        break;
      }
    }
    if (chosen == null) {
      chosen = keys.contains("en-US") ? "en-US" : keys.get(0);
    }
    map.retain(chosen);
  }
}
