package org.learntrace.lrs.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.learntrace.lrs.spi.IndexEntry;
import org.learntrace.lrs.spi.IndexEntry.Kind;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.ContextActivities;
import org.learntrace.xapi.ContextAgent;
import org.learntrace.xapi.ContextGroup;
import org.learntrace.xapi.Group;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementObject;
import org.learntrace.xapi.SubStatement;

/**
 * What a statement can be found by, following the xAPI query rules: {@code agent} matches the
 * actor or an Agent/Group object, {@code related_agents} also authority, instructor, team, context
 * agents and groups, group members and everything in a SubStatement; {@code activity} matches an
 * Activity object, {@code related_activities} also context activities and SubStatement activities.
 */
final class StatementIndexer {
  private final Set<IndexEntry> entries = new LinkedHashSet<>();

  private StatementIndexer() {}

  static List<IndexEntry> index(Statement s, String authorityKey) {
    StatementIndexer x = new StatementIndexer();
    x.actor(s.actor(), Kind.AGENT);
    x.object(s.object(), false);
    x.add(Kind.VERB, s.verb().id());
    x.context(s.context());
    if (authorityKey != null) {
      x.add(Kind.RELATED_AGENT, authorityKey);
      x.add(Kind.AUTHORITY, authorityKey);
    }
    return new ArrayList<>(x.entries);
  }

  private void object(StatementObject o, boolean nested) {
    if (o instanceof Activity a) {
      add(nested ? Kind.RELATED_ACTIVITY : Kind.ACTIVITY, a.id());
    } else if (o instanceof Actor actor) {
      actor(actor, nested ? Kind.RELATED_AGENT : Kind.AGENT);
    } else if (o instanceof SubStatement sub) {
      actor(sub.actor(), Kind.RELATED_AGENT);
      object(sub.object(), true);
      context(sub.context());
    }
  }

  private void actor(Actor a, Kind kind) {
    if (a == null) {
      return;
    }
    String key = AgentKeys.of(a);
    if (key != null) {
      add(kind, key);
    }
    if (a instanceof Group g) {
      g.member().forEach(m -> actor(m, Kind.RELATED_AGENT));
    }
  }

  private void context(Context c) {
    if (c == null) {
      return;
    }
    if (c.registration() != null) {
      add(Kind.REGISTRATION, c.registration().toString());
    }
    actor(c.instructor(), Kind.RELATED_AGENT);
    actor(c.team(), Kind.RELATED_AGENT);
    for (ContextAgent ca : c.contextAgents()) {
      actor(ca.agent(), Kind.RELATED_AGENT);
    }
    for (ContextGroup cg : c.contextGroups()) {
      actor(cg.group(), Kind.RELATED_AGENT);
    }
    ContextActivities ca = c.contextActivities();
    if (ca != null) {
      for (List<Activity> list : List.of(ca.parent(), ca.grouping(), ca.category(), ca.other())) {
        list.forEach(a -> add(Kind.RELATED_ACTIVITY, a.id()));
      }
    }
  }

  private void add(Kind kind, String value) {
    if (value != null) {
      entries.add(new IndexEntry(kind, value));
    }
  }
}
