package org.learntrace.research.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResearchCliTest {
  static String captured(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noSubcommandPrintsUsageAndExitsWithTheUsageCode() {
    assertThat(ResearchCli.run()).isEqualTo(ResearchCli.USAGE);
    assertThat(ResearchCli.run("generate", "--bogus")).isEqualTo(ResearchCli.USAGE);
    // 8 districts cannot fit in 4 upazilas: a usage error naming the rule, not a crash.
    assertThat(ResearchCli.run("generate", "--out", "unused", "--upazilas", "4", "--quiet")).isEqualTo(ResearchCli.USAGE);
  }

  @Test
  void validatePrintsOneVerdictALineAndACount(@TempDir Path tmp) throws IOException {
    List<String> sample = Files.readAllLines(Path.of("../examples/demo/src/main/resources/sample-statements.ndjson"));
    Path f = tmp.resolve("s.ndjson");
    Files.write(f, List.of(sample.get(0), "{\"actor\":{}}", sample.get(1)));
    int[] code = new int[1];
    String out = captured(() -> code[0] = ResearchCli.run("validate", f.toString()));
    assertThat(code[0]).isEqualTo(ResearchCli.DATA_PROBLEMS);
    assertThat(out.lines()).hasSize(4);
    assertThat(out).contains(f + ":1: valid", f + ":2: invalid: ", "2 valid, 1 invalid");
  }

  @Test
  void generateReportAndImportRunEndToEnd(@TempDir Path tmp) throws IOException {
    Path study = tmp.resolve("study");
    Path out = tmp.resolve("out");
    assertThat(ResearchCli.run("generate", "--out", study.toString(), "--seed", "3", "--schools", "40", "--upazilas", "8",
        "--teachers", "60", "--learners", "400", "--quiet")).isEqualTo(ResearchCli.OK);
    int[] code = new int[1];
    String text = captured(() -> code[0] = ResearchCli.run("report", "--study", study.toString(), "--out", out.toString(),
        "--quiet"));
    assertThat(code[0]).as(text).isEqualTo(ResearchCli.OK);
    assertThat(text).contains("ANCOVA treatment effect", "800 of 800");
    assertThat(out.resolve("report.html")).exists();
    assertThat(ResearchCli.run("import-outcomes", "--study", study.toString(), "--out", tmp.resolve("o.ndjson").toString()))
        .isEqualTo(ResearchCli.OK);
    assertThat(Files.readAllLines(tmp.resolve("o.ndjson"))).hasSize(800);
    String verdicts = captured(() -> code[0] = ResearchCli.run("validate", "--xapi-version", "2.0.0", "--invalid-only",
        tmp.resolve("o.ndjson").toString()));
    assertThat(code[0]).as(verdicts).isEqualTo(ResearchCli.OK);
    assertThat(verdicts.strip()).isEqualTo("800 valid, 0 invalid");
  }

  @Test
  void linkExitsWithDataProblemsWhenARowDoesNotResolve(@TempDir Path tmp) throws IOException {
    Path study = tmp.resolve("study");
    ResearchCli.run("generate", "--out", study.toString(), "--schools", "10", "--upazilas", "8", "--teachers", "10",
        "--learners", "40", "--no-statements", "--quiet");
    Path a = study.resolve("outcomes/assessments.csv");
    String row = Files.readAllLines(a).get(1).replaceFirst(",c-[^,]+,", ",c-unknown,").replaceFirst("^p-[^,]+", "p-new");
    Files.writeString(a, row + "\n", java.nio.file.StandardOpenOption.APPEND);
    int[] code = new int[1];
    String text = captured(() -> code[0] = ResearchCli.run("link", "--study", study.toString(), "--out",
        tmp.resolve("out").toString(), "--quiet"));
    assertThat(code[0]).as(text).isEqualTo(ResearchCli.DATA_PROBLEMS);
    assertThat(Files.readString(tmp.resolve("out/linkage_problems.csv"))).contains("unresolved-school");
  }
}
