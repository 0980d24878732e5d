package org.learntrace.xapi;

import java.util.List;

/**
 * The rule checks of the Data chapter on the model: identifiers, formats, ranges and the rules that
 * tie properties together. Structural checks (JSON types, unknown properties) belong to {@link
 * StatementReader}. A path it already reported is skipped here, as is anything beneath it (already
 * judged) and anything above it (judged on a property the reader had to leave out, such as an
 * Agent's IFI count when its {@code mbox} was a number).
 */
final class StatementRules {
  private final XapiVersion version;
  private final List<String> skip;
  private final List<Violation> out;

  StatementRules(XapiVersion version, List<String> skip, List<Violation> out) {
    this.version = version;
    this.skip = skip;
    this.out = out;
  }

  private void report(JsonPath path, XapiRule rule, String detail) {
    String p = path.toString();
    for (String s : skip) {
      if (p.equals(s) || isBeneath(p, s) || isBeneath(s, p)) {
        return; // already reported, or judged on a property the reader could not read
      }
    }
    out.add(new Violation(p, rule, detail));
  }

  private static boolean isBeneath(String path, String ancestor) {
    return path.length() > ancestor.length()
        && path.startsWith(ancestor)
        && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
  }

  void statement(Statement s, JsonPath p) {
    core(s.actor(), s.verb(), s.object(), s.result(), s.context(), s.timestamp(), s.attachments(), p, false);
    if (s.stored() != null) {
      timestamp(s.stored(), p.key("stored"), XapiRule.STORED);
    }
    if (s.authority() != null) {
      JsonPath ap = p.key("authority");
      actor(s.authority(), ap);
      if (s.authority() instanceof Group g && (!g.isAnonymous() || g.member().size() != 2)) {
        report(ap, XapiRule.AUTHORITY_GROUP,
            (g.isAnonymous() ? "" : "the group is identified; ") + "it has " + g.member().size() + " members");
      }
    }
    if (s.version() != null && !version.acceptsStatementVersion(s.version())) {
      report(p.key("version"), XapiRule.VERSION, "was \"" + s.version() + "\" (validating for xAPI " + version + ")");
    }
  }

  private void core(
      Actor actor, Verb verb, StatementObject object, Result result, Context context,
      XapiTimestamp timestamp, List<Attachment> attachments, JsonPath p, boolean sub) {
    if (actor == null) {
      report(p.key("actor"), XapiRule.STATEMENT_ACTOR, "missing");
    } else {
      actor(actor, p.key("actor"));
    }
    if (verb == null) {
      report(p.key("verb"), XapiRule.STATEMENT_VERB, "missing");
    } else {
      verb(verb, p.key("verb"));
    }
    JsonPath op = p.key("object");
    if (object == null) {
      report(op, XapiRule.STATEMENT_OBJECT, "missing");
    } else {
      object(object, op, sub);
      if (verb != null && verb.isVoiding() && !(object instanceof StatementRef)) {
        report(op, XapiRule.VOIDING_OBJECT, "was a " + object.objectType());
      }
    }
    if (result != null) {
      result(result, p.key("result"));
    }
    if (context != null) {
      context(context, object, p.key("context"));
    }
    if (timestamp != null) {
      timestamp(timestamp, p.key("timestamp"), XapiRule.TIMESTAMP_OFFSET);
    }
    for (int i = 0; i < attachments.size(); i++) {
      attachment(attachments.get(i), p.key("attachments").index(i));
    }
  }

  private void timestamp(XapiTimestamp t, JsonPath p, XapiRule rule) {
    if (version == XapiVersion.V2_0_0 && !t.hasOffset()) {
      report(p, rule == XapiRule.STORED ? XapiRule.STORED : XapiRule.TIMESTAMP_OFFSET, "was \"" + t.text() + "\"");
    }
  }

  // ---- actors ----

  void actor(Actor a, JsonPath p) {
    int ifis = a.ifiCount();
    if (a instanceof Agent) {
      if (ifis != 1) {
        report(p, XapiRule.AGENT_ONE_IFI, "found " + ifis);
      }
    } else if (a instanceof Group g) {
      if (ifis > 1) {
        report(p, XapiRule.IDENTIFIED_GROUP_ONE_IFI, "found " + ifis);
      } else if (ifis == 0 && g.member().isEmpty()) {
        report(p.key("member"), XapiRule.ANONYMOUS_GROUP_MEMBER, "an anonymous group has no members");
      }
      for (int i = 0; i < g.member().size(); i++) {
        actor(g.member().get(i), p.key("member").index(i));
      }
    }
    if (a.mbox() != null && !Formats.isMailtoIri(a.mbox())) {
      report(p.key("mbox"), XapiRule.MBOX, "was \"" + a.mbox() + "\"");
    }
    if (a.mboxSha1sum() != null && !Formats.isHex(a.mboxSha1sum(), 40)) {
      report(p.key("mbox_sha1sum"), XapiRule.MBOX_SHA1SUM, "was \"" + a.mboxSha1sum() + "\"");
    }
    if (a.openid() != null && !Formats.isAbsoluteIri(a.openid())) {
      report(p.key("openid"), XapiRule.OPENID, "was \"" + a.openid() + "\"");
    }
    Account account = a.account();
    if (account != null) {
      JsonPath ap = p.key("account");
      if (account.homePage() == null) {
        report(ap.key("homePage"), XapiRule.ACCOUNT_HOME_PAGE, "missing");
      } else if (!Formats.isAbsoluteIri(account.homePage())) {
        report(ap.key("homePage"), XapiRule.ACCOUNT_HOME_PAGE, "was \"" + account.homePage() + "\"");
      }
      if (account.name() == null) {
        report(ap.key("name"), XapiRule.ACCOUNT_NAME, "missing");
      }
    }
  }

