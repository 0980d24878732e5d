package org.learntrace.xapi.mapping;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.learntrace.sdk.AssessmentResultRecorded;
import org.learntrace.sdk.AttendanceRecorded;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.LessonObserved;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.QuizItemAnswered;
import org.learntrace.sdk.SupportVisitRecorded;
import org.learntrace.sdk.SurveyAnswered;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.sdk.VideoEvent;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiVersion;

/**
 * The LearnTrace mapping of SDK events to xAPI statements, following the ADL Video Profile, cmi5,
 * the ADL vocabulary and the LearnTrace profile ({@value #PROFILE_VERSION}, which every statement
 * cites in {@code context.contextActivities.category}). {@code docs/xapi-profile.md} lists what each
 * event becomes.
 *
 * <p>Promises: every event gives exactly one statement, valid for the requested version (2.0.0-only
 * properties are written only for 2.0.0); its id is the event id; the same event and id give the
 * same statement, byte for byte in JSON; {@link EventReader} with the same catalog turns it back
 * into the same event (timestamps are kept to the millisecond, as xAPI writes them). Missing
 * catalog entries never fail a mapping: the activity then has no name.
 *
 * <p>{@link ConsentWithdrawn} becomes a statement with verb {@value #CONSENT_WITHDRAWN_VERB} whose
 * actor is the person; a sink recognises it with {@link #isConsentWithdrawal(Statement)} and voids
 * the person's other statements.
 *
 * <pre>{@code
 * EventMapper mapper = EventMapper.create(CourseCatalog.fromJson(in));
 * Statement s = mapper.toStatement(trackedEvent, XapiVersion.V1_0_3);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EventMapper implements StatementMapping {
  /** The verb of the statement a consent withdrawal becomes. */
  public static final String CONSENT_WITHDRAWN_VERB = Vocabulary.WITHDREW_CONSENT;
  /** The LearnTrace xAPI profile's IRI. */
  public static final String PROFILE = Vocabulary.PROFILE;
  /** The profile version statements cite as a category activity. */
  public static final String PROFILE_VERSION = Vocabulary.PROFILE_VERSION;

  private final CourseCatalog catalog;
  private final Iris iris;
  private final ActivityMemo memo = new ActivityMemo();

  private EventMapper(CourseCatalog catalog) {
    this.catalog = catalog;
    this.iris = new Iris(catalog);
  }

  /** A mapper naming activities from {@code catalog} and building IRIs under its platform IRI. */
  public static EventMapper create(CourseCatalog catalog) {
    return new EventMapper(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The platform receipt time is the event's, or the tracked event's when the event carries none;
   * the pseudonym key id is recorded in the {@code pseudonym-key} extension.
   */
  @Override
  public Statement toStatement(TrackedEvent event, XapiVersion version) {
    return map(event.id(), event.event(), version, event.pseudonymKeyId(), event.receivedAt());
  }

  /**
   * The statement for {@code event} with id {@code id}.
   *
   * @throws IllegalArgumentException naming the field when the event cannot be represented validly
   */
  public Statement toStatement(UUID id, LearningEvent event, XapiVersion version) {
    return map(id, event, version, null, null);
  }

  /**
   * The local id of a video of {@code course} from the IRI this mapper gives it ({@code m3-intro}
   * for {@code {platform}/courses/ags/videos/m3-intro}); any other IRI comes back as it is (an
   * external video keeps its IRI). For players and collectors that name activities by the
   * platform's canonical IRIs.
   */
  public String videoId(String course, String iri) {
    return iris.videoId(course, iri);
  }

  /** The local id of a quiz of {@code course} from its IRI ({@code …/courses/{course}/quizzes/{id}}); else the IRI. */
  public String quizId(String course, String iri) {
    String id = Iris.localId(iri, iris.course(course) + "/quizzes/");
    return id != null ? id : iri;
  }

  /** The local id of an item of {@code quiz} from its IRI ({@code …/quizzes/{quiz}/items/{id}}); else the IRI. */
  public String quizItemId(String course, String quiz, String iri) {
    String id = Iris.localId(iri, iris.course(course) + "/quizzes/" + Iris.encode(quiz) + "/items/");
    return id != null ? id : iri;
  }

  /** True: every statement is checked against the validator for its version before it is returned. */
  @Override
  public boolean validatesStatements() {
    return true;
  }

  /** Whether {@code statement} is the record of a consent withdrawal, which a sink turns into voiding. */
  public static boolean isConsentWithdrawal(Statement statement) {
    return statement.verb() != null && CONSENT_WITHDRAWN_VERB.equals(statement.verb().id());
  }

  private Statement map(UUID id, LearningEvent e, XapiVersion version, String keyId, Instant receivedAt) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(e, "event");
    Objects.requireNonNull(version, "version");
    StatementDraft d = new StatementDraft(catalog, iris, memo, version, id, keyId, receivedAt);
    if (e instanceof ModuleLifecycle m) {
      ModuleStatements.lifecycle(m, d);
    } else if (e instanceof VideoEvent v) {
      VideoStatements.map(v, d);
    } else if (e instanceof QuizItemAnswered q) {
      QuizStatements.answered(q, d);
    } else if (e instanceof QuizAttemptFinished q) {
      QuizStatements.finished(q, d);
    } else if (e instanceof CommunityAction c) {
      CommunityStatements.map(c, d);
    } else if (e instanceof AttendanceRecorded a) {
      FieldworkStatements.attendance(a, d);
    } else if (e instanceof SupportVisitRecorded s) {
      FieldworkStatements.supportVisit(s, d);
    } else if (e instanceof SurveyAnswered s) {
      FieldworkStatements.survey(s, d);
    } else if (e instanceof AssessmentResultRecorded a) {
      OutcomeStatements.assessment(a, d, id.toString());
    } else if (e instanceof LessonObserved o) {
      OutcomeStatements.observation(o, d, id.toString());
    } else if (e instanceof ConsentWithdrawn c) {
      ModuleStatements.consent(c, d);
    } else {
      throw new IllegalArgumentException("no mapping for event type " + e.getClass().getName());
    }
    return d.build();
  }
}
