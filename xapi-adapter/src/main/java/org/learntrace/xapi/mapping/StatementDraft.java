package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.ContextAgent;
import org.learntrace.xapi.ContextGroup;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.Group;
import org.learntrace.xapi.LanguageMap;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Score;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementObject;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.Violation;
import org.learntrace.xapi.XapiDuration;
import org.learntrace.xapi.XapiVersion;

/**
 * One statement being written: the parts every event shares (people, occurrence, course and
 * module, location, profile categories) and a place for the rest. {@link #build()} checks the
 * statement against the validator of the requested version, so nothing invalid leaves the mapper.
 */
final class StatementDraft {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Activity PROFILE_VERSION_CATEGORY = activity(PROFILE_VERSION, PROFILE_TYPE, null);

  final CourseCatalog catalog;
  final Iris iris;
  final ActivityMemo memo;
  final XapiVersion version;
  private final UUID id;
  private final String pseudonymKeyId;
  private final Instant receivedAtFallback;
  private final Statement.Builder statement = Statement.builder();
  final Context.Builder context = Context.builder();
  private final Map<String, JsonNode> contextExtensions = new LinkedHashMap<>();
  private final Map<String, JsonNode> resultExtensions = new LinkedHashMap<>();
  private final Map<String, String> roles = new LinkedHashMap<>();
  private final List<String> clearIds = new ArrayList<>();
  private Score score;
  private Boolean success;
  private Boolean completion;
  private String response;
  private XapiDuration duration;

  /**
   * @param pseudonymKeyId the id of the key the event's pseudonyms were made with, or null
   * @param receivedAtFallback the platform's receipt time for an event that carries none, or null
   */
  StatementDraft(CourseCatalog catalog, Iris iris, ActivityMemo memo, XapiVersion version, UUID id,
      String pseudonymKeyId, Instant receivedAtFallback) {
    this.catalog = catalog;
    this.iris = iris;
    this.memo = memo;
    this.version = version;
    this.id = id;
    this.pseudonymKeyId = pseudonymKeyId;
    this.receivedAtFallback = receivedAtFallback;
  }

  // ---- people ----

  /**
   * The agent for {@code person} at {@code place} (actor, object, instructor, assessor); records
   * the person's role when it is not the {@code usual} one there, and a local id sent in clear.
   */
  Agent agent(Person person, String place, Person.Role usual) {
    if (person.role() != usual) {
      roles.put(place, person.role().name().toLowerCase(Locale.ROOT));
    }
    if (!person.pseudonymous()) {
      clearIds.add(place);
    }
    return Agent.ofAccount(homePage(person.idSpace(), place), person.id());
  }

  void actor(Person person, Person.Role usual) {
    statement.actor(agent(person, "actor", usual));
  }

  private String homePage(String idSpace, String place) {
    String page = catalog.homePage(idSpace);
    if (!Iris.looksLikeIri(page)) {
      throw new IllegalArgumentException(
          place + ".idSpace must be an IRI or have a home page in the catalog, was \"" + idSpace + "\"");
    }
    return page;
  }

  // ---- verb and object ----

  void verb(String iri) {
    statement.verb(new Verb(iri, VerbDisplays.of(iri)));
  }

  void object(StatementObject object) {
    statement.object(object);
  }

  static Activity activity(String iri, String type, LanguageMap name) {
    Activity.Builder b = Activity.builder(iri).type(type);
    if (name != null) {
      b.name(name);
    }
    return b.build();
  }

  Activity courseActivity(String course) {
    return memo.get("course", course, null,
        () -> activity(iris.course(course), COURSE_TYPE, catalog.name(CourseCatalog.Kind.COURSE, course)));
  }

  Activity moduleActivity(CourseModule cm) {
    return memo.get("module", cm.course(), cm.module(), () -> activity(iris.inCourse(cm.course(), "modules", cm.module()),
        MODULE_TYPE, catalog.name(CourseCatalog.Kind.MODULE, cm.course(), cm.module())));
  }

  /** The video activity, with the catalog's name. */
  Activity videoActivity(String course, String video) {
    return memo.get("video", course, video, () -> activity(iris.video(course, video), VIDEO_TYPE,
        catalog.name(CourseCatalog.Kind.VIDEO, course, video)));
  }

  /** The module as parent (when there is one), the course and the course's study as grouping. */
  void courseContext(CourseModule cm) {
    if (cm.module() != null) {
      context.parent(moduleActivity(cm));
    }
    context.grouping(courseActivity(cm.course()));
    study(cm.course());
  }

  void study(String course) {
    String study = catalog.study(course);
    if (study != null) {
      context.grouping(memo.get("study", course, study, () -> activity(iris.topLevel("studies", study), STUDY_TYPE,
          catalog.name(CourseCatalog.Kind.STUDY, course, study))));
    }
  }

  void category(String iri) {
    context.category(memo.get("category", null, iri,
        () -> iri.equals(VIDEO_PROFILE) ? activity(iri, PROFILE_TYPE, null) : Activity.of(iri)));
  }

