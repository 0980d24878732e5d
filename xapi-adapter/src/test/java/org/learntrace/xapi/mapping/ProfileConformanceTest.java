package org.learntrace.xapi.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;

/** Every statement the mapper can produce matches a template of the LearnTrace profile; wrong ones match none. */
class ProfileConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final EventMapper mapper = EventMapper.create(TestCatalogs.AGS);
  private final ProfileTemplates profile = ProfileTemplates.learnTrace();

  @Provide
  Arbitrary<LearningEvent> events() {
    return RandomEvents.events();
  }

  @Property(tries = 1500)
  void everyMappedStatementMatchesExactlyOneTemplate(@ForAll("events") LearningEvent event, @ForAll XapiVersion version) {
    JsonNode statement = json(event, version, new UUID(1, 2));
    assertThat(profile.matching(statement)).as("%s", statement).hasSize(1);
  }

  @Test
  void everyTemplateIsUsedByTheMapper() {
    Set<String> used = new HashSet<>();
    Random random = new Random(42);
    for (int i = 0; i < 3000; i++) {
      used.addAll(profile.matching(json(new RandomEvents(random).any(), XapiVersion.values()[i % 2], new UUID(0, i))));
    }
    assertThat(used).hasSize(profile.size()).hasSize(28);
  }

  @Test
  void aVideoStatementWithoutTheVideoProfileCategoryMatchesNoTemplate() {
    ObjectNode s = (ObjectNode) statementOfType(1);
    ObjectNode activities = (ObjectNode) s.path("context").path("contextActivities");
    activities.set("category", JSON.createArrayNode().add(activities.path("category").get(1)));
    assertThat(profile.matching(s)).isEmpty();
  }

  @Test
  void aStatementAboutAnEmailAddressMatchesNoTemplate() {
    ObjectNode s = (ObjectNode) statementOfType(4);
    ((ObjectNode) s.get("actor")).put("mbox", "mailto:teacher@example.org");
    assertThat(profile.matching(s)).isEmpty();
  }

  @Test
  void aPassedQuizAttemptThatDidNotSucceedMatchesNoTemplate() {
    ObjectNode s = (ObjectNode) statementOfType(7);
    ObjectNode verb = (ObjectNode) s.get("verb");
    verb.put("id", Vocabulary.PASSED);
    ((ObjectNode) s.get("result")).put("success", false);
    assertThat(profile.matching(s)).isEmpty();
  }

  @Test
  void aStatementWithoutTheProfileCitationOrTimestampMatchesNoTemplate() {
    ObjectNode noTimestamp = (ObjectNode) statementOfType(12);
    noTimestamp.remove("timestamp");
    assertThat(profile.matching(noTimestamp)).isEmpty();
    ObjectNode noCitation = (ObjectNode) statementOfType(13);
    ((ObjectNode) noCitation.path("context").path("contextActivities")).remove("category");
    assertThat(profile.matching(noCitation)).isEmpty();
  }

  @Test
  void aStatementWithAForeignVerbMatchesNoTemplate() {
    ObjectNode s = (ObjectNode) statementOfType(8);
    ((ObjectNode) s.get("verb")).put("id", "http://adlnet.gov/expapi/verbs/experienced");
    assertThat(profile.matching(s)).isEmpty();
  }

  @Test
  void anAssessmentWithoutTheTeacherMatchesNoTemplate() {
    ObjectNode s = (ObjectNode) statementOfType(12);
    ((ObjectNode) s.get("context")).remove("instructor");
    assertThat(profile.matching(s)).isEmpty();
  }

  @Test
  void theDocsCopyOfTheProfileIsTheShippedResource() throws IOException {
    Path docs = Path.of("..", "docs", "profile", "learntrace.jsonld");
    byte[] resource;
    try (var in = getClass().getResourceAsStream(ProfileTemplates.RESOURCE)) {
      resource = in.readAllBytes();
    }
    assertThat(Files.readString(docs)).isEqualTo(new String(resource, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void theProfileIsAnXapiProfileDocument() throws IOException {
    JsonNode p = profileDocument();
    assertThat(p.path("@context").asText()).isEqualTo("https://w3id.org/xapi/profiles/context");
    assertThat(p.path("id").asText()).isEqualTo(EventMapper.PROFILE);
    assertThat(p.path("type").asText()).isEqualTo("Profile");
    assertThat(p.path("versions").get(0).path("id").asText()).isEqualTo(EventMapper.PROFILE_VERSION);
    assertThat(p.path("author").path("name").asText()).isNotBlank();
    for (JsonNode c : p.path("concepts")) {
      assertThat(c.path("inScheme").asText()).as(c.path("id").asText()).isEqualTo(EventMapper.PROFILE_VERSION);
      for (String field : List.of("prefLabel", "definition")) {
        assertThat(c.path(field).path("en").asText()).as(c.path("id") + " " + field).isNotBlank();
        assertThat(c.path(field).path("bn").asText()).as(c.path("id") + " " + field).isNotBlank();
      }
    }
    Set<String> ids = new HashSet<>();
    p.path("templates").forEach(t -> ids.add(t.path("id").asText()));
    p.path("patterns").forEach(t -> ids.add(t.path("id").asText()));
    for (JsonNode pattern : p.path("patterns")) {
      for (String kind : List.of("sequence", "alternates", "optional", "oneOrMore", "zeroOrMore")) {
        pattern.path(kind).forEach(member -> assertThat(ids).as(pattern.path("id").asText()).contains(member.asText()));
        if (pattern.path(kind).isTextual()) {
          assertThat(ids).as(pattern.path("id").asText()).contains(pattern.path(kind).asText());
        }
      }
    }
  }

  @Test
  void everyLearnTraceIriTheMapperWritesIsAConceptOfTheProfile() throws Exception {
    Set<String> concepts = new HashSet<>();
    profileDocument().path("concepts").forEach(c -> concepts.add(c.path("id").asText()));
    for (Field f : Vocabulary.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String iri = (String) f.get(null);
        boolean ours = iri.startsWith(Vocabulary.LT_VERB) || iri.startsWith(Vocabulary.LT_TYPE) || iri.startsWith(Vocabulary.LT_EXT);
        if (ours && !iri.endsWith("/")) {
          assertThat(concepts).as(f.getName()).contains(iri);
        }
      }
    }
  }

  private JsonNode profileDocument() throws IOException {
    try (var in = getClass().getResourceAsStream(ProfileTemplates.RESOURCE)) {
      return JSON.readTree(in);
    }
  }

  private JsonNode statementOfType(int type) {
    LearningEvent event = new RandomEvents(new Random(type)).of(type);
    JsonNode s = json(event, XapiVersion.V2_0_0, new UUID(3, type));
    assertThat(profile.matching(s)).as("the unaltered statement").hasSize(1);
    return s;
  }

  private JsonNode json(LearningEvent event, XapiVersion version, UUID id) {
    try {
      return JSON.readTree(XapiJson.toBytes(mapper.toStatement(id, event, version)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
