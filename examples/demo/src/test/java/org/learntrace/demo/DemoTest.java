package org.learntrace.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path dir;

  static String run(int[] status, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    status[0] = Demo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theBundledSampleIsValidXapi2AndRoundTrips() {
    int[] status = new int[1];
    String out = run(status);
    assertThat(status[0]).isZero();
    assertThat(out).contains("6 of 6 statements are valid xAPI 2.0.0").contains("round-trips unchanged");
  }

  @Test
  void underXapi103TheSampleShowsTheVersionDifferences() {
    int[] status = new int[1];
    String out = run(status, "--xapi-version", "1.0.3");
    assertThat(status[0]).isEqualTo(1);
    assertThat(out).contains("$.context.contextAgents").contains("$.version").contains("5 of 6");
  }

  @Test
  void aFileWithABadStatementFailsNamingLinePathAndRule() throws Exception {
    Path file = dir.resolve("statements.ndjson");
    Files.writeString(file, """
        {"actor": {"mbox": "mailto:a@b.org"}, "verb": {"id": "http://x.org/v"}, "object": {"id": "http://x.org/a"}}
        {"actor": {"mbox": "a@b.org"}, "verb": {"id": "http://x.org/v"}, "object": {"id": "http://x.org/a"}}
        """, StandardCharsets.UTF_8);
    int[] status = new int[1];
    String out = run(status, "--validate", file.toString());
    assertThat(status[0]).isEqualTo(1);
    assertThat(out).contains("line 2 (xAPI 2.0.0): $.actor.mbox").contains("XAPI-00038").contains("1 of 2");
  }

  @Test
  void aBadOptionIsAUsageError() {
    int[] status = new int[1];
    assertThat(run(status, "--frobnicate")).contains("unknown option --frobnicate");
    assertThat(status[0]).isEqualTo(2);
  }
}
