package org.learntrace.research.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.Statement;

/**
 * The part of a teacher's statement that the engagement measures need.
 *
 * @param teacherId the actor's account name
 * @param verb the verb IRI
 * @param objectId the object's id (activity id, or empty for non-activities)
 * @param moduleId the module: the first {@code parent} activity typed as a module (else the first
 *     {@code parent}), else the object when it is a module; empty when the statement is not about a
 *     module
 * @param timestampMs when it happened (device time), epoch milliseconds
 * @param storedMs when the platform received it: the {@code received-at} context extension when
 *     present (statements from the SDK pipeline), else when the LRS stored it, or
 *     {@link Long#MIN_VALUE} when unknown
 * @param syncedLate the synced-late extension, or null
 * @param device the device-class extension, or null
 * @param playedSegments the played-segments result extension, or null
 * @param videoLength the length context extension, or NaN
 * @param scoreScaled result.score.scaled, or NaN
 * @param success result.success, or null
 */
public record EngagementEvent(String teacherId, String verb, String objectId, String moduleId, long timestampMs,
    long storedMs, Boolean syncedLate, String device, String playedSegments, double videoLength, double scoreScaled,
    Boolean success) {

  /**
   * The event of a statement whose actor is an agent identified by an account in {@code idSpace},
   * or null when the actor is someone else (a student, an observer) or the statement has no
   * timestamp.
   */
  public static EngagementEvent of(Statement s, String idSpace) {
    if (!(s.actor() instanceof Agent a) || a.account() == null || !idSpace.equals(a.account().homePage())
        || s.timestamp() == null || s.verb() == null) {
      return null;
    }
    String objectId = s.object() instanceof Activity act ? act.id() : "";
    String module = "";
    Context c = s.context();
    Extensions ctx = c == null || c.extensions() == null ? Extensions.empty() : c.extensions();
    if (c != null && c.contextActivities() != null && !c.contextActivities().parent().isEmpty()) {
      List<Activity> parents = c.contextActivities().parent();
      module = parents.get(0).id();
      for (Activity p : parents) {
        if (p.definition() != null && Vocabulary.MODULE_TYPE.equals(p.definition().type())) {
          module = p.id();
          break;
        }
      }
    } else if (s.object() instanceof Activity act && act.definition() != null
        && Vocabulary.MODULE_TYPE.equals(act.definition().type())) {
      module = act.id();
    }
    Extensions res = s.result() == null || s.result().extensions() == null ? Extensions.empty() : s.result().extensions();
    double scaled = s.result() != null && s.result().score() != null && s.result().score().scaled() != null
        ? s.result().score().scaled() : Double.NaN;
    return new EngagementEvent(a.account().name(), s.verb().id(), objectId, module,
        s.timestamp().instant().toEpochMilli(),
        received(ctx.get(Vocabulary.EXT_RECEIVED_AT),
            s.stored() == null ? Long.MIN_VALUE : s.stored().instant().toEpochMilli()),
        bool(ctx.get(Vocabulary.EXT_SYNCED_LATE)), text(ctx.get(Vocabulary.EXT_DEVICE)),
        text(res.get(Vocabulary.EXT_PLAYED_SEGMENTS)), number(ctx.get(Vocabulary.EXT_LENGTH)), scaled,
        s.result() == null ? null : s.result().success());
  }

  private static long received(JsonNode n, long stored) {
    if (n != null && n.isTextual()) {
      try {
        return java.time.Instant.parse(n.textValue()).toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        return stored;
      }
    }
    return stored;
  }

  private static Boolean bool(JsonNode n) {
    return n != null && n.isBoolean() ? n.booleanValue() : null;
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static double number(JsonNode n) {
    return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
  }

  /** Verbs that count as community-of-practice activity. */
  static final List<String> COMMUNITY = List.of(Vocabulary.COMMENTED, Vocabulary.SHARED, Vocabulary.ASKED,
      Vocabulary.REPLIED, Vocabulary.TINCAN_REPLIED);
}
