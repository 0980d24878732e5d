package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 950 statement cases of the ADL LRS conformance suite (test/v1_0_3): 607 must be rejected and
 * 343 accepted. Both validators must agree with every case (the 2.0 suite sends the same statements
 * with the same expectations), and every rejection must name a path and a rule.
 */
class ConformanceCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(int line, String group, String name, boolean accept, JsonNode statement) {
    @Override
    public String toString() {
      return "line " + line + " [" + (accept ? "accept" : "reject") + "] " + name;
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = ConformanceCorpusTest.class.getResourceAsStream("/xapi-conformance/statements-1.0.3.jsonl");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        JsonNode c = JSON.readTree(line);
        cases.add(new Case(n, c.get("group").asText(), c.get("name").asText(),
            c.get("expect").get(0).asInt() == 200, c.get("statement")));
      }
    }
    return cases;
  }

  static Stream<Arguments> everyCaseAndVersion() throws IOException {
    return cases().stream().flatMap(c -> Stream.of(XapiVersion.values()).map(v -> Arguments.of(c, v)));
  }

  @Test
  void corpusHasTheDocumentedCounts() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSize(950);
    assertThat(cases.stream().filter(Case::accept)).hasSize(343);
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("everyCaseAndVersion")
  void validatorAgreesWithTheSuite(Case c, XapiVersion version) throws IOException {
    // Validate the text, as an LRS receives it.
    StatementValidator.Validated result =
        StatementValidator.forVersion(version).validate(JSON.writeValueAsString(c.statement()));
    if (c.accept()) {
      assertThat(result.violations()).as("%s (%s) must be accepted", c, c.group()).isEmpty();
    } else {
      assertThat(result.violations()).as("%s (%s) must be rejected", c, c.group()).isNotEmpty();
      assertThat(result.violations()).allSatisfy(v -> {
        assertThat(v.path()).startsWith("$");
        assertThat(v.rule().id()).isNotBlank();
        assertThat(v.toString()).contains(v.path()).contains(v.rule().id());
      });
    }
  }
}
