package org.learntrace.xapi.lrs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiTimestamp;

/**
 * The filters of a statement query ({@code GET /statements}). Every filter is optional.
 *
 * <pre>{@code
 * StatementQuery q = StatementQuery.builder()
 *     .agent(teacher).relatedAgents(true)          // engagement and outcomes of one teacher
 *     .since(Instant.parse("2026-03-01T00:00:00Z")) // on stored time, not timestamp
 *     .limit(500)
 *     .build();
 * }</pre>
 */
public final class StatementQuery {
  /** The {@code format} parameter. */
  public enum Format {
    IDS("ids"),
    EXACT("exact"),
    CANONICAL("canonical");

    final String text;

    Format(String text) {
      this.text = text;
    }
  }

  private final Actor agent;
  private final String verb;
  private final String activity;
  private final UUID registration;
  private final boolean relatedActivities;
  private final boolean relatedAgents;
  private final Instant since;
  private final Instant until;
  private final int limit;
  private final Format format;
  private final boolean ascending;

  private StatementQuery(Builder b) {
    agent = b.agent;
    verb = b.verb;
    activity = b.activity;
    registration = b.registration;
    relatedActivities = b.relatedActivities;
    relatedAgents = b.relatedAgents;
    since = b.since;
    until = b.until;
    limit = b.limit;
    format = b.format;
    ascending = b.ascending;
  }

  /** A builder; with nothing set, the query returns every statement. */
  public static Builder builder() {
    return new Builder();
  }

  /** The URL query string, without the leading {@code ?}. */
  public String toQueryString() {
    StringBuilder q = new StringBuilder();
    if (agent != null) {
      add(q, "agent", XapiJson.toJson(agent));
    }
    add(q, "verb", verb);
    add(q, "activity", activity);
    add(q, "registration", registration == null ? null : registration.toString());
    if (relatedActivities) {
      add(q, "related_activities", "true");
    }
    if (relatedAgents) {
      add(q, "related_agents", "true");
    }
    add(q, "since", since == null ? null : XapiTimestamp.of(since).text());
    add(q, "until", until == null ? null : XapiTimestamp.of(until).text());
    if (limit > 0) {
      add(q, "limit", Integer.toString(limit));
    }
    add(q, "format", format == null ? null : format.text);
    if (ascending) {
      add(q, "ascending", "true");
    }
    return q.toString();
  }

  private static void add(StringBuilder q, String name, String value) {
    if (value == null) {
      return;
    }
    if (q.length() > 0) {
      q.append('&');
    }
    q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return toQueryString();
  }

  /** Collects filters. */
  public static final class Builder {
    private Actor agent;
    private String verb;
    private String activity;
    private UUID registration;
    private boolean relatedActivities;
    private boolean relatedAgents;
    private Instant since;
    private Instant until;
    private int limit;
    private Format format;
    private boolean ascending;

    private Builder() {}

    /** Statements whose actor (or object, for Agent objects) is this Agent or Group. */
    public Builder agent(Actor agent) {
      this.agent = agent;
      return this;
    }

    /** Statements with this verb IRI. */
    public Builder verb(String verbIri) {
      this.verb = verbIri;
      return this;
    }

    /** Statements whose object is this activity IRI. */
    public Builder activity(String activityIri) {
      this.activity = activityIri;
      return this;
    }

    /** Statements of this registration. */
    public Builder registration(UUID registration) {
      this.registration = registration;
      return this;
    }

    /** Also match the activity in context activities and sub-statements. */
    public Builder relatedActivities(boolean related) {
      this.relatedActivities = related;
      return this;
    }

    /** Also match the agent as instructor, team, authority, context agent or in a sub-statement. */
    public Builder relatedAgents(boolean related) {
      this.relatedAgents = related;
      return this;
    }

    /** Statements stored after this instant (exclusive). */
    public Builder since(Instant since) {
      this.since = since;
      return this;
    }

    /** Statements stored at or before this instant. */
    public Builder until(Instant until) {
      this.until = until;
      return this;
    }

    /** At most this many statements per page; 0 lets the LRS decide. */
    public Builder limit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must be >= 0, was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** How agents, activities and groups are returned. */
    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    /** Oldest first. */
    public Builder ascending(boolean ascending) {
      this.ascending = ascending;
      return this;
    }

    public StatementQuery build() {
      return new StatementQuery(this);
    }
  }
}
