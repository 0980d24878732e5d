package org.learntrace.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Bangla round-trips unchanged whatever the JVM's default charset and locale. Surefire runs this
 * class in its own JVM with {@code -Dfile.encoding=US-ASCII}, {@code LANG=C} and {@code LC_ALL=C}
 * (see the {@code charset-independence} execution in the pom): the setting where jxapi turns
 * Bangla into {@code ??????}.
 */
class CharsetIndependenceTest {
  static final String MODULE_NAME = "মডিউল ৩: ২০ পর্যন্ত গণনা";
  static final String RESPONSE = "সাতটি আম আর বারোটি কলা — 12 > 7 ✓";

  static Statement bangla() {
    return Statement.builder()
        .actor(Agent.ofAccount("https://muktopaath.gov.bd/id/শিক্ষক", "k9Qz3v"))
        .verb(Verb.of("http://adlnet.gov/expapi/verbs/answered", "bn-BD", "উত্তর দিয়েছেন"))
        .object(Activity.builder("https://learntrace.org/ags/module/3")
            .name(LanguageMap.of("en-US", "Module 3", "bn-BD", MODULE_NAME)).build())
        .result(Result.builder().response(RESPONSE).build())
        .timestamp(Instant.parse("2026-03-14T09:26:53.589Z"))
        .build();
  }

  @Test
  void theJvmReallyRunsWithAnAsciiDefault() {
    assertThat(Charset.defaultCharset()).isEqualTo(StandardCharsets.US_ASCII);
    assertThat(System.getenv("LANG")).isEqualTo("C");
  }

  @Test
  void bytesAreUtf8AndRoundTrip() {
    byte[] json = XapiJson.toBytes(bangla());
    assertThat(new String(json, StandardCharsets.UTF_8)).contains(MODULE_NAME).contains(RESPONSE).doesNotContain("?");
    Statement back = XapiJson.readStatement(json);
    assertThat(back).isEqualTo(bangla());
    assertThat(back.object()).isInstanceOfSatisfying(Activity.class,
        a -> assertThat(a.definition().name().get("bn-BD")).isEqualTo(MODULE_NAME));
  }

  @Test
  void stringsAndStreamsRoundTrip() throws Exception {
    assertThat(XapiJson.readStatement(XapiJson.toJson(bangla()))).isEqualTo(bangla());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XapiJson.write(bangla(), out);
    assertThat(out.toByteArray()).isEqualTo(XapiJson.toBytes(bangla()));
  }

  @Test
  void validationMessagesKeepBanglaKeysIntact() {
    String json = new String(XapiJson.toBytes(bangla()), StandardCharsets.UTF_8)
        .replace("\"bn-BD\":\"" + MODULE_NAME + "\"", "\"বাংলা\":\"" + MODULE_NAME + "\"");
    assertThat(StatementValidator.forVersion(XapiVersion.V2_0_0).validate(json).violations())
        .singleElement().satisfies(v -> assertThat(v.path()).isEqualTo("$.object.definition.name['বাংলা']"));
    assertThat(String.format(Locale.ROOT, "%s", MODULE_NAME)).isEqualTo(MODULE_NAME);
  }
}
