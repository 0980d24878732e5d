package org.learntrace.xapi;

import java.util.List;

/**
 * A statement used as the object of another, for example "the teacher planned to observe a
 * lesson". It has no id, stored, version or authority, and cannot contain another SubStatement.
 *
 * @param actor who; required
 * @param verb did what; required
 * @param object to what; required
 * @param result the outcome, or null
 * @param context the context, or null
 * @param timestamp when, or null
 * @param attachments attachment metadata; empty when absent
 */
public record SubStatement(
    Actor actor,
    Verb verb,
    StatementObject object,
    Result result,
    Context context,
    XapiTimestamp timestamp,
    List<Attachment> attachments)
    implements StatementObject {

  /** Copies the attachments; null becomes empty. */
  public SubStatement {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A sub-statement of actor, verb and object only. */
  public static SubStatement of(Actor actor, Verb verb, StatementObject object) {
    return new SubStatement(actor, verb, object, null, null, null, List.of());
  }

  @Override
  public String objectType() {
    return "SubStatement";
  }
}
