package org.learntrace.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads statement JSON into the model, collecting every structural violation instead of stopping
 * at the first: wrong JSON types, unknown or miscased properties, nulls, unknown {@code objectType}
 * values, malformed UUIDs, timestamps and durations. A property with such a violation is left
 * absent in the model and its path is remembered, so that the rule checks that follow do not report
 * it a second time (for example as "missing").
 *
 * <p>Not thread-safe: one reader per document.
 */
final class StatementReader {
  private final List<Violation> violations = new ArrayList<>(0);
  private final List<String> reportedPaths = new ArrayList<>(0);
  private final List<String> version2Paths = new ArrayList<>(0);

  List<Violation> violations() {
    return violations;
  }

  /** Paths at which a violation was reported; rule checks skip them and anything beneath. */
  List<String> reportedPaths() {
    return reportedPaths;
  }

  /**
   * Where the statement used a property that exists only in xAPI 2.0.0, even when its value is
   * empty (and so absent from the model): a 1.0.3 validator rejects the key itself.
   */
  List<String> version2Paths() {
    return version2Paths;
  }

  void version2Property(JsonPath path) {
    version2Paths.add(path.toString());
  }

  private void report(JsonPath path, XapiRule rule, String detail) {
    String p = path.toString();
    violations.add(new Violation(p, rule, detail));
    reportedPaths.add(p);
  }

  // ---- statements ----

