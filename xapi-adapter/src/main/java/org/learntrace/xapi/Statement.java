package org.learntrace.xapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An xAPI statement: {@code actor} {@code verb} {@code object}, with optional result, context,
 * timestamp and attachments, and the properties an LRS sets ({@code stored}, {@code authority}).
 *
 * <p>Immutable. Objects and scalars are null when absent; {@code attachments} is never null. The
 * model holds any structurally well-typed statement, valid or not, so that every rule can be
 * reported at once: check one with {@link StatementValidator} before sending it.
 *
 * <pre>{@code
 * Statement s = Statement.builder()
 *     .id(id)
 *     .actor(Agent.ofAccount("https://muktopaath.gov.bd/teachers", pseudonym))
 *     .verb(Verb.of("https://w3id.org/xapi/video/verbs/played", "en-US", "played"))
 *     .object(Activity.of("https://muktopaath.gov.bd/ags/m3/video/1"))
 *     .timestamp(Instant.parse("2026-03-14T09:26:53.589Z"))
 *     .build();
 * }</pre>
 *
 * @param id the statement id, or null (the LRS assigns one)
 * @param actor who; required
 * @param verb did what; required
 * @param object to what; required
 * @param result the outcome, or null
 * @param context the context, or null
 * @param timestamp when it happened, or null (the LRS uses stored)
 * @param stored when the LRS stored it, or null
 * @param authority who vouches for it, or null
 * @param version the xAPI version the statement conforms to, or null
 * @param attachments attachment metadata; empty when absent
 */
public record Statement(
    UUID id,
    Actor actor,
    Verb verb,
    StatementObject object,
    Result result,
    Context context,
    XapiTimestamp timestamp,
    XapiTimestamp stored,
    Actor authority,
    String version,
    List<Attachment> attachments) {

  /** Copies the attachments; null becomes empty. */
  public Statement {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** Whether this statement voids another: verb {@code voided} and a StatementRef object. */
  public boolean isVoiding() {
    return verb != null && verb.isVoiding() && object instanceof StatementRef;
  }

  /** A copy with the given id. */
  public Statement withId(UUID newId) {
    return new Statement(newId, actor, verb, object, result, context, timestamp, stored, authority, version, attachments);
  }

  /** A copy with the LRS-assigned properties set. */
  public Statement withStored(XapiTimestamp newStored, Actor newAuthority, String newVersion) {
    return new Statement(id, actor, verb, object, result, context, timestamp, newStored, newAuthority, newVersion, attachments);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a statement; actor, verb and object are required by the validator, not the builder. */
  public static final class Builder {
    private UUID id;
    private Actor actor;
    private Verb verb;
    private StatementObject object;
    private Result result;
    private Context context;
    private XapiTimestamp timestamp;
    private XapiTimestamp stored;
    private Actor authority;
    private String version;
    private final List<Attachment> attachments = new ArrayList<>(0);

    private Builder() {}

    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    public Builder actor(Actor actor) {
      this.actor = actor;
      return this;
    }

    public Builder verb(Verb verb) {
      this.verb = verb;
      return this;
    }

    public Builder object(StatementObject object) {
      this.object = object;
      return this;
    }

    public Builder result(Result result) {
      this.result = result;
      return this;
    }

    public Builder context(Context context) {
      this.context = context;
      return this;
    }

    public Builder timestamp(XapiTimestamp timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** Sets the timestamp to {@code instant} in UTC with milliseconds. */
    public Builder timestamp(Instant instant) {
      this.timestamp = instant == null ? null : XapiTimestamp.of(instant);
      return this;
    }

    public Builder stored(XapiTimestamp stored) {
      this.stored = stored;
      return this;
    }

    public Builder authority(Actor authority) {
      this.authority = authority;
      return this;
    }

    /** Sets the {@code version} property, e.g. {@code 1.0.3} or {@code 2.0.0}. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** Adds an attachment. */
    public Builder attachment(Attachment attachment) {
      attachments.add(attachment);
      return this;
    }

    public Statement build() {
      return new Statement(id, actor, verb, object, result, context, timestamp, stored, authority, version, attachments);
    }
  }
}
