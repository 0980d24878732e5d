package org.learntrace.xapi;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Writes the model as xAPI JSON straight onto a streaming generator: no reflection, no
 * intermediate tree, field names pre-encoded. Absent properties are omitted, lists are written as
 * arrays (so the single-object {@code contextActivities} form is normalised), and {@code
 * objectType} is always written for Agents, Groups, SubStatements and StatementRefs, where the
 * spec needs it to tell them from an Activity.
 */
final class StatementWriter {
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString ACTOR = new SerializedString("actor");
  private static final SerializedString VERB = new SerializedString("verb");
  private static final SerializedString OBJECT = new SerializedString("object");
  private static final SerializedString RESULT = new SerializedString("result");
  private static final SerializedString CONTEXT = new SerializedString("context");
  private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
  private static final SerializedString STORED = new SerializedString("stored");
  private static final SerializedString AUTHORITY = new SerializedString("authority");
  private static final SerializedString VERSION = new SerializedString("version");
  private static final SerializedString ATTACHMENTS = new SerializedString("attachments");
  private static final SerializedString OBJECT_TYPE = new SerializedString("objectType");
  private static final SerializedString NAME = new SerializedString("name");
  private static final SerializedString MBOX = new SerializedString("mbox");
  private static final SerializedString MBOX_SHA1SUM = new SerializedString("mbox_sha1sum");
  private static final SerializedString OPENID = new SerializedString("openid");
  private static final SerializedString ACCOUNT = new SerializedString("account");
  private static final SerializedString HOME_PAGE = new SerializedString("homePage");
  private static final SerializedString MEMBER = new SerializedString("member");
  private static final SerializedString DISPLAY = new SerializedString("display");
  private static final SerializedString DEFINITION = new SerializedString("definition");
  private static final SerializedString DESCRIPTION = new SerializedString("description");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString MORE_INFO = new SerializedString("moreInfo");
  private static final SerializedString INTERACTION_TYPE = new SerializedString("interactionType");
  private static final SerializedString CORRECT_RESPONSES_PATTERN = new SerializedString("correctResponsesPattern");
  private static final SerializedString EXTENSIONS = new SerializedString("extensions");
  private static final SerializedString SCORE = new SerializedString("score");
  private static final SerializedString SCALED = new SerializedString("scaled");
  private static final SerializedString RAW = new SerializedString("raw");
  private static final SerializedString MIN = new SerializedString("min");
  private static final SerializedString MAX = new SerializedString("max");
  private static final SerializedString SUCCESS = new SerializedString("success");
  private static final SerializedString COMPLETION = new SerializedString("completion");
  private static final SerializedString RESPONSE = new SerializedString("response");
  private static final SerializedString DURATION = new SerializedString("duration");
  private static final SerializedString REGISTRATION = new SerializedString("registration");
  private static final SerializedString INSTRUCTOR = new SerializedString("instructor");
  private static final SerializedString TEAM = new SerializedString("team");
  private static final SerializedString CONTEXT_ACTIVITIES = new SerializedString("contextActivities");
  private static final SerializedString PARENT = new SerializedString("parent");
  private static final SerializedString GROUPING = new SerializedString("grouping");
  private static final SerializedString CATEGORY = new SerializedString("category");
  private static final SerializedString OTHER = new SerializedString("other");
  private static final SerializedString REVISION = new SerializedString("revision");
  private static final SerializedString PLATFORM = new SerializedString("platform");
  private static final SerializedString LANGUAGE = new SerializedString("language");
  private static final SerializedString STATEMENT = new SerializedString("statement");
  private static final SerializedString CONTEXT_AGENTS = new SerializedString("contextAgents");
  private static final SerializedString CONTEXT_GROUPS = new SerializedString("contextGroups");
  private static final SerializedString AGENT = new SerializedString("agent");
  private static final SerializedString GROUP = new SerializedString("group");
  private static final SerializedString RELEVANT_TYPES = new SerializedString("relevantTypes");
  private static final SerializedString USAGE_TYPE = new SerializedString("usageType");
  private static final SerializedString CONTENT_TYPE = new SerializedString("contentType");
  private static final SerializedString LENGTH = new SerializedString("length");
  private static final SerializedString SHA2 = new SerializedString("sha2");
  private static final SerializedString FILE_URL = new SerializedString("fileUrl");
  private static final SerializedString STATEMENTS = new SerializedString("statements");
  private static final SerializedString MORE = new SerializedString("more");

