package org.learntrace.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.learntrace.research.analysis.AnalysisReport;
import org.learntrace.research.analysis.StudyAnalysis;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.engagement.NdjsonStatements;
import org.learntrace.research.engagement.Vocabulary;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.linkage.StudyLinker;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.StudyTruth;
import org.learntrace.research.synth.SyntheticStudy;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The research CLI's {@code report} pipeline without the file writing (issue #7): a synthetic
 * national-shaped study's statements read into engagement measures on two parser threads while the
 * outcome and link tables are linked on the caller's thread (as {@code ResearchCli} does), then the
 * analysis (ANCOVA with CR1 SEs, effect sizes, ICC, DiD, dose–response, equity, costs); and the
 * engagement pass alone.
 *
 * <p>The study is generated once per trial ({@code Level.Trial}, outside the measured time) into a
 * temporary directory, deterministic by seed: by default 4,000 teachers in 2,000 schools (half of
 * them treated, so ~167,000 statements, ~260 MB of NDJSON) and 20,000 learners (40,000 outcome
 * rows). The files are read from the page cache after the first iteration. Each invocation reads
 * the whole study; the {@code statements} counter makes JMH report statements per second next to
 * the invocation rate, and {@code outcomeRows} outcome rows per second.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ResearchBenchmark -f 1 -wi 2 -w 5 -i 3 -r 5
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Benchmark)
public class ResearchBenchmark {
  private static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");

  /** Teachers in the generated study (about 41 statements each, over all teachers). */
  @Param("4000")
  public int teachers;

  /** Engagement parser threads, as the CLI's {@code --threads}. */
  @Param("2")
  public int threads;

  private Path dir;
  private StudyTruth truth;
  private ExecutorService reader;

  /** Statements and outcome rows handled, reported by JMH as rates. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class PipelineCounts {
    /** Statement lines read. */
    public long statements;
    /** Assessment rows linked. */
    public long outcomeRows;
  }

  /** Statements handled, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class StatementCount {
    /** Statement lines read. */
    public long statements;
  }

  @Setup(Level.Trial)
  public void generate() throws IOException {
    dir = Files.createTempDirectory("learntrace-research-bench");
    StudyConfig cfg = StudyConfig.national(20260314).toBuilder().schools(teachers / 2).teachers(teachers)
        .learners(teachers * 5).build();
    truth = SyntheticStudy.generate(cfg, dir, n -> {});
    reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "engagement-reader");
      t.setDaemon(true);
      return t;
    });
    System.out.printf("%nstudy: %d statements, %d teachers, %d learners in %s%n", truth.statements(),
        truth.teachers(), truth.learners(), dir);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    reader.shutdownNow();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Statements → engagement measures, linked with the outcome tables, analysed. */
  @Benchmark
  public AnalysisReport linkAndAnalyse(PipelineCounts counts)
      throws IOException, InterruptedException, ExecutionException {
    long[] lines = {0};
    Future<EngagementMeasures> engagement = reader.submit(() -> {
      var pass = NdjsonStatements.engagement(dir.resolve("statements.ndjson"), Vocabulary.TEACHER_SPACE, DHAKA,
          threads, n -> {});
      lines[0] = pass.lines();
      return pass.measures();
    });
    LinkedStudy study = StudyLinker.linkWhileMeasuring(dir, engagement, n -> {});
    if (!study.report().clean()) {
      throw new IllegalStateException("the generated study should link cleanly: " + study.report().problems());
    }
    counts.statements += lines[0];
    counts.outcomeRows += study.report().outcomeRows();
    return StudyAnalysis.analyse(study, engagement.get());
  }

  /** Statements → engagement measures only. */
  @Benchmark
  public EngagementMeasures engagementPass(StatementCount counts) {
    try {
      var pass = NdjsonStatements.engagement(dir.resolve("statements.ndjson"), Vocabulary.TEACHER_SPACE, DHAKA,
          threads, n -> {});
      counts.statements += pass.lines();
      return pass.measures();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
