package org.learntrace.xapi.sink;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.Group;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiTimestamp;

/**
 * xAPI statement comparison (xAPI 1.0.3 Part Two §2.5, 2.0 §5.1.4): whether a statement an LRS has
 * stored is the one we would send. Ignored: {@code id} (the caller already matched it),
 * {@code stored}, {@code authority}, {@code version}, attachments, the order of group members, and
 * {@code timestamp} when ours has none (the LRS then assigns it). Timestamps are compared as
 * instants to the millisecond, language maps in any key order, extension numbers by value.
 */
final class StatementComparison {
  private StatementComparison() {}

  /** Null when {@code stored} has the same content as {@code ours}; otherwise where they first differ. */
  static String difference(Statement ours, Statement stored) {
    Statement a = canonical(ours, ours.timestamp() != null);
    Statement b = canonical(stored, ours.timestamp() != null);
    if (a.equals(b)) {
      return null;
    }
    String path = firstDifference(tree(a), tree(b), "$");
    return path == null ? "$" : path;
  }

  private static Statement canonical(Statement s, boolean keepTimestamp) {
    XapiTimestamp ts = null;
    if (keepTimestamp && s.timestamp() != null) {
      ts = XapiTimestamp.of(s.timestamp().instant().truncatedTo(ChronoUnit.MILLIS));
    }
    Context c = s.context();
    if (c != null && c.team() != null) {
      Group team = sorted(c.team());
      c = new Context(c.registration(), c.instructor() == null ? null : sorted(c.instructor()), team,
          c.contextActivities(), c.revision(), c.platform(), c.language(), c.statement(), c.extensions(),
          c.contextAgents(), c.contextGroups());
    }
    return new Statement(null, sorted(s.actor()), s.verb(), s.object(), s.result(), c, ts, null, null, null, List.of());
  }

  private static <A extends Actor> A sorted(A actor) {
    if (actor instanceof Group g && g.member().size() > 1) {
      List<Agent> members = new ArrayList<>(g.member());
      members.sort(Comparator.comparing(XapiJson::toJson));
      @SuppressWarnings("unchecked")
      A result = (A) g.withMember(members);
      return result;
    }
    return actor;
  }

  private static JsonNode tree(Statement s) {
    try {
      return XapiJson.mapper().readTree(XapiJson.toBytes(s));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstDifference(JsonNode a, JsonNode b, String path) {
    if (a == null || b == null) {
      return a == b ? null : path;
    }
    if (a.isObject() && b.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String d = firstDifference(e.getValue(), b.get(e.getKey()), path + "." + e.getKey());
        if (d != null) {
          return d;
        }
      }
      for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!a.has(k)) {
          return path + "." + k;
        }
      }
      return null;
    }
    if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String d = firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0 ? null : path;
    }
    return a.equals(b) ? null : path;
  }
}
