package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * xAPI 2.0.0 (IEEE 9274.1.1-2023) cases, and what 1.0.3 says of the same statements: context
 * agents and groups (§4.2.2.5), timestamps (RFC 3339, §4.2.7), and the version property.
 */
class Version2Test {
  static final ObjectMapper JSON = new ObjectMapper();
  static final StatementValidator V1 = StatementValidator.forVersion(XapiVersion.V1_0_3);
  static final StatementValidator V2 = StatementValidator.forVersion(XapiVersion.V2_0_0);

  static String statement(String contextMembers) {
    return """
        {"actor": {"objectType": "Agent", "account": {"homePage": "https://learntrace.org/id/students", "name": "s1"}},
         "verb": {"id": "http://adlnet.gov/expapi/verbs/scored"},
         "object": {"id": "https://learntrace.org/instruments/egma-25/v2/endline"},
         "context": {%s}}
        """.formatted(contextMembers);
  }

  static final String TEACHER =
      "{\"objectType\": \"Agent\", \"account\": {\"homePage\": \"https://muktopaath.gov.bd/id/teachers\", \"name\": \"t1\"}}";
  static final String CLASS =
      "{\"objectType\": \"Group\", \"account\": {\"homePage\": \"https://learntrace.org/id/classes\", \"name\": \"c1\"}}";

  static List<Violation> v2(String json) {
    return V2.validate(json).violations();
  }

  @Test
  void contextAgentsAndGroupsAreValidIn2() {
    String s = statement("""
        "contextAgents": [{"objectType": "contextAgent", "agent": %s,
                           "relevantTypes": ["https://learntrace.org/xapi/roles/class-teacher"]},
                          {"objectType": "contextAgent", "agent": {"mbox": "mailto:assessor@example.org"}}],
        "contextGroups": [{"objectType": "contextGroup", "group": %s,
                           "relevantTypes": ["https://learntrace.org/xapi/roles/assessed-class"]}]
        """.formatted(TEACHER, CLASS));
    StatementValidator.Validated r = V2.validate(s);
    assertThat(r.violations()).isEmpty();
    Context c = r.statement().context();
    assertThat(c.contextAgents()).hasSize(2);
    assertThat(c.contextAgents().get(0).relevantTypes()).containsExactly("https://learntrace.org/xapi/roles/class-teacher");
    assertThat(c.contextGroups().get(0).group().account().name()).isEqualTo("c1");
  }

  @Test
  void contextAgentsAndGroupsDoNotExistIn103() {
    String s = statement("""
        "contextAgents": [{"objectType": "contextAgent", "agent": %s}],
        "contextGroups": [{"objectType": "contextGroup", "group": %s}]
        """.formatted(TEACHER, CLASS));
    assertThat(V1.validate(s).violations()).extracting(Violation::path, Violation::rule).containsExactly(
        tuple("$.context.contextAgents", XapiRule.VERSION_2_PROPERTY),
        tuple("$.context.contextGroups", XapiRule.VERSION_2_PROPERTY));
  }

