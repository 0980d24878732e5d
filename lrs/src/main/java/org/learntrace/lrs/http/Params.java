package org.learntrace.lrs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Group;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiTimestamp;

/** Query parameters of one request, read strictly: each once, known names only, typed. */
final class Params {
  private final MultivaluedMap<String, String> values;

  Params(MultivaluedMap<String, String> values) {
    this.values = values;
  }

  /** Rejects any parameter not in {@code allowed}. */
  Params allowOnly(Set<String> allowed, String resource) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw LrsException.badRequest("unknown parameter(s) " + unknown + " for " + resource + "; allowed: " + new TreeSet<>(allowed));
    }
    return this;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Set<String> names() {
    return values.keySet();
  }

  String optional(String name) {
    List<String> v = values.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      throw LrsException.badRequest("parameter " + name + " given " + v.size() + " times; give it once");
    }
    return v.get(0);
  }

  String required(String name) {
    String v = optional(name);
    if (v == null) {
      throw LrsException.badRequest("parameter " + name + " is required");
    }
    return v;
  }

  String iri(String name, boolean required) {
    String v = required ? required(name) : optional(name);
    if (v != null && !looksLikeIri(v)) {
      throw LrsException.badRequest("parameter " + name + " must be an IRI with a scheme, was \"" + v + "\"");
    }
    return v;
  }

  UUID uuid(String name) {
    String v = optional(name);
    if (v == null) {
      return null;
    }
    if (!v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw LrsException.badRequest("parameter " + name + " must be a UUID, was \"" + v + "\"");
    }
    return UUID.fromString(v);
  }

  Long timestampMillis(String name) {
    String v = optional(name);
    if (v == null) {
      return null;
    }
    try {
      return XapiTimestamp.parse(v).instant().toEpochMilli();
    } catch (IllegalArgumentException e) {
      throw LrsException.badRequest("parameter " + name + ": " + e.getMessage());
    }
  }

  boolean bool(String name, boolean otherwise) {
    String v = optional(name);
    if (v == null) {
      return otherwise;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw LrsException.badRequest("parameter " + name + " must be true or false, was \"" + v + "\"");
    };
  }

  /** An Agent or identified Group given as JSON, as its identifier key. */
  String agentKey(String name, boolean required) {
    String v = required ? required(name) : optional(name);
    return v == null ? null : AgentKeys.of(actor(name, v));
  }

  static Actor actor(String name, String json) {
    Actor actor;
    try {
      JsonNode tree = XapiJson.mapper().readTree(json);
      if (tree == null || !tree.isObject()) {
        throw LrsException.badRequest("parameter " + name + " must be an Agent or Group JSON object, was " + json);
      }
      actor = XapiJson.readActor(json);
    } catch (JsonProcessingException e) {
      throw LrsException.badRequest("parameter " + name + " is not valid JSON: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      if (e instanceof LrsException le) {
        throw le;
      }
      throw LrsException.badRequest("parameter " + name + " is not a valid Agent or Group: " + e.getMessage());
    }
    if (actor.ifiCount() != 1) {
      throw LrsException.badRequest("parameter " + name + " must identify one Agent or identified Group by exactly one of "
          + "mbox, mbox_sha1sum, openid, account; found " + actor.ifiCount());
    }
    if (actor instanceof Group) {
      return actor;
    }
    if (actor.mbox() != null && !actor.mbox().startsWith("mailto:")) {
      throw LrsException.badRequest("parameter " + name + ": mbox must be a mailto IRI, was \"" + actor.mbox() + "\"");
    }
    if (actor.account() != null && (actor.account().homePage() == null || actor.account().name() == null)) {
      throw LrsException.badRequest("parameter " + name + ": account needs homePage and name");
    }
    return actor;
  }

  static boolean looksLikeIri(String v) {
    int colon = v.indexOf(':');
    if (colon < 1 || v.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = v.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
