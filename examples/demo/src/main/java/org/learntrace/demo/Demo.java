package org.learntrace.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.learntrace.xapi.XapiVersion;

/**
 * The LearnTrace demo. Until the full mission demo lands (embedded LRS, synthetic cohort, research
 * report), it builds and checks statements: it validates an NDJSON statement file — by default the
 * bundled AGS sample — against xAPI 1.0.3 and 2.0.0, round-trips each statement through the
 * serializer, and prints every violation with its JSON path and rule.
 *
 * <pre>
 * java -jar examples/demo/target/learntrace-demo.jar [--validate FILE] [--xapi-version 1.0.3|2.0.0]
 * </pre>
 *
 * <p>Exit status: 0 when every statement is valid under the selected version (default 2.0.0), 1
 * when one is not, 2 on a usage error.
 */
public final class Demo {
  static final String SAMPLE = "/sample-statements.ndjson";

  private Demo() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
  }

  static int run(String[] args, PrintStream out) {
    Path file = null;
    XapiVersion version = XapiVersion.V2_0_0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--validate" -> file = Path.of(value(args, ++i, "--validate"));
          case "--xapi-version" -> version = XapiVersion.parse(value(args, ++i, "--xapi-version"));
          case "--help", "-h" -> {
            out.println("usage: java -jar learntrace-demo.jar [--validate FILE] [--xapi-version 1.0.3|2.0.0]");
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      List<String> lines = file == null ? bundledSample() : Files.readAllLines(file, StandardCharsets.UTF_8);
      String source = file == null ? "bundled sample " + SAMPLE.substring(1) : file.toString();
      StatementFileCheck.Report report = new StatementFileCheck(version).check(lines);
      report.print(source, out);
      return report.allValid() ? 0 : 1;
    } catch (IllegalArgumentException | IOException e) {
      out.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static List<String> bundledSample() throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream(SAMPLE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
