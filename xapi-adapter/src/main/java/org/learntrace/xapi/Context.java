package org.learntrace.xapi;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The context of a statement: the registration (enrolment), the instructor and team, related
 * activities, platform and language, a related statement, extensions, and in xAPI 2.0.0 the agents
 * and groups that took part. Every property is optional; lists are never null.
 *
 * @param registration the enrolment this statement belongs to, or null
 * @param instructor the instructor, or null
 * @param team the team (LearnTrace: the class), or null
 * @param contextActivities related activities, or null
 * @param revision revision of the learning activity, or null (only with an Activity object)
 * @param platform the platform used, or null (only with an Activity object)
 * @param language the RFC 5646 language of the experience, or null
 * @param statement a related statement, or null
 * @param extensions extensions, or null
 * @param contextAgents 2.0.0 only: agents in the context; empty when absent
 * @param contextGroups 2.0.0 only: groups in the context; empty when absent
 */
public record Context(
    UUID registration,
    Actor instructor,
    Group team,
    ContextActivities contextActivities,
    String revision,
    String platform,
    String language,
    StatementRef statement,
    Extensions extensions,
    List<ContextAgent> contextAgents,
    List<ContextGroup> contextGroups) {

  /** Copies the lists; null becomes empty. */
  public Context {
    contextAgents = contextAgents == null ? List.of() : List.copyOf(contextAgents);
    contextGroups = contextGroups == null ? List.of() : List.copyOf(contextGroups);
  }

  /** Whether this context uses properties that exist only in xAPI 2.0.0. */
  public boolean usesVersion2Properties() {
    return !contextAgents.isEmpty() || !contextGroups.isEmpty();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a context; every property is optional. */
  public static final class Builder {
    private UUID registration;
    private Actor instructor;
    private Group team;
    private final List<Activity> parent = new ArrayList<>(2);
    private final List<Activity> grouping = new ArrayList<>(4);
    private final List<Activity> category = new ArrayList<>(2);
    private final List<Activity> other = new ArrayList<>(0);
    private String revision;
    private String platform;
    private String language;
    private StatementRef statement;
    private Extensions extensions;
    private final List<ContextAgent> contextAgents = new ArrayList<>(0);
    private final List<ContextGroup> contextGroups = new ArrayList<>(0);

    private Builder() {}

    public Builder registration(UUID registration) {
      this.registration = registration;
      return this;
    }

    public Builder instructor(Actor instructor) {
      this.instructor = instructor;
      return this;
    }

    public Builder team(Group team) {
      this.team = team;
      return this;
    }

    /** Adds a parent activity. */
    public Builder parent(Activity activity) {
      parent.add(activity);
      return this;
    }

    /** Adds a grouping activity. */
    public Builder grouping(Activity activity) {
      grouping.add(activity);
      return this;
    }

    /** Adds a category activity (a profile the statement follows). */
    public Builder category(Activity activity) {
      category.add(activity);
      return this;
    }

    /** Adds an "other" context activity. */
    public Builder other(Activity activity) {
      other.add(activity);
      return this;
    }

    public Builder revision(String revision) {
      this.revision = revision;
      return this;
    }

    public Builder platform(String platform) {
      this.platform = platform;
      return this;
    }

    public Builder language(String language) {
      this.language = language;
      return this;
    }

    public Builder statement(StatementRef statement) {
      this.statement = statement;
      return this;
    }

    public Builder extensions(Extensions extensions) {
      this.extensions = extensions;
      return this;
    }

    /** Adds a context agent (xAPI 2.0.0). */
    public Builder contextAgent(ContextAgent agent) {
      contextAgents.add(agent);
      return this;
    }

    /** Adds a context group (xAPI 2.0.0). */
    public Builder contextGroup(ContextGroup group) {
      contextGroups.add(group);
      return this;
    }

    public Context build() {
      boolean anyActivity = !(parent.isEmpty() && grouping.isEmpty() && category.isEmpty() && other.isEmpty());
      return new Context(
          registration,
          instructor,
          team,
          anyActivity ? new ContextActivities(parent, grouping, category, other) : null,
          revision,
          platform,
          language,
          statement,
          extensions,
          contextAgents,
          contextGroups);
    }
  }
}
