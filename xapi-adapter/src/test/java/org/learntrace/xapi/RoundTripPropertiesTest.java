package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any valid statement: JSON round-trips it exactly, and the validator accepts it. */
class RoundTripPropertiesTest {

  @Provide
  Arbitrary<Statement> v103() {
    return StatementArbitraries.statement(XapiVersion.V1_0_3);
  }

  @Provide
  Arbitrary<Statement> v200() {
    return StatementArbitraries.statement(XapiVersion.V2_0_0);
  }

  @Property(tries = 300)
  void bytesRoundTrip(@ForAll("v200") Statement s) {
    assertThat(XapiJson.readStatement(XapiJson.toBytes(s))).isEqualTo(s);
  }

  @Property(tries = 300)
  void stringsRoundTrip(@ForAll("v103") Statement s) {
    assertThat(XapiJson.readStatement(XapiJson.toJson(s))).isEqualTo(s);
  }

  @Property(tries = 200)
  void writingIsIdempotent(@ForAll("v200") Statement s) {
    byte[] once = XapiJson.toBytes(s);
    assertThat(XapiJson.toBytes(XapiJson.readStatement(once))).isEqualTo(once);
  }

  @Property(tries = 200)
  void everyGeneratedStatementIsValidForItsVersion(@ForAll("v103") Statement s103, @ForAll("v200") Statement s200) {
    assertThat(StatementValidator.forVersion(XapiVersion.V1_0_3).validate(s103)).isEmpty();
    assertThat(StatementValidator.forVersion(XapiVersion.V2_0_0).validate(s200)).isEmpty();
  }

  @Property(tries = 200)
  void modelAndJsonValidationAgree(@ForAll("v200") Statement s) throws Exception {
    JsonNode json = XapiJson.mapper().readTree(XapiJson.toBytes(s));
    StatementValidator.Validated fromJson = StatementValidator.forVersion(XapiVersion.V2_0_0).validate(json);
    assertThat(fromJson.violations()).isEmpty();
    assertThat(fromJson.statement()).isEqualTo(s);
  }

  @Property(tries = 100)
  void jacksonModuleWritesAndReadsTheSameJson(@ForAll("v200") Statement s) throws Exception {
    String viaMapper = XapiJson.mapper().writeValueAsString(s);
    assertThat(viaMapper).isEqualTo(XapiJson.toJson(s));
    assertThat(XapiJson.mapper().readValue(viaMapper, Statement.class)).isEqualTo(s);
  }
}
