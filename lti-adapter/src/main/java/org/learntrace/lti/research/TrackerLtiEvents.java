package org.learntrace.lti.research;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.learntrace.lti.DeepLinkSelection;
import org.learntrace.lti.LtiEvent;
import org.learntrace.lti.LtiEventSink;
import org.learntrace.lti.LtiLaunchEvent;
import org.learntrace.lti.ResearchRole;
import org.learntrace.lti.ScorePublished;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.Tracker;

/**
 * The research port of {@code LtiTool} / {@code LtiPlatform} bridged to sdk-core's {@link Tracker}:
 *
 * <ul>
 *   <li>a resource-link {@link LtiLaunchEvent} becomes a {@link ModuleLifecycle} with step
 *       {@link ModuleLifecycle.Step#LAUNCHED}: course = context id, module = resource link id,
 *       learner = the LTI pseudonym, registration = a UUID named by platform, context and actor (the
 *       enrolment of this person in this course);
 *   <li>a {@link ScorePublished} with a score becomes a {@link QuizAttemptFinished}: quiz = the line
 *       item, {@code scoreScaled} = score / maximum (clamped to [-1, 1], as xAPI requires),
 *       {@code passed} = scaled score ≥ the pass threshold, attempt = a UUID named by the score
 *       event;
 *   <li>a {@link DeepLinkSelection} has no sdk-core event: it is logged at DEBUG (platform, context,
 *       item count and types, never titles or URLs) and counted in {@link #deepLinkSelections()}.
 * </ul>
 *
 * <p>The learner is a {@link Person} with {@code pseudonymous = true} and the LTI actor
 * ({@code base64url(HMAC-SHA256(key, iss ‖ 0x00 ‖ sub))}) as its id, in the id space
 * {@link #DEFAULT_ID_SPACE} whatever the role, so that consent granted to that person
 * ({@code (idSpace, id)}) covers every role. sdk-core writes an already-pseudonymous person as it
 * is: the LTI pseudonym key is then the only pseudonymisation — destination keys are not applied and
 * an {@code anonymised} policy does not replace the id. Events without an actor (anonymous
 * launches), without a context (no course to look a policy up by), deep-linking request launches
 * (no module) and scores without a final score are not tracked and are counted in
 * {@link #skipped()}. The LTI research role and the platform go into the occurrence's attributes
 * ({@value #ROLE_ATTRIBUTE}, {@value #PLATFORM_ATTRIBUTE}), where sdk-core's never-send list
 * still applies.
 *
 * <pre>{@code
 * TrackerLtiEvents research = TrackerLtiEvents.builder(learnTrace.tracker()).passThreshold(0.6).build();
 * LtiTool tool = LtiTool.builder().platforms(platforms).launchUrl(launchUrl)
 *     .researchEvents(research, pseudonymKey).build();
 * }</pre>
 *
 * <p>Thread-safe; {@link #accept} never blocks ({@link Tracker#track} does no I/O on the caller's
 * thread).
 */
public final class TrackerLtiEvents implements LtiEventSink {
  /** The id space of LTI pseudonyms. */
  public static final String DEFAULT_ID_SPACE = "urn:learntrace:lti:actor";
  /** Default pass threshold on the scaled score. */
  public static final double DEFAULT_PASS_THRESHOLD = 0.5;
  /** Occurrence attribute holding the LTI research role (TEACHER, LEARNER, OBSERVER). */
  public static final String ROLE_ATTRIBUTE = "ltiRole";
  /** Occurrence attribute holding the platform id (issuer or LTI 1.1 consumer key / guid). */
  public static final String PLATFORM_ATTRIBUTE = "ltiPlatform";

  private static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";
  private static final String LTI11_LAUNCH = "basic-lti-launch-request";
  private static final System.Logger LOG = System.getLogger(TrackerLtiEvents.class.getName());

  private final Tracker tracker;
  private final String idSpace;
  private final double passThreshold;
  private final Map<ResearchRole, Person.Role> roles;
  private final AtomicLong launches = new AtomicLong();
  private final AtomicLong scores = new AtomicLong();
  private final AtomicLong deepLinkSelections = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  private TrackerLtiEvents(Builder b) {
    this.tracker = b.tracker;
    this.idSpace = b.idSpace;
    this.passThreshold = b.passThreshold;
    this.roles = new EnumMap<>(b.roles);
  }

  /** A builder tracking into {@code tracker}. */
  public static Builder builder(Tracker tracker) {
    return new Builder(tracker);
  }