  private StatementWriter() {}

  static void writeStatement(JsonGenerator g, Statement s) throws IOException {
    g.writeStartObject();
    uuid(g, ID, s.id());
    core(g, s.actor(), s.verb(), s.object(), s.result(), s.context(), s.timestamp());
    if (s.stored() != null) {
      g.writeFieldName(STORED);
      g.writeString(s.stored().text());
    }
    if (s.authority() != null) {
      g.writeFieldName(AUTHORITY);
      writeActor(g, s.authority());
    }
    string(g, VERSION, s.version());
    attachments(g, s.attachments());
    g.writeEndObject();
  }

  static void writeStatements(JsonGenerator g, List<Statement> statements) throws IOException {
    g.writeStartArray();
    for (Statement s : statements) {
      writeStatement(g, s);
    }
    g.writeEndArray();
  }

  static void writeStatementResult(JsonGenerator g, StatementResult r) throws IOException {
    g.writeStartObject();
    g.writeFieldName(STATEMENTS);
    writeStatements(g, r.statements());
    g.writeFieldName(MORE);
    g.writeString(r.more() == null ? "" : r.more());
    g.writeEndObject();
  }

  static void writeAbout(JsonGenerator g, About a) throws IOException {
    g.writeStartObject();
    g.writeFieldName(VERSION);
    strings(g, a.version());
    extensions(g, a.extensions());
    g.writeEndObject();
  }

