package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.learntrace.sdk.AttendanceRecorded;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.SupportVisitRecorded;
import org.learntrace.sdk.SurveyAnswered;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Result;

/**
 * What happens off the platform but is recorded on it.
 *
 * <ul>
 *   <li>Attendance: ADL {@code attended} (present) or LearnTrace {@code missed} (absent); object =
 *       the training session (ADL type meeting); the day in the {@code date} extension; the venue
 *       as grouping activities and team.
 *   <li>Support visit: actor = the visitor (headteacher or officer), LearnTrace {@code visited},
 *       object = the teacher visited (an Agent, so an LRS query by the teacher finds it); the coded
 *       purpose in {@code visit-purpose}, the day in {@code date}, the school as grouping.
 *   <li>Survey answer: ADL {@code answered}, object = the question (ADL type question) with the
 *       survey as parent; result.response = the coded answer, the numeric answer in
 *       {@code numeric-answer}, the logged measure it pairs with in {@code paired-measure}.
 * </ul>
 */
final class FieldworkStatements {
  private FieldworkStatements() {}

  static void attendance(AttendanceRecorded e, StatementDraft d) {
    CourseModule cm = e.module();
    d.actor(e.participant(), Person.Role.TEACHER);
    d.verb(e.present() ? ATTENDED : MISSED);
    d.occurrence(e.occurrence());
    String iri = e.trainingSession() == null ? d.iris.course(cm.course()) + "/training"
        : d.iris.inCourse(cm.course(), "training-sessions", e.trainingSession());
    d.object(StatementDraft.activity(iri, MEETING_TYPE, null));
    d.courseContext(cm);
    d.location(e.venue());
    d.date(e.date());
  }

  static AttendanceRecorded attendance(boolean present, StatementFacts f) {
    CourseModule cm = f.courseModule();
    String iri = f.object().id();
    String session = iri.equals(f.iris.course(cm.course()) + "/training") ? null
        : StatementFacts.required(Iris.localId(iri, f.iris.course(cm.course()) + "/training-sessions/"), "training session IRI", iri);
    return new AttendanceRecorded(f.occurrence(), f.actor(Person.Role.TEACHER), cm, session, required(f), present, f.location());
  }

  static void supportVisit(SupportVisitRecorded e, StatementDraft d) {
    d.actor(e.visitor(), Person.Role.HEADTEACHER);
    d.verb(VISITED);
    d.occurrence(e.occurrence());
    d.object(d.agent(e.teacher(), "object", Person.Role.TEACHER));
    d.courseContext(e.module());
    d.location(e.school());
    d.date(e.date());
    d.contextExtension(VISIT_PURPOSE, e.purpose());
  }

  static SupportVisitRecorded supportVisit(StatementFacts f) {
    if (!(f.statement.object() instanceof Agent teacher)) {
      throw new IllegalArgumentException("object of a support visit must be the teacher visited (an Agent)");
    }
    return new SupportVisitRecorded(f.occurrence(), f.person(teacher, "object", Person.Role.TEACHER),
        f.actor(Person.Role.HEADTEACHER), f.courseModule(), f.location(), required(f), f.contextText(VISIT_PURPOSE));
  }

  static void survey(SurveyAnswered e, StatementDraft d) {
    CourseModule cm = e.module();
    d.actor(e.respondent(), Person.Role.TEACHER);
    d.verb(ANSWERED);
    d.occurrence(e.occurrence());
    String iri;
    if (e.survey() == null) {
      iri = d.iris.inCourse(cm.course(), "survey-questions", e.question());
    } else {
      iri = d.iris.inCourse(cm.course(), "surveys", e.survey()) + "/questions/" + Iris.encode(e.question());
    }
    d.object(StatementDraft.activity(iri, QUESTION_TYPE,
        e.survey() == null ? null : d.catalog.name(CourseCatalog.Kind.QUESTION, cm.course(), e.survey(), e.question())));
    d.courseContext(cm);
    if (e.survey() != null) {
      d.context.parent(StatementDraft.activity(d.iris.inCourse(cm.course(), "surveys", e.survey()), SURVEY_TYPE,
          d.catalog.name(CourseCatalog.Kind.SURVEY, cm.course(), e.survey())));
    }
    d.contextExtension(PAIRED_MEASURE, e.pairedMeasure());
    d.response(e.answer());
    if (e.value() != null) {
      d.resultExtension(NUMERIC_ANSWER, e.value());
    }
  }

  static SurveyAnswered survey(StatementFacts f) {
    CourseModule cm = f.courseModule();
    String iri = f.object().id();
    Activity parent = f.parent(SURVEY_TYPE);
    String survey = null;
    String question;
    if (parent == null) {
      question = Iris.localId(iri, f.iris.course(cm.course()) + "/survey-questions/");
    } else {
      survey = StatementFacts.required(Iris.localId(parent.id(), f.iris.course(cm.course()) + "/surveys/"), "survey IRI", parent.id());
      question = Iris.localId(iri, parent.id() + "/questions/");
    }
    StatementFacts.required(question, "survey question IRI", iri);
    Result r = f.result();
    JsonNode value = f.resultNode(NUMERIC_ANSWER);
    return new SurveyAnswered(f.occurrence(), f.actor(Person.Role.TEACHER), cm, survey, question,
        f.contextText(PAIRED_MEASURE), r.response(), value == null ? null : value.doubleValue());
  }

  private static java.time.LocalDate required(StatementFacts f) {
    java.time.LocalDate date = f.date();
    if (date == null) {
      throw new IllegalArgumentException("context.extensions['" + DATE + "'] is required");
    }
    return date;
  }
}