  @Override
  public void accept(LtiEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof LtiLaunchEvent l) {
      launched(l);
    } else if (event instanceof ScorePublished s) {
      scored(s);
    } else if (event instanceof DeepLinkSelection d) {
      selected(d);
    }
  }

  /** The person an LTI actor becomes in sdk-core events: {@code (role, idSpace, actor, pseudonymous)}. */
  public Person person(String actor, ResearchRole role) {
    return new Person(roles.get(role), idSpace, actor, true);
  }

  /** Launches tracked as {@code ModuleLifecycle LAUNCHED}. */
  public long launchesTracked() {
    return launches.get();
  }

  /** Scores tracked as {@code QuizAttemptFinished}. */
  public long scoresTracked() {
    return scores.get();
  }

  /** Deep-link selections seen (no sdk-core event exists for them). */
  public long deepLinkSelections() {
    return deepLinkSelections.get();
  }

  /** Launches and scores not tracked: no actor, no context, no module, or no final score. */
  public long skipped() {
    return skipped.get();
  }

  private void launched(LtiLaunchEvent e) {
    boolean resourceLink = RESOURCE_LINK_REQUEST.equals(e.messageType()) || LTI11_LAUNCH.equals(e.messageType());
    if (e.actor() == null || e.contextId() == null || e.resourceLinkId() == null || !resourceLink) {
      skip(e, e.actor() == null ? "no actor" : e.contextId() == null ? "no context" : "not a resource-link launch");
      return;
    }
    String registration = nameUuid("lti-registration", e.platformId(), e.contextId(), e.actor());
    tracker.track(new ModuleLifecycle(occurrence(e, e.role()), person(e.actor(), e.role()),
        CourseModule.of(e.contextId(), e.resourceLinkId()), ModuleLifecycle.Step.LAUNCHED, registration, null, null, null));
    launches.incrementAndGet();
  }

  private void scored(ScorePublished e) {
    if (e.actor() == null || e.contextId() == null || e.lineItemId() == null) {
      skip(e, e.actor() == null ? "no actor" : e.contextId() == null ? "no context" : "no line item");
      return;
    }
    if (e.scoreGiven() == null || e.scoreMaximum() == null || !(e.scoreMaximum() > 0)
        || (e.gradingProgress() != null && !"FullyGraded".equals(e.gradingProgress()))) {
      skip(e, "no final score");
      return;
    }
    double scaled = Math.max(-1.0, Math.min(1.0, e.scoreGiven() / e.scoreMaximum()));
    String attempt = nameUuid("lti-score", e.side().name(), e.platformId(), e.lineItemId(), e.actor(), e.at().toString());
    // A score names no role: it is about the learner who was scored.
    tracker.track(new QuizAttemptFinished(occurrence(e, null), person(e.actor(), ResearchRole.LEARNER),
        CourseModule.of(e.contextId(), e.resourceLinkId()), e.lineItemId(), attempt, scaled, scaled >= passThreshold, null));
    scores.incrementAndGet();
  }

  private void selected(DeepLinkSelection e) {
    deepLinkSelections.incrementAndGet();
    LOG.log(System.Logger.Level.DEBUG, () -> "deep-link selection from platform " + e.platformId() + " in context "
        + e.contextId() + ": " + e.items().size() + " item(s) of type(s) "
        + e.items().stream().map(DeepLinkSelection.Item::type).distinct().toList()
        + "; no sdk-core event type exists for it, counted only");
  }

  private void skip(LtiEvent e, String why) {
    skipped.incrementAndGet();
    LOG.log(System.Logger.Level.DEBUG, () -> e.getClass().getSimpleName() + " from platform " + e.platformId()
        + " not tracked: " + why);
  }

  private static Occurrence occurrence(LtiEvent e, ResearchRole role) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (role != null) {
      attributes.put(ROLE_ATTRIBUTE, role.name());
    }
    if (e.platformId() != null) {
      attributes.put(PLATFORM_ATTRIBUTE, e.platformId());
    }
    return Occurrence.at(e.at()).withAttributes(attributes);
  }

  private static String nameUuid(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Builder; every setting has a default. */
  public static final class Builder {
    private final Tracker tracker;
    private String idSpace = DEFAULT_ID_SPACE;
    private double passThreshold = DEFAULT_PASS_THRESHOLD;
    private final Map<ResearchRole, Person.Role> roles = new EnumMap<>(ResearchRole.class);

    private Builder(Tracker tracker) {
      this.tracker = Objects.requireNonNull(tracker, "tracker");
      // LearnTrace courses are taken by teachers; instructors are teachers too, told apart by ltiRole.
      roles.put(ResearchRole.TEACHER, Person.Role.TEACHER);
      roles.put(ResearchRole.LEARNER, Person.Role.TEACHER);
      roles.put(ResearchRole.OBSERVER, Person.Role.OBSERVER);
    }

    /** The id space of the pseudonymous persons; default {@link #DEFAULT_ID_SPACE}. */
    public Builder idSpace(String idSpace) {
      if (idSpace == null || idSpace.isBlank()) {
        throw new IllegalArgumentException("idSpace must not be blank");
      }
      this.idSpace = idSpace;
      return this;
    }

    /** The scaled score at or above which an attempt passed, in [-1, 1]; default {@link #DEFAULT_PASS_THRESHOLD}. */
    public Builder passThreshold(double threshold) {
      if (!(threshold >= -1.0 && threshold <= 1.0)) {
        throw new IllegalArgumentException("passThreshold must be within [-1, 1], was " + threshold);
      }
      this.passThreshold = threshold;
      return this;
    }

    /**
     * The sdk-core role of an LTI research role. Defaults: TEACHER and LEARNER → {@code TEACHER}
     * (LearnTrace's learners are teachers), OBSERVER → {@code OBSERVER}. Map LEARNER to
     * {@code STUDENT} where the learners are children: sdk-core then applies its child rules.
     */
    public Builder role(ResearchRole ltiRole, Person.Role role) {
      roles.put(Objects.requireNonNull(ltiRole, "ltiRole"), Objects.requireNonNull(role, "role"));
      return this;
    }

    public TrackerLtiEvents build() {
      return new TrackerLtiEvents(this);
    }
  }
}
