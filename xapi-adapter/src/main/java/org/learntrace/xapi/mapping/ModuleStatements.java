package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.ModuleLifecycle.Step;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Score;

/**
 * cmi5-style module lifecycle statements, and the consent withdrawal a sink turns into voiding.
 *
 * <p>Lifecycle: actor = the learner, verb = the cmi5 verb of the step, object = the module (the
 * course for a course-level step), {@code registration} = the enrolment (a UUID; a non-UUID
 * enrolment id gets a name-based UUID and keeps its text in the {@code enrolment} extension),
 * cmi5 {@code sessionid}, categories cmi5 (and moveon on completed/passed/failed), mastery score and
 * moveOn from the catalog. Result: cmi5's success/completion for the verb, {@code score.scaled}
 * and the duration when the event has them.
 */
final class ModuleStatements {
  private ModuleStatements() {}

  static final Map<Step, String> VERBS = Map.of(
      Step.LAUNCHED, LAUNCHED, Step.INITIALIZED, INITIALIZED, Step.COMPLETED, COMPLETED,
      Step.PASSED, PASSED, Step.FAILED, FAILED, Step.ABANDONED, ABANDONED, Step.WAIVED, WAIVED,
      Step.TERMINATED, TERMINATED, Step.SATISFIED, SATISFIED);

  static void lifecycle(ModuleLifecycle e, StatementDraft d) {
    CourseModule cm = e.module();
    d.actor(e.learner(), Person.Role.TEACHER);
    d.verb(VERBS.get(e.step()));
    d.occurrence(e.occurrence());
    if (cm.module() != null) {
      d.object(d.moduleActivity(cm));
      d.context.grouping(d.courseActivity(cm.course()));
    } else {
      d.object(d.courseActivity(cm.course()));
    }
    d.study(cm.course());
    d.category(CMI5_CATEGORY);
    boolean moveOn = e.step() == Step.COMPLETED || e.step() == Step.PASSED || e.step() == Step.FAILED;
    if (moveOn) {
      d.category(MOVEON_CATEGORY);
    }
    if (e.registration() != null) {
      UUID registration = registration(e.registration());
      d.context.registration(registration);
      if (!registration.toString().equals(e.registration())) {
        d.contextExtension(ENROLMENT, e.registration());
      }
    }
    d.contextExtension(CMI5_SESSION, e.sessionId());
    CourseCatalog.ModuleInfo info = cm.module() == null ? null : d.catalog.module(cm.course(), cm.module());
    if (info != null && info.masteryScore() != null && (e.step() == Step.PASSED || e.step() == Step.FAILED)) {
      d.contextExtension(MASTERY_SCORE, info.masteryScore());
    }
    if (info != null && info.moveOn() != null && e.step() == Step.LAUNCHED) {
      d.contextExtension(MOVEON, info.moveOn());
    }
    switch (e.step()) {
      case COMPLETED -> d.completion(true);
      case PASSED -> d.success(true);
      case FAILED -> d.success(false);
      case WAIVED -> {
        d.success(true);
        d.completion(true);
      }
      default -> { }
    }
    if (e.scoreScaled() != null) {
      d.score(Score.scaled(e.scoreScaled()));
    }
    d.duration(e.duration());
  }

  static ModuleLifecycle lifecycle(Step step, StatementFacts f) {
    Result r = f.result();
    String enrolment = f.contextText(ENROLMENT);
    if (enrolment == null && f.context() != null && f.context().registration() != null) {
      enrolment = f.context().registration().toString();
    }
    return new ModuleLifecycle(f.occurrence(), f.actor(Person.Role.TEACHER), f.courseModule(), step, enrolment,
        f.contextText(CMI5_SESSION), r.score() == null ? null : r.score().scaled(), f.duration());
  }

  /** The enrolment as a UUID: itself when it is one, else a name-based UUID of its text. */
  static UUID registration(String enrolment) {
    try {
      UUID u = UUID.fromString(enrolment);
      if (u.toString().equals(enrolment)) {
        return u;
      }
    } catch (IllegalArgumentException notAUuid) {
      // fall through: derive one
    }
    return UUID.nameUUIDFromBytes(("learntrace:enrolment:" + enrolment).getBytes(StandardCharsets.UTF_8));
  }

  // ---- consent ----

  /**
   * actor = the person, verb {@code withdrew-consent}, object = the course's consent activity
   * ({@code …/consent/<scope>}); a sink recognises it by the verb and voids the person's other
   * statements.
   */
  static void consent(ConsentWithdrawn e, StatementDraft d) {
    d.actor(e.person(), Person.Role.TEACHER);
    d.verb(WITHDREW_CONSENT);
    d.occurrence(e.occurrence());
    String iri = d.iris.course(e.module().course()) + "/consent" + (e.scope() == null ? "" : "/" + Iris.encode(e.scope()));
    d.object(StatementDraft.activity(iri, CONSENT_TYPE, null));
    d.courseContext(e.module());
  }

  static ConsentWithdrawn consent(StatementFacts f) {
    CourseModule cm = f.courseModule();
    Activity object = f.object();
    String bare = f.iris.course(cm.course()) + "/consent";
    String scope = object.id().equals(bare) ? null
        : StatementFacts.required(Iris.localId(object.id(), bare + "/"), "consent IRI", object.id());
    return new ConsentWithdrawn(f.occurrence(), f.actor(Person.Role.TEACHER), cm, scope);
  }
}
