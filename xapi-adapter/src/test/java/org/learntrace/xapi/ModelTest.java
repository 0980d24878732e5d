package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void listsAreNeverNullAndCannotBeChangedFromOutside() {
    List<Agent> members = new ArrayList<>(List.of(Agent.ofMbox("mailto:a@b.org")));
    Group g = Group.anonymous(members);
    members.add(Agent.ofMbox("mailto:c@b.org"));
    assertThat(g.member()).hasSize(1);
    assertThatThrownBy(() -> g.member().add(Agent.ofMbox("mailto:d@b.org"))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(new Group(null, null, null, null, null, null).member()).isEmpty();
    assertThat(Statement.builder().build().attachments()).isEmpty();
    assertThat(new ContextActivities(null, null, null, null).isEmpty()).isTrue();
  }

  @Test
  void extensionContainersAreCopiedInAndOut() {
    ObjectNode value = JsonNodeFactory.instance.objectNode().put("segments", "0[.]5");
    Extensions ext = Extensions.builder().put("https://x.org/e", value).build();
    value.put("segments", "changed");
    assertThat(ext.get("https://x.org/e").get("segments").asText()).isEqualTo("0[.]5");
    ((ObjectNode) ext.get("https://x.org/e")).put("segments", "changed again");
    assertThat(ext.get("https://x.org/e").get("segments").asText()).isEqualTo("0[.]5");
  }

  @Test
  void extensionNumbersCompareByValue() {
    Extensions a = Extensions.builder().put("https://x.org/n", 5L).build();
    Extensions b = Extensions.builder().put("https://x.org/n", JsonNodeFactory.instance.numberNode(5)).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Extensions.builder().put("https://x.org/n", 6L).build());
  }

  @Test
  void duplicateKeysAreRefusedByTheBuilders() {
    assertThatThrownBy(() -> LanguageMap.of("bn-BD", "এক", "bn-BD", "দুই"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bn-BD");
    assertThatThrownBy(() -> Extensions.builder().put("https://x.org/e", 1L).put("https://x.org/e", 2L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://x.org/e");
  }

  @Test
  void languageMapsEqualRegardlessOfOrderButKeepIt() {
    LanguageMap a = LanguageMap.of("en-US", "Module 3", "bn-BD", "মডিউল ৩");
    LanguageMap b = LanguageMap.of("bn-BD", "মডিউল ৩", "en-US", "Module 3");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.asMap().keySet()).containsExactly("en-US", "bn-BD");
  }

  @Test
  void aboutNegotiatesTheNewestCommonVersion() {
    assertThat(new About(List.of("1.0.3", "2.0.0"), null).negotiate()).isEqualTo(XapiVersion.V2_0_0);
    assertThat(new About(List.of("1.0.0", "1.0.3"), null).negotiate()).isEqualTo(XapiVersion.V1_0_3);
    assertThat(new About(List.of("0.95"), null).negotiate()).isNull();
    About about = XapiJson.readAbout(XapiJson.toJson(new About(List.of("1.0.3", "2.0.0"), null)));
    assertThat(about.version()).containsExactly("1.0.3", "2.0.0");
  }

  @Test
  void statementResultsCarryMoreAndAnEmptyMoreMeansTheLastPage() {
    Statement s = Statement.builder().id(UUID.randomUUID()).actor(Agent.ofMbox("mailto:a@b.org"))
        .verb(Verb.of("http://x.org/v")).object(Activity.of("http://x.org/a")).build();
    StatementResult page = XapiJson.readStatementResult(XapiJson.toJson(new StatementResult(List.of(s), "/xapi/statements?more=2")));
    assertThat(page.statements()).containsExactly(s);
    assertThat(page.more()).isEqualTo("/xapi/statements?more=2");
    assertThat(XapiJson.readStatementResult(XapiJson.toJson(new StatementResult(List.of(), null))).hasMore()).isFalse();
  }

  @Test
  void theJacksonModuleRejectsUnknownPropertiesNamingThePath() {
    ObjectMapper mapper = new ObjectMapper().registerModule(XapiJson.module());
    assertThatThrownBy(() -> mapper.readValue(
            "{\"actor\": {\"mbox\": \"mailto:a@b.org\", \"nmae\": \"x\"}, \"verb\": {\"id\": \"http://x.org/v\"},"
                + " \"object\": {\"id\": \"http://x.org/a\"}}", Statement.class))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining("$.actor.nmae")
        .hasMessageContaining("XAPI-00008");
  }

  @Test
  void readingListsEveryStructuralProblem() {
    assertThatThrownBy(() -> XapiJson.readStatement(
            "{\"actor\": null, \"verb\": {\"id\": 5}, \"object\": {\"objectType\": \"activity\"}}"))
        .isInstanceOfSatisfying(XapiValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path).containsExactly("$.actor", "$.verb.id", "$.object.objectType"));
  }

  @Test
  void aVoidingStatementIsRecognised() {
    Statement voiding = Statement.builder().actor(Agent.ofMbox("mailto:a@b.org")).verb(Verb.of(Verb.VOIDED))
        .object(StatementRef.of(UUID.randomUUID())).build();
    assertThat(voiding.isVoiding()).isTrue();
    assertThat(StatementValidator.forVersion(XapiVersion.V2_0_0).validate(voiding)).isEmpty();
  }
}
