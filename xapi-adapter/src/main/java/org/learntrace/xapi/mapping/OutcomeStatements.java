package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.learntrace.sdk.AssessmentResultRecorded;
import org.learntrace.sdk.AssessmentResultRecorded.ItemScore;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.LessonObserved;
import org.learntrace.sdk.LessonObserved.IndicatorScore;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.ContextAgent;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Score;

/**
 * Classroom outcomes, linked to the teacher so that {@code agent=<teacher>&related_agents=true}
 * returns engagement and outcomes together.
 *
 * <ul>
 *   <li>Assessment result: actor = the student, ADL {@code attempted}, object = the instrument in
 *       the wave ({@code …/instruments/<id>/waves/<wave>}, ADL type assessment), {@code revision} =
 *       the instrument version; result = total ({@code raw}) and scaled score, item scores in
 *       {@code item-scores}; instructor = the teacher, team = the class, school and its units, the
 *       arm, the wave and the study as grouping; the assessor in {@code assessor} (1.0.3) or as a
 *       context agent (2.0.0, where the teacher and the class are context agent and group too).
 *   <li>Lesson observation: actor = the observer, LearnTrace {@code observed}, object = the lesson
 *       (ADL type lesson), instructor = the teacher, team = the class; result.score.raw = the
 *       total, indicator scores in {@code indicator-scores}; the rubric as an "other" activity,
 *       its version in {@code rubric-version}.
 * </ul>
 */
final class OutcomeStatements {
  private OutcomeStatements() {}

  static void assessment(AssessmentResultRecorded e, StatementDraft d, String statementId) {
    CourseModule cm = e.module();
    d.actor(e.student(), Person.Role.STUDENT);
    d.verb(ATTEMPTED);
    d.occurrence(e.occurrence());
    String wave = StatementDraft.enumText(e.wave());
    d.object(StatementDraft.activity(
        d.iris.inCourse(cm.course(), "instruments", e.instrument()) + "/waves/" + wave, ASSESSMENT_TYPE,
        d.catalog.name(CourseCatalog.Kind.INSTRUMENT, cm.course(), e.instrument())));
    d.context.revision(e.instrumentVersion());
    d.instructor(e.teacher());
    d.courseContext(cm);
    if (e.arm() != null) {
      d.context.grouping(StatementDraft.activity(d.iris.inCourse(cm.course(), "arms", e.arm()), ARM_TYPE, null));
    }
    d.context.grouping(StatementDraft.activity(d.iris.topLevel("waves", wave), WAVE_TYPE, null));
    d.location(e.location());
    if (e.assessor() != null) {
      Agent assessor = d.agent(e.assessor(), "assessor", Person.Role.OBSERVER);
      if (d.version.hasContextAgentsAndGroups()) {
        d.context.contextAgent(new ContextAgent(assessor, List.of(ROLE_ASSESSOR)));
      } else {
        ObjectNode account = StatementDraft.JSON.objectNode();
        account.put("homePage", assessor.account().homePage()).put("name", assessor.account().name());
        d.contextExtension(ASSESSOR, account);
      }
    }
    if (e.gender() != null) {
      d.contextExtension(GENDER, StatementDraft.enumText(e.gender()));
    }
    d.contextExtension(GRADE, StatementDraft.JSON.numberNode(e.grade()));
    d.contextExtension(FORM, e.form());
    d.date(e.date());
    if (e.total() != null || e.scaled() != null) {
      d.score(new Score(e.scaled(), e.total(), null, null));
    }
    ArrayNode items = StatementDraft.array();
    for (ItemScore i : e.items()) {
      ObjectNode o = items.addObject();
      if (i.item() != null) {
        o.put("item", i.item());
      }
      if (i.score() != null) {
        o.put("score", i.score());
      }
      o.put("max", i.max());
      if (i.missingCode() != null) {
        o.put("missingCode", i.missingCode());
      }
    }
    d.resultExtension(ITEM_SCORES, items);
  }

