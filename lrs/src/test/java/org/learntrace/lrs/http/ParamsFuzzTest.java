package org.learntrace.lrs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learntrace.lrs.http.MultipartFuzzTest.assertIsA400;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.XapiTimestamp;

/**
 * Query parameters (and the form body of the alternate request syntax, which becomes query
 * parameters) are untrusted text: every typed reading of them answers a value or the LRS's own
 * 400 naming the parameter, never another exception.
 *
 * <p>In {@code mvn verify} the targets run in regression mode over the seeds in {@code
 * src/test/resources/org/learntrace/lrs/http/ParamsFuzzTestInputs/<method>}; fuzz one with {@code
 * JAZZER_FUZZ=1 mvn -pl lrs test -Dtest=ParamsFuzzTest#<method>}.
 */
class ParamsFuzzTest {
  private static final Set<String> STATEMENT_PARAMETERS = Set.of("statementId", "voidedStatementId", "agent", "verb",
      "activity", "registration", "related_activities", "related_agents", "since", "until", "limit", "format",
      "attachments", "ascending");

  /** The input is one {@code name=value} parameter a line, decoded; a name may repeat. */
  @FuzzTest(maxDuration = "60s")
  void typedParametersAnswerAValueOrA400(byte[] input) {
    MultivaluedMap<String, String> values = new MultivaluedHashMap<>();
    for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
      int eq = line.indexOf('=');
      values.add(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
    }
    Params p = new Params(values);
    check(() -> p.allowOnly(STATEMENT_PARAMETERS, "statements"), "");
    for (String name : values.keySet()) {
      String single = check(() -> p.optional(name), name);
      check(() -> p.required(name), name);
      String iri = check(() -> p.iri(name, false), name);
      if (iri != null) {
        assertThat(Params.looksLikeIri(iri)).isTrue();
        assertThat(iri).isEqualTo(single).containsPattern("^[A-Za-z][A-Za-z0-9+.-]*:\\S*$");
      }
      UUID uuid = check(() -> p.uuid(name), name);
      if (uuid != null) {
        assertThat(uuid.toString()).isEqualToIgnoringCase(single);
      }
      Long millis = check(() -> p.timestampMillis(name), name);
      if (millis != null) {
        assertThat(XapiTimestamp.isValid(single)).isTrue();
      }
      check(() -> p.bool(name, false), name);
      String key = check(() -> p.agentKey(name, false), name);
      if (single != null && key != null) {
        assertThat(key).matches("(?s)(mbox|mbox_sha1sum|openid|account)\u0000.*");
      }
      for (String value : values.get(name)) {
        Actor actor = check(() -> Params.actor(name, value), name);
        if (actor != null) {
          assertThat(actor.ifiCount()).isEqualTo(1);
          assertThat(AgentKeys.of(actor)).isNotNull();
        }
      }
    }
  }

  /** The input is a form body as a client sends it with {@code ?method=...}. */
  @FuzzTest(maxDuration = "60s")
  void alternateSyntaxFormIsReadOrA400(byte[] input) {
    String body = new String(input, StandardCharsets.UTF_8);
    Map<String, String> form;
    try {
      form = AlternateSyntaxFilter.parseForm(body);
    } catch (LrsException e) {
      assertIsA400(e);
      return;
    }
    // What was read, encoded again, reads the same.
    StringBuilder again = new StringBuilder();
    form.forEach((k, v) -> again.append(again.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    assertThat(AlternateSyntaxFilter.parseForm(again.toString())).containsExactlyEntriesOf(form);
  }

  /** The value, or null when {@code read} refused with a 400 naming the parameter. */
  private static <T> T check(Supplier<T> read, String name) {
    try {
      return read.get();
    } catch (LrsException e) {
      assertIsA400(e);
      assertThat(e.getMessage()).contains(name);
      return null;
    }
  }
}
