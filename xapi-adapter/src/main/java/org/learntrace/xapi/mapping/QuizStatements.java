package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.ActivityDefinition;
import org.learntrace.xapi.InteractionType;
import org.learntrace.xapi.LanguageMap;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Score;

/**
 * Quiz statements. An answered item: verb {@code answered}, object = the item as a
 * {@code cmi.interaction} with the event's interaction type (and, from the catalog, its name,
 * choices and correct responses when the catalog's type is the same), parents = the module and the
 * quiz, result = response, success and the item score as {@code score.raw}. A finished attempt:
 * verb {@code passed} or {@code failed}, object = the quiz (type assessment), result =
 * {@code score.scaled}, success, completion and duration. The attempt id is the {@code attempt}
 * extension; an interaction type xAPI does not define is kept in the {@code interaction} extension
 * (the definition then says {@code other}).
 */
final class QuizStatements {
  private QuizStatements() {}

  static void answered(QuizItemAnswered e, StatementDraft d) {
    CourseModule cm = e.module();
    d.actor(e.learner(), Person.Role.TEACHER);
    d.verb(ANSWERED);
    d.occurrence(e.occurrence());
    String quizIri = d.iris.inCourse(cm.course(), "quizzes", e.quiz());
    ActivityDefinition known = d.catalog.item(cm.course(), e.quiz(), e.item());
    InteractionType type = e.interaction() == null ? null : InteractionType.fromText(e.interaction());
    if (e.interaction() != null && type == null) {
      type = InteractionType.OTHER;
      d.contextExtension(INTERACTION, e.interaction());
    }
    ActivityDefinition.Builder def = ActivityDefinition.builder().type(INTERACTION_TYPE).interactionType(type);
    if (known != null) {
      def.name(known.name()).description(known.description());
      if (type != null && type == known.interactionType()) {
        def.correctResponsesPattern(known.correctResponsesPattern()).choices(known.choices()).scale(known.scale())
            .source(known.source()).target(known.target()).steps(known.steps());
      }
    }
    d.object(new Activity(quizIri + "/items/" + Iris.encode(e.item()), def.build()));
    d.courseContext(cm);
    d.context.parent(quiz(d, cm, e.quiz()));
    d.contextExtension(ATTEMPT, e.attempt());
    d.response(e.response());
    d.success(e.success());
    if (e.score() != null) {
      d.score(new Score(null, e.score(), null, null));
    }
  }

  static QuizItemAnswered answered(StatementFacts f) {
    CourseModule cm = f.courseModule();
    Activity quiz = f.parent(ASSESSMENT_TYPE);
    String quizPrefix = f.iris.course(cm.course()) + "/quizzes/";
    String quizId = quiz == null ? null : Iris.localId(quiz.id(), quizPrefix);
    StatementFacts.required(quizId, "parent quiz IRI", quiz == null ? "none" : quiz.id());
    Activity item = f.object();
    String itemId = StatementFacts.required(
        Iris.localId(item.id(), quizPrefix + Iris.encode(quizId) + "/items/"), "quiz item IRI", item.id());
    String interaction = f.contextText(INTERACTION);
    if (interaction == null && item.definition().interactionType() != null) {
      interaction = item.definition().interactionType().text();
    }
    Result r = f.result();
    return new QuizItemAnswered(f.occurrence(), f.actor(Person.Role.TEACHER), cm, quizId, f.contextText(ATTEMPT),
        itemId, interaction, r.response(), r.success(), r.score() == null ? null : r.score().raw());
  }

  static void finished(QuizAttemptFinished e, StatementDraft d) {
    CourseModule cm = e.module();
    d.actor(e.learner(), Person.Role.TEACHER);
    d.verb(e.passed() ? PASSED : FAILED);
    d.occurrence(e.occurrence());
    d.object(quiz(d, cm, e.quiz()));
    d.courseContext(cm);
    d.contextExtension(ATTEMPT, e.attempt());
    d.score(Score.scaled(e.scoreScaled()));
    d.success(e.passed());
    d.completion(true);
    d.duration(e.duration());
  }

  static QuizAttemptFinished finished(StatementFacts f) {
    CourseModule cm = f.courseModule();
    Activity quiz = f.object();
    String quizId = StatementFacts.required(
        Iris.localId(quiz.id(), f.iris.course(cm.course()) + "/quizzes/"), "quiz IRI", quiz.id());
    Result r = f.result();
    if (r.score() == null || r.score().scaled() == null || r.success() == null) {
      throw new IllegalArgumentException("a finished quiz attempt needs result.score.scaled and result.success");
    }
    return new QuizAttemptFinished(f.occurrence(), f.actor(Person.Role.TEACHER), cm, quizId, f.contextText(ATTEMPT),
        r.score().scaled(), r.success(), f.duration());
  }

  private static Activity quiz(StatementDraft d, CourseModule cm, String quiz) {
    LanguageMap name = d.catalog.name(CourseCatalog.Kind.QUIZ, cm.course(), quiz);
    return StatementDraft.activity(d.iris.inCourse(cm.course(), "quizzes", quiz), ASSESSMENT_TYPE, name);
  }
}