  Statement statement(JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      report(path, XapiRule.NOT_AN_OBJECT, "was " + describe(n));
      return null;
    }
    Statement.Builder b = Statement.builder();
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "id" -> b.id(uuid(v, p, XapiRule.UUID));
        case "actor" -> b.actor(actor(v, p, XapiRule.ACTOR_OBJECT_TYPE));
        case "verb" -> b.verb(verb(v, p));
        case "object" -> b.object(object(v, p));
        case "result" -> b.result(result(v, p));
        case "context" -> b.context(ContextReader.context(this, v, p));
        case "timestamp" -> b.timestamp(timestamp(v, p, XapiRule.TIMESTAMP));
        case "stored" -> b.stored(timestamp(v, p, XapiRule.STORED));
        case "authority" -> b.authority(actor(v, p, XapiRule.AUTHORITY));
        case "version" -> b.version(string(v, p, XapiRule.VERSION));
        case "attachments" -> attachmentsInto(v, p, b::attachment);
        default -> unknown(key, p);
      }
    });
    return b.build();
  }

  private SubStatement subStatement(JsonNode n, JsonPath path) {
    Statement.Builder b = Statement.builder();
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "objectType" -> {}
        case "actor" -> b.actor(actor(v, p, XapiRule.ACTOR_OBJECT_TYPE));
        case "verb" -> b.verb(verb(v, p));
        case "object" -> b.object(object(v, p));
        case "result" -> b.result(result(v, p));
        case "context" -> b.context(ContextReader.context(this, v, p));
        case "timestamp" -> b.timestamp(timestamp(v, p, XapiRule.TIMESTAMP));
        case "attachments" -> attachmentsInto(v, p, b::attachment);
        case "id" -> report(p, XapiRule.SUBSTATEMENT_ID, "");
        case "stored" -> report(p, XapiRule.SUBSTATEMENT_STORED, "");
        case "version" -> report(p, XapiRule.SUBSTATEMENT_VERSION, "");
        case "authority" -> report(p, XapiRule.SUBSTATEMENT_AUTHORITY, "");
        default -> unknown(key, p);
      }
    });
    Statement s = b.build();
    return new SubStatement(s.actor(), s.verb(), s.object(), s.result(), s.context(), s.timestamp(), s.attachments());
  }

  // ---- actors ----

  /** An Agent or Group; {@code typeRule} is reported when it is neither. */
  Actor actor(JsonNode n, JsonPath path, XapiRule typeRule) {
    if (!n.isObject()) {
      report(path, typeRule, "expected an Agent or Group object, was " + describe(n));
      return null;
    }
    JsonNode type = n.get("objectType");
    if (type == null || (type.isTextual() && type.textValue().equals("Agent"))) {
      return agentOrGroup(n, path, false);
    }
    if (type.isTextual() && type.textValue().equals("Group")) {
      return agentOrGroup(n, path, true);
    }
    report(path.key("objectType"), type.isTextual() ? typeRule : XapiRule.OBJECT_TYPE_STRING, "was " + describe(type));
    reportedPaths.add(path.toString());
    return null;
  }

  private Actor agentOrGroup(JsonNode n, JsonPath path, boolean group) {
    String[] f = new String[4]; // name, mbox, mbox_sha1sum, openid
    Account[] account = new Account[1];
    List<Agent> member = new ArrayList<>(0);
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "objectType" -> {}
        case "name" -> f[0] = string(v, p, XapiRule.NAME_STRING);
        case "mbox" -> f[1] = string(v, p, XapiRule.MBOX);
        case "mbox_sha1sum" -> f[2] = string(v, p, XapiRule.MBOX_SHA1SUM);
        case "openid" -> f[3] = string(v, p, XapiRule.OPENID);
        case "account" -> account[0] = account(v, p);
        case "member" -> {
          if (group) {
            members(v, p, member);
          } else {
            unknown(key, p);
          }
        }
        default -> unknown(key, p);
      }
    });
    return group
        ? new Group(f[0], f[1], f[2], f[3], account[0], member)
        : new Agent(f[0], f[1], f[2], f[3], account[0]);
  }

  private void members(JsonNode n, JsonPath path, List<Agent> members) {
    if (!n.isArray()) {
      report(path, XapiRule.GROUP_MEMBER, "was " + describe(n));
      return;
    }
    for (int i = 0; i < n.size(); i++) {
      JsonPath p = path.index(i);
      Actor a = actor(n.get(i), p, XapiRule.GROUP_MEMBER);
      if (a instanceof Agent agent) {
        members.add(agent);
      } else if (a instanceof Group) {
        report(p, XapiRule.GROUP_MEMBER, "a Group cannot be a member of a Group");
      }
    }
  }

  /** An Agent (for {@code contextAgents[].agent}). */
  Agent agent(JsonNode n, JsonPath path, XapiRule rule) {
    Actor a = actor(n, path, rule);
    if (a instanceof Group) {
      report(path, rule, "expected an Agent, was a Group");
      return null;
    }
    return (Agent) a;
  }

  /** A Group (for {@code team} and {@code contextGroups[].group}). */
  Group group(JsonNode n, JsonPath path, XapiRule rule) {
    Actor a = actor(n, path, rule);
    if (a instanceof Agent) {
      report(path, rule, "expected a Group (objectType \"Group\"), was an Agent");
      return null;
    }
    return (Group) a;
  }

  private Account account(JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      report(path, XapiRule.ACCOUNT, "was " + describe(n));
      return null;
    }
    String[] f = new String[2];
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "homePage" -> f[0] = string(v, p, XapiRule.ACCOUNT_HOME_PAGE);
        case "name" -> f[1] = string(v, p, XapiRule.ACCOUNT_NAME);
        default -> unknown(key, p);
      }
    });
    return new Account(f[0], f[1]);
  }

  // ---- verb and objects ----

  private Verb verb(JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      report(path, XapiRule.WRONG_TYPE, "verb must be an object, was " + describe(n));
      return null;
    }
    String[] id = new String[1];
    LanguageMap[] display = new LanguageMap[1];
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "id" -> id[0] = string(v, p, XapiRule.VERB_ID);
        case "display" -> display[0] = languageMap(v, p, XapiRule.VERB_DISPLAY);
        default -> unknown(key, p);
      }
    });
    return new Verb(id[0], display[0]);
  }

  private StatementObject object(JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      report(path, XapiRule.WRONG_TYPE, "object must be an object, was " + describe(n));
      return null;
    }
    JsonNode type = n.get("objectType");
    if (type == null || type.isNull()) {
      return activity(n, path, XapiRule.ACTIVITY_ID);
    }
    if (!type.isTextual()) {
      report(path.key("objectType"), XapiRule.OBJECT_TYPE_STRING, "was " + describe(type));
      reportedPaths.add(path.toString());
      return null;
    }
    return switch (type.textValue()) {
      case "Activity" -> activity(n, path, XapiRule.ACTIVITY_ID);
      case "Agent" -> agentOrGroup(n, path, false);
      case "Group" -> agentOrGroup(n, path, true);
      case "SubStatement" -> subStatement(n, path);
      case "StatementRef" -> statementRef(n, path, XapiRule.STATEMENT_REF);
      default -> {
        report(path.key("objectType"), XapiRule.OBJECT_TYPE, "was " + describe(type));
        reportedPaths.add(path.toString());
        yield null;
      }
    };
  }

  StatementRef statementRef(JsonNode n, JsonPath path, XapiRule rule) {
    if (!n.isObject()) {
      report(path, rule, "was " + describe(n));
      return null;
    }
    UUID[] id = new UUID[1];
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "objectType" -> {
          if (!v.isTextual() || !v.textValue().equals("StatementRef")) {
            report(p, rule, "objectType must be \"StatementRef\", was " + describe(v));
          }
        }
        case "id" -> id[0] = uuid(v, p, rule);
        default -> unknown(key, p);
      }
    });
    if (!n.has("objectType")) {
      report(path.key("objectType"), rule, "objectType \"StatementRef\" is required");
    }
    return new StatementRef(id[0]);
  }

  Activity activity(JsonNode n, JsonPath path, XapiRule typeRule) {
    if (!n.isObject()) {
      report(path, typeRule, "expected an Activity object, was " + describe(n));
      return null;
    }
    String[] id = new String[1];
    ActivityDefinition[] definition = new ActivityDefinition[1];
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "objectType" -> {
          if (!v.isTextual() || !v.textValue().equals("Activity")) {
            report(p, typeRule, "objectType must be \"Activity\" here, was " + describe(v));
          }
        }
        case "id" -> id[0] = string(v, p, XapiRule.ACTIVITY_ID);
        case "definition" -> definition[0] = DefinitionReader.definition(this, v, p);
        default -> unknown(key, p);
      }
    });
    return new Activity(id[0], definition[0]);
  }

  // ---- result ----

  private Result result(JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      report(path, XapiRule.WRONG_TYPE, "result must be an object, was " + describe(n));
      return null;
    }
    Result.Builder b = Result.builder();
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "score" -> b.score(score(v, p));
        case "success" -> b.success(bool(v, p, XapiRule.RESULT_SUCCESS));
        case "completion" -> b.completion(bool(v, p, XapiRule.RESULT_COMPLETION));
        case "response" -> b.response(string(v, p, XapiRule.RESULT_RESPONSE));
        case "duration" -> b.duration(duration(v, p));
        case "extensions" -> b.extensions(extensions(v, p, XapiRule.RESULT_EXTENSIONS));
        default -> unknown(key, p);
      }
    });
    return b.build();
  }

  private Score score(JsonNode n, JsonPath path) {
    if (!n.isObject()) {
      report(path, XapiRule.SCORE, "was " + describe(n));
      return null;
    }
    Double[] f = new Double[4]; // scaled, raw, min, max
    forEachField(n, path, (key, v, p) -> {
      switch (key) {
        case "scaled" -> f[0] = number(v, p, XapiRule.SCORE_SCALED);
        case "raw" -> f[1] = number(v, p, XapiRule.SCORE_RAW);
        case "min" -> f[2] = number(v, p, XapiRule.SCORE_MIN);
        case "max" -> f[3] = number(v, p, XapiRule.SCORE_MAX);
        default -> unknown(key, p);
      }
    });
    return new Score(f[0], f[1], f[2], f[3]);
  }

  private XapiDuration duration(JsonNode v, JsonPath p) {
    if (!v.isTextual()) {
      report(p, XapiRule.DURATION, "expected a string, was " + describe(v));
      return null;
    }
    try {
      return XapiDuration.parse(v.textValue());
    } catch (IllegalArgumentException ex) {
      report(p, XapiRule.DURATION, ex.getMessage());
      return null;
    }
  }

  private void attachmentsInto(JsonNode v, JsonPath p, java.util.function.Consumer<Attachment> sink) {
    List<Attachment> list = AttachmentReader.attachments(this, v, p);
    if (list != null) {
      list.forEach(sink);
    }
  }

  // ---- shared value readers ----

  String string(JsonNode v, JsonPath p, XapiRule rule) {
    if (v.isTextual()) {
      return v.textValue();
    }
    report(p, rule, "expected a string, was " + describe(v));
    return null;
  }

  private Boolean bool(JsonNode v, JsonPath p, XapiRule rule) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    report(p, rule, "expected true or false, was " + describe(v));
    return null;
  }

  private Double number(JsonNode v, JsonPath p, XapiRule rule) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    report(p, rule, "expected a number, was " + describe(v));
    return null;
  }

  UUID uuid(JsonNode v, JsonPath p, XapiRule rule) {
    if (v.isTextual()) {
      UUID id = Uuids.parseOrNull(v.textValue());
      if (id != null) {
        return id;
      }
    }
    report(p, rule, "expected a UUID string such as 3f0b8e6a-1c2d-4e5f-8a9b-0c1d2e3f4a5b, was " + describe(v));
    return null;
  }

  private XapiTimestamp timestamp(JsonNode v, JsonPath p, XapiRule rule) {
    if (!v.isTextual()) {
      report(p, rule, "expected a string, was " + describe(v));
      return null;
    }
    try {
      return XapiTimestamp.parse(v.textValue());
    } catch (IllegalArgumentException ex) {
      report(p, rule, ex.getMessage());
      return null;
    }
  }

  LanguageMap languageMap(JsonNode n, JsonPath path, XapiRule rule) {
    if (!n.isObject()) {
      report(path, rule, "expected a language map object, was " + describe(n));
      return null;
    }
    LanguageMap.Builder b = LanguageMap.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isTextual()) {
        b.put(e.getKey(), e.getValue().textValue());
      } else {
        report(path.key(e.getKey()), rule, "a language map value must be a string, was " + describe(e.getValue()));
      }
    }
    return b.build();
  }

  Extensions extensions(JsonNode n, JsonPath path, XapiRule rule) {
    if (!n.isObject()) {
      report(path, rule, "expected an object, was " + describe(n));
      return null;
    }
    Extensions.Builder b = Extensions.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.put(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /** A handler of one non-null property of an object. */
  interface FieldHandler {
    void accept(String key, JsonNode value, JsonPath path);
  }

  /** Calls {@code handler} for each property of {@code n}, reporting null values instead. */
  void forEachField(JsonNode n, JsonPath path, FieldHandler handler) {
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonPath p = path.key(e.getKey());
      if (e.getValue().isNull()) {
        nullValue(e.getKey(), p);
      } else {
        handler.accept(e.getKey(), e.getValue(), p);
      }
    }
  }

  void nullValue(String key, JsonPath p) {
    report(p, XapiRule.NO_NULL, "\"" + key + "\" is null");
  }

  void unknown(String key, JsonPath p) {
    report(p, XapiRule.UNKNOWN_PROPERTY, "\"" + key + "\" is not a property here");
  }

  void violation(JsonPath p, XapiRule rule, String detail) {
    report(p, rule, detail);
  }

  static String describe(JsonNode v) {
    String text = v.isTextual() ? "\"" + v.textValue() + "\"" : v.toString();
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return switch (v.getNodeType()) {
      case OBJECT -> "an object " + text;
      case ARRAY -> "an array " + text;
      case STRING -> "the string " + text;
      case NUMBER -> "the number " + text;
      case BOOLEAN -> "the boolean " + text;
      default -> text;
    };
  }
}