  private void verb(Verb v, JsonPath p) {
    iri(v.id(), p.key("id"), XapiRule.VERB_ID, true);
    languageMap(v.display(), p.key("display"));
  }

  // ---- objects ----

  private void object(StatementObject o, JsonPath p, boolean inSubStatement) {
    if (o instanceof Activity a) {
      ActivityRules.activity(this, a, p);
    } else if (o instanceof Actor a) {
      actor(a, p);
    } else if (o instanceof StatementRef r) {
      if (r.id() == null) {
        report(p.key("id"), XapiRule.STATEMENT_REF, "id is missing");
      }
    } else if (o instanceof SubStatement s) {
      if (inSubStatement) {
        report(p, XapiRule.SUBSTATEMENT_NESTED, "");
        return;
      }
      core(s.actor(), s.verb(), s.object(), s.result(), s.context(), s.timestamp(), s.attachments(), p, true);
    }
  }

  // ---- result ----

  private void result(Result r, JsonPath p) {
    Score s = r.score();
    if (s != null) {
      JsonPath sp = p.key("score");
      finite(s.scaled(), sp.key("scaled"), XapiRule.SCORE_SCALED);
      finite(s.raw(), sp.key("raw"), XapiRule.SCORE_RAW);
      finite(s.min(), sp.key("min"), XapiRule.SCORE_MIN);
      finite(s.max(), sp.key("max"), XapiRule.SCORE_MAX);
      if (s.scaled() != null && (s.scaled() < -1 || s.scaled() > 1)) {
        report(sp.key("scaled"), XapiRule.SCORE_SCALED, "was " + s.scaled());
      }
      if (s.min() != null && s.max() != null && s.min() >= s.max()) {
        report(sp.key("min"), XapiRule.SCORE_MIN, "min " + s.min() + " is not less than max " + s.max());
      }
      if (s.raw() != null
          && ((s.min() != null && s.raw() < s.min()) || (s.max() != null && s.raw() > s.max()))) {
        report(sp.key("raw"), XapiRule.SCORE_RAW, "raw " + s.raw() + " is outside [" + s.min() + ", " + s.max() + "]");
      }
    }
    extensionKeys(r.extensions(), p.key("extensions"));
  }

  private void finite(Double value, JsonPath p, XapiRule rule) {
    if (value != null && !Double.isFinite(value)) {
      report(p, rule, "was " + value + ", which JSON cannot represent");
    }
  }

  // ---- context ----

  private void context(Context c, StatementObject object, JsonPath p) {
    boolean activityObject = object == null || object instanceof Activity;
    if (c.revision() != null && !activityObject) {
      report(p.key("revision"), XapiRule.CONTEXT_REVISION, "the object's objectType is " + object.objectType());
    }
    if (c.platform() != null && !activityObject) {
      report(p.key("platform"), XapiRule.CONTEXT_PLATFORM, "the object's objectType is " + object.objectType());
    }
    if (c.instructor() != null) {
      actor(c.instructor(), p.key("instructor"));
    }
    if (c.team() != null) {
      actor(c.team(), p.key("team"));
    }
    ContextActivities ca = c.contextActivities();
    if (ca != null) {
      JsonPath cp = p.key("contextActivities");
      activities(ca.parent(), cp.key("parent"));
      activities(ca.grouping(), cp.key("grouping"));
      activities(ca.category(), cp.key("category"));
      activities(ca.other(), cp.key("other"));
    }
    if (c.language() != null && !Formats.isLanguageTag(c.language())) {
      report(p.key("language"), XapiRule.CONTEXT_LANGUAGE, "was \"" + c.language() + "\"");
    }
    if (c.statement() != null && c.statement().id() == null) {
      report(p.key("statement").key("id"), XapiRule.CONTEXT_STATEMENT, "id is missing");
    }
    extensionKeys(c.extensions(), p.key("extensions"));
    participants(c, p);
  }

