package org.learntrace.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.ActivityDefinition;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.ContextActivities;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.LanguageMap;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.XapiJson;

/**
 * The same statement in {@code gov.adlnet:jxapi}'s model, so that a peer posts exactly what
 * LearnTrace posts. Covers what the video mapping produces (an account agent, an activity with a
 * definition, result and context extensions, context activities, a registration); anything else
 * is refused rather than silently dropped, and {@link #sameJson} proves the two serialize alike.
 */
final class JxapiStatements {
  private static final Comparator<JsonNode> NUMERIC = (a, b) -> a.isNumber() && b.isNumber()
      ? Double.compare(a.doubleValue(), b.doubleValue())
      : a.equals(b) ? 0 : 1;

  /** jxapi's statement client, with access to the Gson it serializes with. */
  static final class Client extends gov.adlnet.xapi.client.StatementClient {
    Client(String endpoint, String user, String password) throws java.net.MalformedURLException {
      super(endpoint, user, password);
    }

    /** The JSON jxapi sends for {@code statement}. */
    String json(gov.adlnet.xapi.model.Statement statement) {
      return getDecoder().toJson(statement);
    }
  }

  private JxapiStatements() {}

  static gov.adlnet.xapi.model.Statement of(Statement s) {
    require(s.attachments().isEmpty() && s.stored() == null && s.authority() == null, "attachments, stored, authority");
    gov.adlnet.xapi.model.Statement j = new gov.adlnet.xapi.model.Statement();
    j.setId(s.id().toString());
    Agent actor = (Agent) s.actor();
    require(actor.account() != null && actor.name() == null, "an agent other than a bare account");
    // jxapi's Account constructor takes (name, homePage), the reverse of the JSON order.
    j.setActor(new gov.adlnet.xapi.model.Agent(null,
        new gov.adlnet.xapi.model.Account(actor.account().name(), actor.account().homePage())));
    j.setVerb(new gov.adlnet.xapi.model.Verb(s.verb().id(), map(s.verb().display())));
    j.setObject(activity((Activity) s.object()));
    if (s.result() != null) {
      j.setResult(result(s.result()));
    }
    if (s.context() != null) {
      j.setContext(context(s.context()));
    }
    j.setTimestamp(s.timestamp().toString());
    if (s.version() != null) {
      j.setVersion(s.version());
    }
    return j;
  }

  /**
   * Whether jxapi's JSON for {@code jxapi} means what LearnTrace's for {@code ours} does: equal
   * trees, numbers by value, and {@code "objectType": "Activity"} (optional, which jxapi leaves out
   * and LearnTrace writes) ignored.
   */
  static boolean sameJson(Client client, gov.adlnet.xapi.model.Statement jxapi, Statement ours) throws IOException {
    JsonNode theirs = withoutActivityType(XapiJson.mapper().readTree(client.json(jxapi)));
    JsonNode mine = withoutActivityType(XapiJson.mapper().readTree(XapiJson.toBytes(ours)));
    return mine.equals(NUMERIC, theirs);
  }

  private static JsonNode withoutActivityType(JsonNode node) {
    if (node instanceof ObjectNode o) {
      if ("Activity".equals(o.path("objectType").asText(null))) {
        o.remove("objectType");
      }
      o.forEach(JxapiStatements::withoutActivityType);
    } else if (node.isArray()) {
      node.forEach(JxapiStatements::withoutActivityType);
    }
    return node;
  }

  private static gov.adlnet.xapi.model.Activity activity(Activity a) {
    ActivityDefinition d = a.definition();
    if (d == null) {
      return new gov.adlnet.xapi.model.Activity(a.id());
    }
    require(d.interactionType() == null && d.moreInfo() == null, "interactions, moreInfo");
    gov.adlnet.xapi.model.ActivityDefinition j = new gov.adlnet.xapi.model.ActivityDefinition();
    if (d.name() != null && !d.name().isEmpty()) {
      j.setName(map(d.name()));
    }
    if (d.description() != null && !d.description().isEmpty()) {
      j.setDescription(map(d.description()));
    }
    j.setType(d.type());
    if (d.extensions() != null && !d.extensions().isEmpty()) {
      j.setExtensions(extensions(d.extensions()));
    }
    return new gov.adlnet.xapi.model.Activity(a.id(), j);
  }

  private static gov.adlnet.xapi.model.Result result(Result r) {
    require(r.score() == null && r.response() == null && r.duration() == null, "score, response, duration");
    gov.adlnet.xapi.model.Result j = new gov.adlnet.xapi.model.Result();
    j.setSuccess(r.success());
    j.setCompletion(r.completion());
    if (r.extensions() != null && !r.extensions().isEmpty()) {
      JsonObject o = new JsonObject();
      extensions(r.extensions()).forEach(o::add);
      j.setExtensions(o);
    }
    return j;
  }

  private static gov.adlnet.xapi.model.Context context(Context c) {
    require(c.instructor() == null && c.team() == null && c.statement() == null && c.revision() == null
        && c.platform() == null && c.language() == null && c.contextAgents().isEmpty() && c.contextGroups().isEmpty(),
        "context agents, team, statement, revision, platform, language");
    gov.adlnet.xapi.model.Context j = new gov.adlnet.xapi.model.Context();
    if (c.registration() != null) {
      j.setRegistration(c.registration().toString());
    }
    ContextActivities ca = c.contextActivities();
    if (ca != null) {
      gov.adlnet.xapi.model.ContextActivities jca = new gov.adlnet.xapi.model.ContextActivities();
      jca.setParent(activities(ca.parent()));
      jca.setGrouping(activities(ca.grouping()));
      jca.setCategory(activities(ca.category()));
      jca.setOther(activities(ca.other()));
      j.setContextActivities(jca);
    }
    if (c.extensions() != null && !c.extensions().isEmpty()) {
      j.setExtensions(extensions(c.extensions()));
    }
    return j;
  }

  private static ArrayList<gov.adlnet.xapi.model.Activity> activities(List<Activity> list) {
    if (list == null || list.isEmpty()) {
      return null;
    }
    ArrayList<gov.adlnet.xapi.model.Activity> out = new ArrayList<>(list.size());
    list.forEach(a -> out.add(activity(a)));
    return out;
  }

  private static HashMap<String, String> map(LanguageMap m) {
    return new HashMap<>(m.asMap());
  }

  private static HashMap<String, JsonElement> extensions(Extensions e) {
    HashMap<String, JsonElement> out = new HashMap<>();
    for (int i = 0; i < e.size(); i++) {
      out.put(e.key(i), new com.google.gson.JsonParser().parse(e.value(i).toString()));
    }
    return out;
  }

  private static void require(boolean supported, String what) {
    if (!supported) {
      throw new IllegalArgumentException("the jxapi conversion does not cover " + what);
    }
  }
}
