package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.Location;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.ContextActivities;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Statement;

/**
 * One statement being read back: the inverse of {@link StatementDraft}. Every accessor names what
 * it expected when the statement lacks it, so a statement that LearnTrace did not write fails with
 * a clear message instead of a half-filled event.
 */
final class StatementFacts {
  final Statement statement;
  final CourseCatalog catalog;
  final Iris iris;
  private final Context context;
  private final ContextActivities activities;
  private final Extensions contextExtensions;
  private final Extensions resultExtensions;
  private final JsonNode roles;
  private final Set<String> clearIds = new HashSet<>();

  StatementFacts(Statement statement, CourseCatalog catalog, Iris iris) {
    this.statement = statement;
    this.catalog = catalog;
    this.iris = iris;
    this.context = statement.context();
    this.activities = context == null || context.contextActivities() == null
        ? new ContextActivities(null, null, null, null) : context.contextActivities();
    this.contextExtensions = context == null || context.extensions() == null ? Extensions.empty() : context.extensions();
    Result r = statement.result();
    this.resultExtensions = r == null || r.extensions() == null ? Extensions.empty() : r.extensions();
    this.roles = contextExtensions.get(ROLES);
    JsonNode clear = contextExtensions.get(CLEAR_IDS);
    if (clear != null) {
      clear.forEach(n -> clearIds.add(n.asText()));
    }
  }

  // ---- people ----

  Person person(Actor actor, String place, Person.Role usual) {
    if (actor == null || actor.account() == null) {
      throw new IllegalArgumentException(place + " must be an agent identified by an account");
    }
    Person.Role role = usual;
    if (roles != null && roles.has(place)) {
      role = Person.Role.valueOf(roles.get(place).asText().toUpperCase(Locale.ROOT));
    }
    return new Person(role, catalog.idSpace(actor.account().homePage()), actor.account().name(), !clearIds.contains(place));
  }

  Person actor(Person.Role usual) {
    return person(statement.actor(), "actor", usual);
  }

  Person instructor() {
    return person(context == null ? null : context.instructor(), "instructor", Person.Role.TEACHER);
  }

  // ---- occurrence ----

  Occurrence occurrence() {
    if (statement.timestamp() == null) {
      throw new IllegalArgumentException("timestamp is required");
    }
    Device device = null;
    String deviceClass = contextText(DEVICE_CLASS);
    if (deviceClass != null) {
      String network = contextText(NETWORK);
      JsonNode bytes = contextExtensions.get(BYTES);
      JsonNode late = contextExtensions.get(SYNCED_LATE);
      device = new Device(
          Device.DeviceClass.valueOf(enumName(deviceClass)),
          network == null ? null : Device.NetworkType.valueOf(enumName(network)),
          late != null && late.asBoolean(),
          bytes == null ? null : bytes.asLong(),
          null, null, null);
    }
    String received = contextText(RECEIVED_AT);
    Map<String, String> attributes = new TreeMap<>();
    JsonNode a = contextExtensions.get(ATTRIBUTES);
    if (a != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        attributes.put(e.getKey(), e.getValue().asText());
      }
    }
    return new Occurrence(statement.timestamp().instant(), received == null ? null : Instant.parse(received),
        device, contextText(NATURAL_KEY), attributes);
  }

  static String enumName(String text) {
    return text.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  // ---- activities ----

  Activity object() {
    if (!(statement.object() instanceof Activity a)) {
      throw new IllegalArgumentException("object must be an Activity, was " + statement.object());
    }
    return a;
  }

  static String type(Activity a) {
    return a.definition() == null ? null : a.definition().type();
  }

  String objectType() {
    return statement.object() instanceof Activity a ? type(a) : null;
  }

  Activity parent(String type) {
    return first(activities.parent(), type);
  }

  Activity grouping(String type) {
    return first(activities.grouping(), type);
  }

  Activity other(String type) {
    return first(activities.other(), type);
  }

  private static Activity first(List<Activity> list, String type) {
    for (Activity a : list) {
      if (type.equals(type(a))) {
        return a;
      }
    }
    return null;
  }

  /** The course from the grouping (or the object), the module from the parent (or the object). */
  CourseModule courseModule() {
    Activity course = grouping(COURSE_TYPE);
    if (course == null && COURSE_TYPE.equals(objectType())) {
      course = object();
    }
    String courseId = course == null ? null : iris.courseId(course.id());
    if (courseId == null) {
      throw new IllegalArgumentException("context.contextActivities.grouping must hold a course of this platform");
    }
    Activity module = parent(MODULE_TYPE);
    if (module == null && MODULE_TYPE.equals(objectType())) {
      module = object();
    }
    String moduleId = module == null ? null : required(Iris.localId(module.id(), iris.course(courseId) + "/modules/"), "module IRI", module.id());
    return new CourseModule(courseId, moduleId);
  }

  /** The location from grouping and team; null when none of its parts is present. */
  Location location() {
    String division = place(DIVISION_TYPE, "divisions");
    String district = place(DISTRICT_TYPE, "districts");
    String upazila = place(UPAZILA_TYPE, "upazilas");
    String cluster = place(CLUSTER_TYPE, "clusters");
    String school = place(SCHOOL_TYPE, "schools");
    String classId = context == null || context.team() == null || context.team().account() == null
        ? null : context.team().account().name();
    if (division == null && district == null && upazila == null && cluster == null && school == null && classId == null) {
      return null;
    }
    return new Location(division, district, upazila, cluster, school, classId);
  }

  private String place(String type, String collection) {
    Activity a = grouping(type);
    return a == null ? null : Iris.localId(a.id(), iris.platformPrefix(collection));
  }

  /** {@code value}, or an error naming what was expected and what was found. */
  static String required(String value, String what, String found) {
    if (value == null) {
      throw new IllegalArgumentException(what + " not of this platform's form: " + found);
    }
    return value;
  }

  // ---- extensions ----

  String contextText(String key) {
    JsonNode n = contextExtensions.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }

  JsonNode contextNode(String key) {
    return contextExtensions.get(key);
  }

  JsonNode resultNode(String key) {
    return resultExtensions.get(key);
  }

  double resultDouble(String key) {
    JsonNode n = resultExtensions.get(key);
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException("result.extensions['" + key + "'] must be a number");
    }
    return n.doubleValue();
  }

  Double contextDouble(String key) {
    JsonNode n = contextExtensions.get(key);
    return n == null || n.isNull() ? null : n.doubleValue();
  }

  LocalDate date() {
    String d = contextText(DATE);
    return d == null ? null : LocalDate.parse(d);
  }

  Result result() {
    Result r = statement.result();
    return r == null ? new Result(null, null, null, null, null, null) : r;
  }

  Duration duration() {
    Result r = statement.result();
    return r == null || r.duration() == null ? null : r.duration().toDuration();
  }

  Context context() {
    return context;
  }
}