  static AssessmentResultRecorded assessment(StatementFacts f) {
    CourseModule cm = f.courseModule();
    Activity object = f.object();
    String prefix = f.iris.course(cm.course()) + "/instruments/";
    int waves = object.id().lastIndexOf("/waves/");
    String instrument = waves < 0 ? null : Iris.localId(object.id().substring(0, waves), prefix);
    StatementFacts.required(instrument, "instrument IRI", object.id());
    Activity waveActivity = f.grouping(WAVE_TYPE);
    String wave = waveActivity == null ? null : Iris.localId(waveActivity.id(), f.iris.platformPrefix("waves"));
    StatementFacts.required(wave, "wave grouping activity", String.valueOf(waveActivity));
    Activity armActivity = f.grouping(ARM_TYPE);
    String arm = armActivity == null ? null
        : StatementFacts.required(Iris.localId(armActivity.id(), f.iris.course(cm.course()) + "/arms/"), "arm IRI", armActivity.id());
    Person assessor = null;
    for (ContextAgent a : f.context().contextAgents()) {
      if (a.relevantTypes().contains(ROLE_ASSESSOR)) {
        assessor = f.person(a.agent(), "assessor", Person.Role.OBSERVER);
      }
    }
    JsonNode account = f.contextNode(ASSESSOR);
    if (account != null) {
      assessor = f.person(Agent.ofAccount(account.path("homePage").asText(), account.path("name").asText()), "assessor", Person.Role.OBSERVER);
    }
    String gender = f.contextText(GENDER);
    JsonNode grade = f.contextNode(GRADE);
    if (grade == null) {
      throw new IllegalArgumentException("context.extensions['" + GRADE + "'] is required");
    }
    List<ItemScore> items = new ArrayList<>();
    JsonNode list = f.resultNode(ITEM_SCORES);
    if (list != null) {
      for (JsonNode i : list) {
        items.add(new ItemScore(text(i, "item"), i.has("score") ? i.get("score").doubleValue() : null,
            i.path("max").doubleValue(), text(i, "missingCode")));
      }
    }
    Location location = f.location();
    Result r = f.result();
    return new AssessmentResultRecorded(f.occurrence(), f.actor(Person.Role.STUDENT), f.instructor(), assessor, cm,
        location == null ? new Location(null, null, null, null, null, null) : location,
        gender == null ? null : AssessmentResultRecorded.Gender.valueOf(gender.toUpperCase(Locale.ROOT)),
        grade.intValue(), arm, AssessmentResultRecorded.Wave.valueOf(wave.toUpperCase(Locale.ROOT)), instrument,
        f.context().revision(), f.contextText(FORM), f.date(), items,
        r.score() == null ? null : r.score().raw(), r.score() == null ? null : r.score().scaled());
  }

  static void observation(LessonObserved e, StatementDraft d, String statementId) {
    CourseModule cm = e.module();
    d.actor(e.observer(), Person.Role.OBSERVER);
    d.verb(OBSERVED);
    d.occurrence(e.occurrence());
    Location l = e.location();
    String lesson = l != null && l.classId() != null && e.date() != null
        ? d.iris.topLevel("lessons", l.classId()) + "/" + e.date()
        : d.iris.topLevel("lessons", statementId);
    d.object(StatementDraft.activity(lesson, LESSON_TYPE, null));
    d.instructor(e.teacher());
    d.courseContext(cm);
    d.location(l);
    d.context.other(StatementDraft.activity(d.iris.inCourse(cm.course(), "rubrics", e.rubric()), RUBRIC_TYPE,
        d.catalog.name(CourseCatalog.Kind.RUBRIC, cm.course(), e.rubric())));
    d.contextExtension(RUBRIC_VERSION, e.rubricVersion());
    d.date(e.date());
    d.score(new Score(null, e.total(), null, null));
    ArrayNode indicators = StatementDraft.array();
    for (IndicatorScore i : e.indicators()) {
      ObjectNode o = indicators.addObject();
      if (i.indicator() != null) {
        o.put("indicator", i.indicator());
      }
      o.put("score", i.score()).put("max", i.max());
    }
    d.resultExtension(INDICATOR_SCORES, indicators);
  }

  static LessonObserved observation(StatementFacts f) {
    CourseModule cm = f.courseModule();
    Activity rubric = f.other(RUBRIC_TYPE);
    String rubricId = rubric == null ? null : Iris.localId(rubric.id(), f.iris.course(cm.course()) + "/rubrics/");
    StatementFacts.required(rubricId, "rubric activity", String.valueOf(rubric));
    List<IndicatorScore> indicators = new ArrayList<>();
    JsonNode list = f.resultNode(INDICATOR_SCORES);
    if (list != null) {
      for (JsonNode i : list) {
        indicators.add(new IndicatorScore(text(i, "indicator"), i.path("score").doubleValue(), i.path("max").doubleValue()));
      }
    }
    Result r = f.result();
    if (r.score() == null || r.score().raw() == null) {
      throw new IllegalArgumentException("an observation needs result.score.raw (the total)");
    }
    return new LessonObserved(f.occurrence(), f.instructor(), f.actor(Person.Role.OBSERVER), cm, f.location(), rubricId,
        f.contextText(RUBRIC_VERSION), f.date(), indicators, r.score().raw());
  }

  private static String text(JsonNode object, String field) {
    JsonNode n = object.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
