package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Untrusted JSON reaches the validator from browsers, phones and other LRSs: whatever the bytes,
 * it answers with violations or a statement, never with an exception, and a statement it accepts
 * survives serialization and re-validation.
 *
 * <p>In {@code mvn verify} this runs in regression mode over the seed corpus in {@code
 * src/test/resources/org/learntrace/xapi/StatementFuzzTestInputs}; run {@code JAZZER_FUZZ=1 mvn
 * -pl xapi-adapter test -Dtest=StatementFuzzTest} to fuzz.
 */
class StatementFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void validatorNeverThrowsAndAcceptedStatementsSurviveRoundTrip(FuzzedDataProvider data) {
    String json = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    for (XapiVersion version : XapiVersion.values()) {
      check(StatementValidator.forVersion(version), json);
    }
  }

  private static void check(StatementValidator validator, String json) {
    StatementValidator.Validated result = validator.validate(json);
    if (result.isValid()) {
      Statement s = result.statement();
      assertThat(s).isNotNull();
      String written = XapiJson.toJson(s);
      assertThat(validator.validate(written).violations()).as(written).isEmpty();
      assertThat(XapiJson.readStatement(written)).isEqualTo(s);
    } else {
      List<Violation> violations = result.violations();
      assertThat(violations).allSatisfy(v -> assertThat(v.path()).startsWith("$"));
    }
  }
}