  static void writeActor(JsonGenerator g, Actor a) throws IOException {
    g.writeStartObject();
    g.writeFieldName(OBJECT_TYPE);
    g.writeString(a.objectType());
    actorFields(g, a);
    if (a instanceof Group group && !group.member().isEmpty()) {
      g.writeFieldName(MEMBER);
      g.writeStartArray();
      for (Agent m : group.member()) {
        writeActor(g, m);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void actorFields(JsonGenerator g, Actor a) throws IOException {
    string(g, NAME, a.name());
    string(g, MBOX, a.mbox());
    string(g, MBOX_SHA1SUM, a.mboxSha1sum());
    string(g, OPENID, a.openid());
    Account account = a.account();
    if (account != null) {
      g.writeFieldName(ACCOUNT);
      g.writeStartObject();
      string(g, HOME_PAGE, account.homePage());
      string(g, NAME, account.name());
      g.writeEndObject();
    }
  }

  static void writeVerb(JsonGenerator g, Verb v) throws IOException {
    g.writeStartObject();
    string(g, ID, v.id());
    languageMap(g, DISPLAY, v.display());
    g.writeEndObject();
  }

  static void writeObject(JsonGenerator g, StatementObject o) throws IOException {
    if (o instanceof Activity a) {
      writeActivity(g, a);
    } else if (o instanceof Actor a) {
      writeActor(g, a);
    } else if (o instanceof StatementRef r) {
      writeStatementRef(g, r);
    } else if (o instanceof SubStatement s) {
      writeSubStatement(g, s);
    }
  }

  private static void writeSubStatement(JsonGenerator g, SubStatement s) throws IOException {
    g.writeStartObject();
    g.writeFieldName(OBJECT_TYPE);
    g.writeString("SubStatement");
    core(g, s.actor(), s.verb(), s.object(), s.result(), s.context(), s.timestamp());
    attachments(g, s.attachments());
    g.writeEndObject();
  }

  /** The properties a statement and a sub-statement share, in the order both are written. */
  private static void core(JsonGenerator g, Actor actor, Verb verb, StatementObject object, Result result,
      Context context, XapiTimestamp timestamp) throws IOException {
    if (actor != null) {
      g.writeFieldName(ACTOR);
      writeActor(g, actor);
    }
    if (verb != null) {
      g.writeFieldName(VERB);
      writeVerb(g, verb);
    }
    if (object != null) {
      g.writeFieldName(OBJECT);
      writeObject(g, object);
    }
    if (result != null) {
      g.writeFieldName(RESULT);
      writeResult(g, result);
    }
    if (context != null) {
      g.writeFieldName(CONTEXT);
      writeContext(g, context);
    }
    if (timestamp != null) {
      g.writeFieldName(TIMESTAMP);
      g.writeString(timestamp.text());
    }
  }

  private static void writeStatementRef(JsonGenerator g, StatementRef r) throws IOException {
    g.writeStartObject();
    g.writeFieldName(OBJECT_TYPE);
    g.writeString("StatementRef");
    uuid(g, ID, r.id());
    g.writeEndObject();
  }

  static void writeActivity(JsonGenerator g, Activity a) throws IOException {
    g.writeStartObject();
    g.writeFieldName(OBJECT_TYPE);
    g.writeString("Activity");
    string(g, ID, a.id());
    ActivityDefinition d = a.definition();
    if (d != null) {
      g.writeFieldName(DEFINITION);
      g.writeStartObject();
      languageMap(g, NAME, d.name());
      languageMap(g, DESCRIPTION, d.description());
      string(g, TYPE, d.type());
      string(g, MORE_INFO, d.moreInfo());
      if (d.interactionType() != null) {
        g.writeFieldName(INTERACTION_TYPE);
        g.writeString(d.interactionType().text());
      }
      if (d.correctResponsesPattern() != null) {
        g.writeFieldName(CORRECT_RESPONSES_PATTERN);
        strings(g, d.correctResponsesPattern());
      }
      for (InteractionType.Components which : InteractionType.Components.values()) {
        components(g, which.property(), d.components(which));
      }
      extensions(g, d.extensions());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void components(JsonGenerator g, String field, List<InteractionComponent> list)
      throws IOException {
    if (list.isEmpty()) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartArray();
    for (InteractionComponent c : list) {
      g.writeStartObject();
      string(g, ID, c.id());
      languageMap(g, DESCRIPTION, c.description());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void writeResult(JsonGenerator g, Result r) throws IOException {
    g.writeStartObject();
    Score s = r.score();
    if (s != null) {
      g.writeFieldName(SCORE);
      g.writeStartObject();
      number(g, SCALED, s.scaled());
      number(g, RAW, s.raw());
      number(g, MIN, s.min());
      number(g, MAX, s.max());
      g.writeEndObject();
    }
    if (r.success() != null) {
      g.writeFieldName(SUCCESS);
      g.writeBoolean(r.success());
    }
    if (r.completion() != null) {
      g.writeFieldName(COMPLETION);
      g.writeBoolean(r.completion());
    }
    string(g, RESPONSE, r.response());
    if (r.duration() != null) {
      g.writeFieldName(DURATION);
      g.writeString(r.duration().text());
    }
    extensions(g, r.extensions());
    g.writeEndObject();
  }

  static void writeContext(JsonGenerator g, Context c) throws IOException {
    g.writeStartObject();
    uuid(g, REGISTRATION, c.registration());
    if (c.instructor() != null) {
      g.writeFieldName(INSTRUCTOR);
      writeActor(g, c.instructor());
    }
    if (c.team() != null) {
      g.writeFieldName(TEAM);
      writeActor(g, c.team());
    }
    ContextActivities ca = c.contextActivities();
    if (ca != null) {
      g.writeFieldName(CONTEXT_ACTIVITIES);
      g.writeStartObject();
      activities(g, PARENT, ca.parent());
      activities(g, GROUPING, ca.grouping());
      activities(g, CATEGORY, ca.category());
      activities(g, OTHER, ca.other());
      g.writeEndObject();
    }
    string(g, REVISION, c.revision());
    string(g, PLATFORM, c.platform());
    string(g, LANGUAGE, c.language());
    if (c.statement() != null) {
      g.writeFieldName(STATEMENT);
      writeStatementRef(g, c.statement());
    }
    extensions(g, c.extensions());
    if (!c.contextAgents().isEmpty()) {
      g.writeFieldName(CONTEXT_AGENTS);
      g.writeStartArray();
      for (ContextAgent a : c.contextAgents()) {
        g.writeStartObject();
        g.writeFieldName(OBJECT_TYPE);
        g.writeString("contextAgent");
        if (a.agent() != null) {
          g.writeFieldName(AGENT);
          writeActor(g, a.agent());
        }
        if (!a.relevantTypes().isEmpty()) {
          g.writeFieldName(RELEVANT_TYPES);
          strings(g, a.relevantTypes());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!c.contextGroups().isEmpty()) {
      g.writeFieldName(CONTEXT_GROUPS);
      g.writeStartArray();
      for (ContextGroup cg : c.contextGroups()) {
        g.writeStartObject();
        g.writeFieldName(OBJECT_TYPE);
        g.writeString("contextGroup");
        if (cg.group() != null) {
          g.writeFieldName(GROUP);
          writeActor(g, cg.group());
        }
        if (!cg.relevantTypes().isEmpty()) {
          g.writeFieldName(RELEVANT_TYPES);
          strings(g, cg.relevantTypes());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void activities(JsonGenerator g, SerializedString field, List<Activity> list)
      throws IOException {
    if (list.isEmpty()) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartArray();
    for (Activity a : list) {
      writeActivity(g, a);
    }
    g.writeEndArray();
  }

  private static void attachments(JsonGenerator g, List<Attachment> list) throws IOException {
    if (list.isEmpty()) {
      return;
    }
    g.writeFieldName(ATTACHMENTS);
    g.writeStartArray();
    for (Attachment a : list) {
      g.writeStartObject();
      string(g, USAGE_TYPE, a.usageType());
      languageMap(g, DISPLAY, a.display());
      languageMap(g, DESCRIPTION, a.description());
      string(g, CONTENT_TYPE, a.contentType());
      g.writeFieldName(LENGTH);
      g.writeNumber(a.length());
      string(g, SHA2, a.sha2());
      string(g, FILE_URL, a.fileUrl());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void languageMap(JsonGenerator g, SerializedString field, LanguageMap map)
      throws IOException {
    if (map == null) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartObject();
    for (int i = 0, n = map.size(); i < n; i++) {
      g.writeFieldName(map.tag(i));
      g.writeString(map.text(i));
    }
    g.writeEndObject();
  }

  private static void extensions(JsonGenerator g, Extensions ext) throws IOException {
    if (ext == null) {
      return;
    }
    g.writeFieldName(EXTENSIONS);
    g.writeStartObject();
    for (int i = 0, n = ext.size(); i < n; i++) {
      g.writeFieldName(ext.key(i));
      JsonNodeWriter.write(g, ext.rawValue(i));
    }
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, List<String> values) throws IOException {
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void string(JsonGenerator g, SerializedString field, String value) throws IOException {
    if (value != null) {
      g.writeFieldName(field);
      g.writeString(value);
    }
  }

  private static void number(JsonGenerator g, SerializedString field, Double value) throws IOException {
    if (value != null) {
      g.writeFieldName(field);
      double d = value;
      if (d == Math.rint(d) && Math.abs(d) < 1e15 && (d != 0 || 1 / d > 0)) {
        g.writeNumber((long) d);
      } else {
        g.writeNumber(d);
      }
    }
  }

  private static void uuid(JsonGenerator g, SerializedString field, UUID value) throws IOException {
    if (value != null) {
      g.writeFieldName(field);
      g.writeString(Uuids.toString(value));
    }
  }
}