  private void participants(Context c, JsonPath p) {
    if (!c.usesVersion2Properties()) {
      return;
    }
    if (!version.hasContextAgentsAndGroups()) {
      if (!c.contextAgents().isEmpty()) {
        report(p.key("contextAgents"), XapiRule.VERSION_2_PROPERTY, "validating for xAPI " + version);
      }
      if (!c.contextGroups().isEmpty()) {
        report(p.key("contextGroups"), XapiRule.VERSION_2_PROPERTY, "validating for xAPI " + version);
      }
      return;
    }
    for (int i = 0; i < c.contextAgents().size(); i++) {
      ContextAgent a = c.contextAgents().get(i);
      JsonPath ap = p.key("contextAgents").index(i);
      if (a.agent() == null) {
        report(ap.key("agent"), XapiRule.CONTEXT_AGENTS, "agent is missing");
      } else {
        actor(a.agent(), ap.key("agent"));
      }
      relevantTypes(a.relevantTypes(), ap.key("relevantTypes"), XapiRule.CONTEXT_AGENTS);
    }
    for (int i = 0; i < c.contextGroups().size(); i++) {
      ContextGroup g = c.contextGroups().get(i);
      JsonPath gp = p.key("contextGroups").index(i);
      if (g.group() == null) {
        report(gp.key("group"), XapiRule.CONTEXT_GROUPS, "group is missing");
      } else {
        actor(g.group(), gp.key("group"));
      }
      relevantTypes(g.relevantTypes(), gp.key("relevantTypes"), XapiRule.CONTEXT_GROUPS);
    }
  }

  private void relevantTypes(List<String> types, JsonPath p, XapiRule rule) {
    for (int i = 0; i < types.size(); i++) {
      iri(types.get(i), p.index(i), rule, true);
    }
  }

  private void activities(List<Activity> list, JsonPath p) {
    for (int i = 0; i < list.size(); i++) {
      ActivityRules.activity(this, list.get(i), p.index(i));
    }
  }

  // ---- attachments ----

  private void attachment(Attachment a, JsonPath p) {
    iri(a.usageType(), p.key("usageType"), XapiRule.ATTACHMENT_USAGE_TYPE, true);
    if (a.display() == null) {
      report(p.key("display"), XapiRule.ATTACHMENT_DISPLAY, "missing");
    }
    languageMap(a.display(), p.key("display"));
    languageMap(a.description(), p.key("description"));
    if (a.contentType() == null || !Formats.isMediaType(a.contentType())) {
      report(p.key("contentType"), XapiRule.ATTACHMENT_CONTENT_TYPE,
          a.contentType() == null ? "missing" : "was \"" + a.contentType() + "\"");
    } else if (Attachment.SIGNATURE_USAGE_TYPE.equals(a.usageType())
        && !a.contentType().equals("application/octet-stream")) {
      report(p.key("contentType"), XapiRule.SIGNATURE_CONTENT_TYPE, "was \"" + a.contentType() + "\"");
    }
    if (a.length() < 0) {
      report(p.key("length"), XapiRule.ATTACHMENT_LENGTH, "was " + a.length());
    }
    if (a.sha2() == null || !Formats.isSha2Hex(a.sha2())) {
      report(p.key("sha2"), XapiRule.ATTACHMENT_SHA2, a.sha2() == null ? "missing" : "was \"" + a.sha2() + "\"");
    }
    iri(a.fileUrl(), p.key("fileUrl"), XapiRule.ATTACHMENT_FILE_URL, false);
  }

  // ---- shared ----

  /** Checks an IRI; reports it missing when {@code required}. */
  void iri(String value, JsonPath p, XapiRule rule, boolean required) {
    if (value == null) {
      if (required) {
        report(p, rule, "missing");
      }
    } else if (!Formats.isAbsoluteIri(value)) {
      report(p, rule, "was \"" + value + "\"");
    }
  }

  void languageMap(LanguageMap map, JsonPath p) {
    if (map == null) {
      return;
    }
    for (int i = 0; i < map.size(); i++) {
      if (!Formats.isLanguageTag(map.tag(i))) {
        report(p.key(map.tag(i)), XapiRule.LANGUAGE_TAG, "\"" + map.tag(i) + "\" is not a language tag");
      }
    }
  }

  void extensionKeys(Extensions ext, JsonPath p) {
    if (ext == null) {
      return;
    }
    for (int i = 0; i < ext.size(); i++) {
      if (!Formats.isAbsoluteIri(ext.key(i))) {
        report(p.key(ext.key(i)), XapiRule.EXTENSION_KEY, "\"" + ext.key(i) + "\" is not an IRI");
      }
    }
  }

  void violation(JsonPath p, XapiRule rule, String detail) {
    report(p, rule, detail);
  }
}