  // ---- occurrence ----

  void occurrence(Occurrence o) {
    statement.timestamp(o.occurredAt());
    Device d = o.device();
    if (d != null) {
      contextExtension(DEVICE_CLASS, enumText(d.deviceClass()));
      if (d.network() != null) {
        contextExtension(NETWORK, enumText(d.network()));
      }
      contextExtension(SYNCED_LATE, BooleanNode.valueOf(d.syncedLate()));
      if (d.bytesUsed() != null) {
        contextExtension(BYTES, LongNode.valueOf(d.bytesUsed()));
      }
    }
    Instant received = o.receivedAt() != null ? o.receivedAt() : receivedAtFallback;
    if (received != null) {
      contextExtension(RECEIVED_AT, received.toString());
    }
    contextExtension(NATURAL_KEY, o.naturalKey());
    if (!o.attributes().isEmpty()) {
      ObjectNode attributes = JSON.objectNode();
      new TreeMap<>(o.attributes()).forEach(attributes::put); // sorted: the same bytes every time
      contextExtension(ATTRIBUTES, attributes);
    }
  }

  static String enumText(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  // ---- location ----

  /** Division to school as grouping activities; the class as the team (and a context group in 2.0.0). */
  void location(Location l) {
    if (l == null) {
      return;
    }
    place(DIVISION_TYPE, "divisions", l.division());
    place(DISTRICT_TYPE, "districts", l.district());
    place(UPAZILA_TYPE, "upazilas", l.upazila());
    place(CLUSTER_TYPE, "clusters", l.cluster());
    place(SCHOOL_TYPE, "schools", l.school());
    if (l.classId() != null) {
      Group team = Group.ofAccount(homePage(Location.CLASS_ID_SPACE, "team"), l.classId());
      context.team(team);
      if (version.hasContextAgentsAndGroups()) {
        context.contextGroup(new ContextGroup(team, List.of(ROLE_CLASS)));
      }
    }
  }

  private void place(String type, String collection, String id) {
    if (id != null) {
      context.grouping(activity(iris.topLevel(collection, id), type, null));
    }
  }

  /** The instructor, and in 2.0.0 the same agent as a context agent in the teacher role. */
  void instructor(Person teacher) {
    Agent agent = agent(teacher, "instructor", Person.Role.TEACHER);
    context.instructor(agent);
    if (version.hasContextAgentsAndGroups()) {
      context.contextAgent(new ContextAgent(agent, List.of(ROLE_TEACHER)));
    }
  }

  // ---- extensions and result ----

  void contextExtension(String key, String value) {
    if (value != null) {
      contextExtensions.put(key, TextNode.valueOf(value));
    }
  }

  void contextExtension(String key, JsonNode value) {
    contextExtensions.put(key, value);
  }

  void contextExtension(String key, Double value) {
    if (value != null) {
      contextExtensions.put(key, DoubleNode.valueOf(value));
    }
  }

  void date(LocalDate date) {
    if (date != null) {
      contextExtension(DATE, date.toString());
    }
  }

  void resultExtension(String key, JsonNode value) {
    resultExtensions.put(key, value);
  }

  void resultExtension(String key, double value) {
    resultExtensions.put(key, DoubleNode.valueOf(value));
  }

  static ArrayNode array() {
    return JSON.arrayNode();
  }

  void score(Score s) {
    score = s;
  }

  void success(Boolean s) {
    success = s;
  }

  void completion(Boolean c) {
    completion = c;
  }

  void response(String r) {
    response = r;
  }

  /** The duration with full precision ({@link Duration#toString()} is ISO 8601). */
  void duration(Duration d) {
    if (d != null) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative, was " + d);
      }
      duration = XapiDuration.parse(d.toString());
    }
  }

  // ---- the statement ----

  Statement build() {
    if (!roles.isEmpty()) {
      ObjectNode r = JSON.objectNode();
      roles.forEach(r::put);
      contextExtension(ROLES, r);
    }
    if (!clearIds.isEmpty()) {
      ArrayNode a = JSON.arrayNode();
      clearIds.forEach(a::add);
      contextExtension(CLEAR_IDS, a);
    }
    contextExtension(PSEUDONYM_KEY, pseudonymKeyId);
    context.category(PROFILE_VERSION_CATEGORY);
    context.extensions(contextExtensions.isEmpty() ? null : extensions(contextExtensions));
    statement.id(id).context(context.build());
    if (score != null || success != null || completion != null || response != null || duration != null
        || !resultExtensions.isEmpty()) {
      statement.result(new Result(score, success, completion, response, duration,
          resultExtensions.isEmpty() ? null : extensions(resultExtensions)));
    }
    Statement s = statement.build();
    List<Violation> violations = StatementValidator.forVersion(version).validate(s);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException("event " + id + " gives an invalid xAPI " + version + " statement: " + violations);
    }
    return s;
  }

  private static Extensions extensions(Map<String, JsonNode> map) {
    Extensions.Builder b = Extensions.builder();
    map.forEach(b::put);
    return b.build();
  }
}
