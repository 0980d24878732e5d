package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import java.util.Objects;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.ModuleLifecycle.Step;
import org.learntrace.xapi.Statement;

/**
 * The inverse of {@link EventMapper}: a statement it wrote, as the SDK event it came from. With the
 * catalog the mapper used (the same platform IRI and id spaces), {@code reader.toEvent(
 * mapper.toStatement(id, event, version))} equals {@code event} for every event type and both
 * versions, also after a round trip through JSON.
 *
 * <p>What the identity assumes: instants in the event have millisecond precision (xAPI timestamps
 * are written with milliseconds); a {@code Location} with no part at all is read as absent (null)
 * where the event allows that; and a person read back is pseudonymous unless the statement says its
 * id was sent in clear. Fields xAPI has no home for travel in LearnTrace extensions, each defined
 * in the profile; nothing embeds the event as a whole.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventReader {
  private final CourseCatalog catalog;
  private final Iris iris;

  private EventReader(CourseCatalog catalog) {
    this.catalog = catalog;
    this.iris = new Iris(catalog);
  }

  /** A reader for statements written with {@code catalog}'s platform IRI and id spaces. */
  public static EventReader create(CourseCatalog catalog) {
    return new EventReader(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * The event {@code statement} records.
   *
   * @throws IllegalArgumentException naming what is missing or foreign when the statement is not
   *     one the LearnTrace mapping writes
   */
  public LearningEvent toEvent(Statement statement) {
    Objects.requireNonNull(statement, "statement");
    if (statement.verb() == null || statement.object() == null) {
      throw new IllegalArgumentException("statement " + statement.id() + " has no verb or object");
    }
    StatementFacts f = new StatementFacts(statement, catalog, iris);
    String verb = statement.verb().id();
    String objectType = f.objectType();
    switch (verb) {
      case LAUNCHED: return ModuleStatements.lifecycle(Step.LAUNCHED, f);
      case INITIALIZED: return ModuleStatements.lifecycle(Step.INITIALIZED, f);
      case ABANDONED: return ModuleStatements.lifecycle(Step.ABANDONED, f);
      case WAIVED: return ModuleStatements.lifecycle(Step.WAIVED, f);
      case TERMINATED: return ModuleStatements.lifecycle(Step.TERMINATED, f);
      case SATISFIED: return ModuleStatements.lifecycle(Step.SATISFIED, f);
      case COMPLETED:
        return VIDEO_TYPE.equals(objectType) ? VideoStatements.read(verb, f) : ModuleStatements.lifecycle(Step.COMPLETED, f);
      case PASSED:
        return ASSESSMENT_TYPE.equals(objectType) ? QuizStatements.finished(f) : ModuleStatements.lifecycle(Step.PASSED, f);
      case FAILED:
        return ASSESSMENT_TYPE.equals(objectType) ? QuizStatements.finished(f) : ModuleStatements.lifecycle(Step.FAILED, f);
      case PLAYED:
      case PAUSED:
      case SEEKED:
      case INTERACTED:
        return VideoStatements.read(verb, f);
      case ANSWERED:
        return QUESTION_TYPE.equals(objectType) ? FieldworkStatements.survey(f) : QuizStatements.answered(f);
      case COMMENTED: return CommunityStatements.read(CommunityAction.Verb.COMMENTED, f);
      case SHARED: return CommunityStatements.read(CommunityAction.Verb.SHARED, f);
      case ASKED: return CommunityStatements.read(CommunityAction.Verb.ASKED, f);
      case REPLIED: return CommunityStatements.read(CommunityAction.Verb.REPLIED, f);
      case ATTENDED: return FieldworkStatements.attendance(true, f);
      case MISSED: return FieldworkStatements.attendance(false, f);
      case VISITED: return FieldworkStatements.supportVisit(f);
      case ATTEMPTED: return OutcomeStatements.assessment(f);
      case OBSERVED: return OutcomeStatements.observation(f);
      case WITHDREW_CONSENT: return ModuleStatements.consent(f);
      default:
        throw new IllegalArgumentException("verb " + verb + " of statement " + statement.id() + " is not one LearnTrace writes");
    }
  }
}