  @Test
  void evenEmptyContextAgentsAndGroupsAreUnknownIn103() {
    String s = statement("\"contextAgents\": [], \"contextGroups\": []");
    assertThat(V1.validate(s).violations()).extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
        tuple("$.context.contextAgents", XapiRule.VERSION_2_PROPERTY),
        tuple("$.context.contextGroups", XapiRule.VERSION_2_PROPERTY));
    assertThat(v2(s)).isEmpty();
  }

  @Test
  void contextAgentNeedsItsObjectTypeExactly() {
    assertThat(v2(statement("\"contextAgents\": [{\"objectType\": \"ContextAgent\", \"agent\": " + TEACHER + "}]")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.context.contextAgents[0].objectType", XapiRule.CONTEXT_AGENTS));
    assertThat(v2(statement("\"contextAgents\": [{\"agent\": " + TEACHER + "}]")))
        .extracting(Violation::path).containsExactly("$.context.contextAgents[0].objectType");
  }

  @Test
  void contextAgentNeedsAnAgentNotAGroup() {
    assertThat(v2(statement("\"contextAgents\": [{\"objectType\": \"contextAgent\"}]")))
        .extracting(Violation::path).containsExactly("$.context.contextAgents[0].agent");
    assertThat(v2(statement("\"contextAgents\": [{\"objectType\": \"contextAgent\", \"agent\": " + CLASS + "}]")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.context.contextAgents[0].agent", XapiRule.CONTEXT_AGENTS));
    assertThat(v2(statement("\"contextAgents\": [{\"objectType\": \"contextAgent\", \"agent\": {\"key\": \"Should fail\"}}]")))
        .extracting(Violation::path).contains("$.context.contextAgents[0].agent.key");
  }

  @Test
  void contextGroupNeedsAGroup() {
    assertThat(v2(statement("\"contextGroups\": [{\"objectType\": \"contextGroup\", \"group\": " + TEACHER + "}]")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.context.contextGroups[0].group", XapiRule.CONTEXT_GROUPS));
    assertThat(v2(statement("\"contextGroups\": [{\"objectType\": \"contextGroup\", \"group\": "
        + "{\"objectType\": \"Group\"}}]")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.context.contextGroups[0].group.member", XapiRule.ANONYMOUS_GROUP_MEMBER));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[\"abc\"]", "\"https://x.org/role\"", "[1]"})
  void relevantTypesMustBeANonEmptyArrayOfIris(String relevantTypes) {
    assertThat(v2(statement("\"contextAgents\": [{\"objectType\": \"contextAgent\", \"agent\": " + TEACHER
        + ", \"relevantTypes\": " + relevantTypes + "}]")))
        .isNotEmpty()
        .allSatisfy(v -> {
          assertThat(v.path()).startsWith("$.context.contextAgents[0].relevantTypes");
          assertThat(v.rule()).isEqualTo(XapiRule.CONTEXT_AGENTS);
        });
  }

  @Test
  void contextAgentsMustBeAnArray() {
    assertThat(v2(statement("\"contextAgents\": {\"objectType\": \"contextAgent\", \"agent\": " + TEACHER + "}")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.context.contextAgents", XapiRule.CONTEXT_AGENTS));
  }

  @Test
  void aContextAgentMayNotCarryOtherProperties() {
    assertThat(v2(statement("\"contextGroups\": [{\"objectType\": \"contextGroup\", \"group\": " + CLASS
        + ", \"member\": []}]")))
        .extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.context.contextGroups[0].member", XapiRule.UNKNOWN_PROPERTY));
  }

  @Test
  void subStatementsMayCarryContextAgentsIn2() {
    String s = """
        {"actor": %s, "verb": {"id": "http://adlnet.gov/expapi/verbs/planned"},
         "object": {"objectType": "SubStatement", "actor": %s, "verb": {"id": "http://adlnet.gov/expapi/verbs/observed"},
                    "object": {"id": "https://learntrace.org/lessons/1"},
                    "context": {"contextAgents": [{"objectType": "contextAgent", "agent": {"mbox": "mailto:head@example.org"}}]}}}
        """.formatted(TEACHER, TEACHER);
    assertThat(v2(s)).isEmpty();
    assertThat(V1.validate(s).violations()).extracting(Violation::path)
        .containsExactly("$.object.context.contextAgents");
  }

  // ---- timestamps ----

  static String at(String timestamp) {
    return "{\"actor\": " + TEACHER + ", \"verb\": {\"id\": \"http://adlnet.gov/expapi/verbs/experienced\"},"
        + " \"object\": {\"id\": \"https://learntrace.org/ags\"}, \"timestamp\": \"" + timestamp + "\"}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-05-04T12:00:00-05:00", "2008-09-15T15:53:00.601+00:00", "2026-03-14T15:26:53.589+06:00",
      "2026-03-14T09:26:53.589Z", "2026-03-14T09:26:53.5891234Z", "2031-11-22T20:52:12.966Z"})
  void rfc3339TimestampsWithAnyOffsetAreAcceptedByBoth(String timestamp) {
    assertThat(v2(at(timestamp))).isEmpty();
    assertThat(V1.validate(at(timestamp)).violations()).isEmpty();
  }

  @Test
  void aTimestampWithoutOffsetIsIso8601ButNotRfc3339() {
    assertThat(V1.validate(at("2026-03-14T09:26:53.589")).violations()).isEmpty();
    assertThat(v2(at("2026-03-14T09:26:53.589"))).extracting(Violation::path, Violation::rule)
        .containsExactly(tuple("$.timestamp", XapiRule.TIMESTAMP_OFFSET));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2008-09-15T15:53:00.601-00", "2008-09-15T15:53:00.601-0000", "2008-09-15T15:53:00.601-00:00"})
  void unknownLocalOffsetsAreRejectedByBoth(String timestamp) {
    assertThat(v2(at(timestamp))).extracting(Violation::rule).containsExactly(XapiRule.TIMESTAMP);
    assertThat(V1.validate(at(timestamp)).violations()).extracting(Violation::rule).containsExactly(XapiRule.TIMESTAMP);
  }

  // ---- version ----

  static String version(String version) {
    return "{\"actor\": " + TEACHER + ", \"verb\": {\"id\": \"http://adlnet.gov/expapi/verbs/experienced\"},"
        + " \"object\": {\"id\": \"https://learntrace.org/ags\"}, \"version\": \"" + version + "\"}";
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.0.0", "2.0", "2.0.1"})
  void version2IsAcceptedOnlyBy2(String version) {
    assertThat(v2(version(version))).isEmpty();
    assertThat(V1.validate(version(version)).violations()).extracting(Violation::rule).containsExactly(XapiRule.VERSION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.0.0", "1.0.3", "1.0.9"})
  void version1IsAcceptedByBoth(String version) {
    assertThat(v2(version(version))).isEmpty();
    assertThat(V1.validate(version(version)).violations()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.9.9", "1.1.0", "should fail", "2.1.0", "1.0.", "1.0.x", "3.0.0", ""})
  void otherVersionsAreRejectedByBoth(String version) {
    assertThat(v2(version(version))).extracting(Violation::rule).containsExactly(XapiRule.VERSION);
    assertThat(V1.validate(version(version)).violations()).extracting(Violation::rule).containsExactly(XapiRule.VERSION);
  }

  @Test
  void contextAgentsRoundTripThroughJson() throws Exception {
    Statement s = V2.validate(statement(
        "\"contextAgents\": [{\"objectType\": \"contextAgent\", \"agent\": " + TEACHER
            + ", \"relevantTypes\": [\"https://learntrace.org/xapi/roles/class-teacher\"]}]")).orThrow();
    JsonNode written = JSON.readTree(XapiJson.toBytes(s));
    assertThat(written.at("/context/contextAgents/0/objectType").asText()).isEqualTo("contextAgent");
    assertThat(XapiJson.readStatement(written)).isEqualTo(s);
  }
}
