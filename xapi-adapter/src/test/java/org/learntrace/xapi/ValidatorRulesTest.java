package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One broken rule at a time on an otherwise valid statement: the validator reports exactly that
 * rule at exactly that path.
 */
class ValidatorRulesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final StatementValidator V1 = StatementValidator.forVersion(XapiVersion.V1_0_3);
  static final StatementValidator V2 = StatementValidator.forVersion(XapiVersion.V2_0_0);

  static final String BASE = """
      {"id": "6d1f3a52-8e0b-4c1e-9b5a-2f7d3c9e1a40",
       "actor": {"objectType": "Agent", "account": {"homePage": "https://muktopaath.gov.bd/id/teachers", "name": "k9Qz3v"}},
       "verb": {"id": "https://w3id.org/xapi/video/verbs/played", "display": {"en-US": "played", "bn-BD": "চালিয়েছেন"}},
       "object": {"objectType": "Activity", "id": "https://learntrace.org/ags/m3/video/1",
                  "definition": {"type": "https://w3id.org/xapi/video/activity-type/video",
                                 "name": {"en-US": "Counting objects", "bn-BD": "বস্তু গণনা"}}},
       "result": {"score": {"scaled": 0.5, "raw": 5, "min": 0, "max": 10}, "success": true, "duration": "PT1M",
                  "extensions": {"https://w3id.org/xapi/video/extensions/progress": 0.5}},
       "context": {"registration": "0f7b2c9e-3d41-4a6b-8c5e-1a2b3c4d5e01",
                   "instructor": {"mbox": "mailto:trainer@example.org"},
                   "team": {"objectType": "Group", "account": {"homePage": "https://learntrace.org/id/classes", "name": "c1"}},
                   "contextActivities": {"parent": [{"id": "https://learntrace.org/ags/m3"}]},
                   "revision": "2", "platform": "Muktopaath", "language": "bn-BD",
                   "statement": {"objectType": "StatementRef", "id": "0f7b2c9e-3d41-4a6b-8c5e-1a2b3c4d5e02"},
                   "extensions": {"https://learntrace.org/xapi/extensions/network": "2g"}},
       "timestamp": "2026-03-14T09:26:53.589Z",
       "attachments": [{"usageType": "https://learntrace.org/attachments/photo-consent",
                        "display": {"en-US": "consent form"}, "contentType": "application/pdf", "length": 1200,
                        "sha2": "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a"}]}
      """;

  static ObjectNode base() {
    try {
      return (ObjectNode) JSON.readTree(BASE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode at(ObjectNode root, String pointer) {
    return (ObjectNode) root.at(pointer);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theBaseStatementIsValidUnderBothVersions() {
    assertThat(V1.validate(base()).violations()).isEmpty();
    assertThat(V2.validate(base()).violations()).isEmpty();
  }

  static ObjectNode withoutRevisionAndPlatform(ObjectNode s) {
    at(s, "/context").remove(List.of("revision", "platform"));
    return s;
  }

  static Arguments breaks(String what, Consumer<ObjectNode> mutation, String path, XapiRule rule) {
    return Arguments.of(what, mutation, path, rule);
  }

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        breaks("actor missing", s -> s.remove("actor"), "$.actor", XapiRule.STATEMENT_ACTOR),
        breaks("verb missing", s -> s.remove("verb"), "$.verb", XapiRule.STATEMENT_VERB),
        breaks("object missing", s -> s.remove("object"), "$.object", XapiRule.STATEMENT_OBJECT),
        breaks("null actor", s -> s.putNull("actor"), "$.actor", XapiRule.NO_NULL),
        breaks("unknown property", s -> s.put("Actor", "x"), "$.Actor", XapiRule.UNKNOWN_PROPERTY),
        breaks("id not a UUID", s -> s.put("id", "6d1f3a52-8e0b-4c1e-9b5a-2f7d3c9e1a4"), "$.id", XapiRule.UUID),
        breaks("two IFIs", s -> at(s, "/actor").put("mbox", "mailto:a@b.org"), "$.actor", XapiRule.AGENT_ONE_IFI),
        breaks("no IFI", s -> at(s, "/actor").remove("account"), "$.actor", XapiRule.AGENT_ONE_IFI),
        breaks("bad mbox", s -> at(s, "/context/instructor").put("mbox", "trainer@example.org"),
            "$.context.instructor.mbox", XapiRule.MBOX),
        breaks("bad sha1", s -> { at(s, "/context/instructor").remove("mbox"); at(s, "/context/instructor").put("mbox_sha1sum", "abc"); },
            "$.context.instructor.mbox_sha1sum", XapiRule.MBOX_SHA1SUM),
        breaks("bad openid", s -> { at(s, "/context/instructor").remove("mbox"); at(s, "/context/instructor").put("openid", "not a uri"); },
            "$.context.instructor.openid", XapiRule.OPENID),
        breaks("homePage not IRL", s -> at(s, "/actor/account").put("homePage", "muktopaath"),
            "$.actor.account.homePage", XapiRule.ACCOUNT_HOME_PAGE),
        breaks("account name missing", s -> at(s, "/actor/account").remove("name"), "$.actor.account.name", XapiRule.ACCOUNT_NAME),
        breaks("verb id not IRI", s -> at(s, "/verb").put("id", "played"), "$.verb.id", XapiRule.VERB_ID),
        breaks("bad language tag", s -> at(s, "/verb/display").put("bn_BD", "x"), "$.verb.display.bn_BD", XapiRule.LANGUAGE_TAG),
        breaks("activity id missing", s -> at(s, "/object").remove("id"), "$.object.id", XapiRule.ACTIVITY_ID),
        breaks("type not IRI", s -> at(s, "/object/definition").put("type", "video"), "$.object.definition.type", XapiRule.DEFINITION_TYPE),
        breaks("interactionType wrong case", s -> at(s, "/object/definition").put("interactionType", "Choice"),
            "$.object.definition.interactionType", XapiRule.ENUMERATED_VALUE),
        breaks("interactionType unknown", s -> at(s, "/object/definition").put("interactionType", "essay"),
            "$.object.definition.interactionType", XapiRule.INTERACTION_TYPE),
        breaks("choices without interactionType", s -> at(s, "/object/definition").set("choices", json("[{\"id\":\"a\"}]")),
            "$.object.definition.interactionType", XapiRule.INTERACTION_TYPE_REQUIRED),
        breaks("duplicate choice id", s -> { at(s, "/object/definition").put("interactionType", "choice");
              at(s, "/object/definition").set("choices", json("[{\"id\":\"a\"},{\"id\":\"a\"}]")); },
            "$.object.definition.choices[1].id", XapiRule.INTERACTION_COMPONENT_ID),
        breaks("scaled above 1", s -> at(s, "/result/score").put("scaled", 1.01), "$.result.score.scaled", XapiRule.SCORE_SCALED),
        breaks("raw above max", s -> at(s, "/result/score").put("raw", 11), "$.result.score.raw", XapiRule.SCORE_RAW),
        breaks("min not below max", s -> at(s, "/result/score").put("min", 10).put("raw", 10), "$.result.score.min", XapiRule.SCORE_MIN),
        breaks("success as string", s -> at(s, "/result").put("success", "true"), "$.result.success", XapiRule.RESULT_SUCCESS),
        breaks("bad duration", s -> at(s, "/result").put("duration", "P4W1D"), "$.result.duration", XapiRule.DURATION),
        breaks("extension key not IRI", s -> at(s, "/result/extensions").put("progress", 1),
            "$.result.extensions.progress", XapiRule.EXTENSION_KEY),
        breaks("registration not UUID", s -> at(s, "/context").put("registration", "r1"),
            "$.context.registration", XapiRule.CONTEXT_REGISTRATION),
        breaks("team is an agent", s -> at(s, "/context/team").put("objectType", "Agent"), "$.context.team", XapiRule.CONTEXT_TEAM),
        breaks("revision with agent object", s -> { at(s, "/context").remove("platform");
              s.set("object", json("{\"objectType\":\"Agent\",\"mbox\":\"mailto:a@b.org\"}")); },
            "$.context.revision", XapiRule.CONTEXT_REVISION),
        breaks("bad contextActivities key", s -> at(s, "/context/contextActivities").set("parents", json("[]")),
            "$.context.contextActivities.parents", XapiRule.CONTEXT_ACTIVITIES_KEY),
        breaks("bad context language", s -> at(s, "/context").put("language", "bn_BD"), "$.context.language", XapiRule.CONTEXT_LANGUAGE),
        breaks("context statement without objectType", s -> at(s, "/context/statement").remove("objectType"),
            "$.context.statement.objectType", XapiRule.CONTEXT_STATEMENT),
        breaks("bad timestamp", s -> s.put("timestamp", "2026-02-30T00:00:00Z"), "$.timestamp", XapiRule.TIMESTAMP),
        breaks("version 1.1", s -> s.put("version", "1.1.0"), "$.version", XapiRule.VERSION),
        breaks("authority identified group", s -> s.set("authority", json(
                "{\"objectType\":\"Group\",\"mbox\":\"mailto:g@b.org\",\"member\":[{\"mbox\":\"mailto:a@b.org\"},{\"mbox\":\"mailto:c@b.org\"}]}")),
            "$.authority", XapiRule.AUTHORITY_GROUP),
        breaks("anonymous group without members", s -> s.set("actor", json("{\"objectType\":\"Group\",\"name\":\"g\"}")),
            "$.actor.member", XapiRule.ANONYMOUS_GROUP_MEMBER),
        breaks("group as member", s -> s.set("actor", json(
                "{\"objectType\":\"Group\",\"member\":[{\"objectType\":\"Group\",\"mbox\":\"mailto:g@b.org\"}]}")),
            "$.actor.member[0]", XapiRule.GROUP_MEMBER),
        breaks("voiding a non-StatementRef", s -> at(s, "/verb").put("id", Verb.VOIDED), "$.object", XapiRule.VOIDING_OBJECT),
        breaks("substatement with id", s -> withoutRevisionAndPlatform(s).set("object", json(
                "{\"objectType\":\"SubStatement\",\"id\":\"6d1f3a52-8e0b-4c1e-9b5a-2f7d3c9e1a40\",\"actor\":{\"mbox\":\"mailto:a@b.org\"},"
                    + "\"verb\":{\"id\":\"http://x.org/v\"},\"object\":{\"id\":\"http://x.org/a\"}}")),
            "$.object.id", XapiRule.SUBSTATEMENT_ID),
        breaks("nested substatement", s -> withoutRevisionAndPlatform(s).set("object", json(
                "{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:a@b.org\"},\"verb\":{\"id\":\"http://x.org/v\"},"
                    + "\"object\":{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:a@b.org\"},\"verb\":{\"id\":\"http://x.org/v\"},"
                    + "\"object\":{\"id\":\"http://x.org/a\"}}}")),
            "$.object.object", XapiRule.SUBSTATEMENT_NESTED),
        breaks("attachment sha2 not hex", s -> at(s, "/attachments/0").put("sha2", "xyz"), "$.attachments[0].sha2", XapiRule.ATTACHMENT_SHA2),
        breaks("attachment length missing", s -> at(s, "/attachments/0").remove("length"), "$.attachments[0].length", XapiRule.ATTACHMENT_LENGTH),
        breaks("attachment display missing", s -> at(s, "/attachments/0").remove("display"), "$.attachments[0].display", XapiRule.ATTACHMENT_DISPLAY),
        breaks("attachment contentType", s -> at(s, "/attachments/0").put("contentType", "pdf"), "$.attachments[0].contentType",
            XapiRule.ATTACHMENT_CONTENT_TYPE),
        breaks("signature not octet-stream", s -> at(s, "/attachments/0").put("usageType", Attachment.SIGNATURE_USAGE_TYPE),
            "$.attachments[0].contentType", XapiRule.SIGNATURE_CONTENT_TYPE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRules")
  void reportsExactlyTheBrokenRuleAtItsPath(String what, Consumer<ObjectNode> mutation, String path, XapiRule rule) {
    for (StatementValidator validator : List.of(V1, V2)) {
      ObjectNode statement = base();
      mutation.accept(statement);
      List<Violation> violations = validator.validate(statement).violations();
      assertThat(violations).as("%s under %s", what, validator.version())
          .extracting(Violation::path, Violation::rule)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(path, rule));
    }
  }

  @Test
  void reportsEveryViolationAtOnce() {
    ObjectNode s = base();
    at(s, "/actor").put("mbox", "not-a-mailto");
    at(s, "/result/score").put("scaled", 2);
    s.put("timestamp", "yesterday");
    at(s, "/verb/display").put("bn_BD", "চালিয়েছেন");
    List<Violation> violations = V2.validate(s).violations();
    assertThat(violations).extracting(Violation::path).containsExactlyInAnyOrder(
        "$.actor", "$.actor.mbox", "$.result.score.scaled", "$.timestamp", "$.verb.display.bn_BD");
  }

  @Test
  void batchPathsStartWithTheStatementIndex() {
    ArrayNode batch = JSON.createArrayNode().add(base()).add(base());
    at((ObjectNode) batch.get(1), "/actor").put("mbox", "x");
    List<StatementValidator.Validated> results = V2.validateBatch(batch);
    assertThat(results.get(0).isValid()).isTrue();
    assertThat(results.get(1).violations()).extracting(Violation::path).contains("$[1].actor.mbox");
  }

  @Test
  void malformedJsonIsOneViolationWithLineAndColumn() {
    StatementValidator.Validated r = V2.validate("{\"actor\": {\"mbox\": \"mailto:a@b.org\"},\n \"verb\": }");
    assertThat(r.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("$");
      assertThat(v.detail()).contains("line 2");
    });
  }

  @Test
  void duplicatePropertiesAreRejected() {
    StatementValidator.Validated r = V2.validate(
        "{\"actor\": {\"mbox\": \"mailto:a@b.org\"}, \"actor\": {\"mbox\": \"mailto:c@b.org\"}, "
            + "\"verb\": {\"id\": \"http://x.org/v\"}, \"object\": {\"id\": \"http://x.org/a\"}}");
    assertThat(r.violations()).singleElement().extracting(Violation::rule).isEqualTo(XapiRule.DUPLICATE_PROPERTY);
  }

  @Test
  void extensionValuesAreNeverJudged() {
    ObjectNode s = base();
    at(s, "/result/extensions").putNull("https://x.org/null");
    at(s, "/result/extensions").set("https://x.org/obj", json("{\"Anything\": null, \"goes\": [1, \"x\"]}"));
    assertThat(V2.validate(s).violations()).isEmpty();
  }

  @Test
  void aSingleContextActivityObjectIsAcceptedAndNormalisedToAnArray() throws Exception {
    ObjectNode s = base();
    at(s, "/context/contextActivities").set("grouping", json("{\"id\": \"https://learntrace.org/ags\"}"));
    StatementValidator.Validated r = V1.validate(s);
    assertThat(r.violations()).isEmpty();
    JsonNode written = JSON.readTree(XapiJson.toBytes(r.statement()));
    assertThat(written.at("/context/contextActivities/grouping").isArray()).isTrue();
    assertThat(written.at("/context/contextActivities/grouping/0/id").asText()).isEqualTo("https://learntrace.org/ags");
  }

  @Test
  void modelValidationSeesTheSameRulesAsJsonValidation() {
    Statement s = XapiJson.readStatement(base());
    Statement broken = new Statement(s.id(), Agent.ofMbox("trainer@example.org"), s.verb(), s.object(), s.result(),
        s.context(), s.timestamp(), null, null, null, s.attachments());
    assertThat(V2.validate(broken)).extracting(Violation::path, Violation::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("$.actor.mbox", XapiRule.MBOX));
  }
}
