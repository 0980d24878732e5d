package org.learntrace.research.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.learntrace.research.analysis.AnalysisReport;
import org.learntrace.research.analysis.StudyAnalysis;
import org.learntrace.research.data.OutcomeStatements;
import org.learntrace.research.data.RowError;
import org.learntrace.research.data.StudySchema;
import org.learntrace.research.engagement.EngagementMeasures;
import org.learntrace.research.engagement.LrsStatements;
import org.learntrace.research.engagement.NdjsonStatements;
import org.learntrace.research.engagement.Vocabulary;
import org.learntrace.research.linkage.LinkedStudy;
import org.learntrace.research.linkage.StudyLinker;
import org.learntrace.research.output.StudyExport;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.StudyTruth;
import org.learntrace.research.synth.SyntheticStudy;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.XapiVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The researcher CLI: {@code java -jar research/target/learntrace-research.jar --help}.
 *
 * <p>Exit codes: {@value #OK} success; {@value #DATA_PROBLEMS} the input had invalid statements,
 * rejected rows or unresolved outcomes (the output was still written); {@value #USAGE} bad
 * arguments; {@value #FAILURE} an I/O or processing error.
 */
@Command(name = "learntrace-research", mixinStandardHelpOptions = true, version = "learntrace-research 0.1.0",
    description = "Link teacher engagement to classroom outcomes, analyse it and report.",
    subcommands = {ResearchCli.Generate.class, ResearchCli.Validate.class, ResearchCli.ImportOutcomes.class,
        ResearchCli.Link.class, ResearchCli.Report.class},
    footer = {"", "Exit codes: 0 ok, 1 data problems found (see the output), 2 usage error, 3 failure."})
public final class ResearchCli implements Callable<Integer> {
  public static final int OK = 0;
  public static final int DATA_PROBLEMS = 1;
  public static final int USAGE = 2;
  public static final int FAILURE = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (for tests). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new ResearchCli());
    cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
      cmd.getErr().println("error: " + ex.getMessage());
      return FAILURE;
    });
    cl.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException ? USAGE : FAILURE);
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return USAGE;
  }

  /** Progress on stderr, overwritten in place, at most every 250 ms. */
  static LongConsumer progress(String what, boolean quiet) {
    if (quiet) {
      return n -> {};
    }
    long[] last = {0};
    return n -> {
      long now = System.nanoTime();
      if (now - last[0] > 250_000_000L) {
        last[0] = now;
        System.err.printf(Locale.ROOT, "\r%s: %,d", what, n);
        System.err.flush();
      }
    };
  }

  static void endProgress(boolean quiet) {
    if (!quiet) {
      System.err.print("\r\033[K");
      System.err.flush();
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a synthetic study (DOMAIN.md §6), deterministic by seed.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "directory to write") Path out;
    @Option(names = "--seed", defaultValue = "20260314", description = "seed (default ${DEFAULT-VALUE})") long seed;
    @Option(names = "--scale", defaultValue = "study", description = "study or national (default ${DEFAULT-VALUE})") String scale;
    @Option(names = "--schools", description = "override the number of schools") Integer schools;
    @Option(names = "--upazilas", description = "override the number of upazilas") Integer upazilas;
    @Option(names = "--teachers", description = "override the number of teachers") Integer teachers;
    @Option(names = "--learners", description = "override the number of learners") Integer learners;
    @Option(names = "--effect-sd", description = "override the planted effect, latent SD") Double effect;
    @Option(names = "--no-statements", description = "skip the engagement statements") boolean noStatements;
    @Option(names = "--quiet", description = "no progress") boolean quiet;

    @Override
    public Integer call() throws IOException {
      StudyConfig base = switch (scale) {
        case "study" -> StudyConfig.study(seed);
        case "national" -> StudyConfig.national(seed);
        default -> throw new CommandLine.ParameterException(new CommandLine(this), "--scale must be study or national");
      };
      StudyConfig.Builder b = base.toBuilder().writeStatements(!noStatements);
      if (schools != null) {
        b.schools(schools);
      }
      if (upazilas != null) {
        b.upazilas(upazilas);
      }
      if (teachers != null) {
        b.teachers(teachers);
      }
      if (learners != null) {
        b.learners(learners);
      }
      if (effect != null) {
        b.effectSd(effect);
      }
      StudyConfig cfg;
      try {
        cfg = b.build();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
      }
      StudyTruth t = SyntheticStudy.generate(cfg, out, progress("schools", quiet));
      endProgress(quiet);
      System.out.printf(Locale.ROOT, "wrote %s: %d schools (%d treated), %d teachers, %d learners, %d statements; "
          + "planted effect %.2f SD = %.3f points%n", out, t.schools(), t.treatedSchools(), t.teachers(), t.learners(),
          t.statements(), t.effectSd(), t.effectPoints());
      return OK;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check statement files (one JSON statement a line) against the xAPI validator: one verdict a line, then a count.")
  static final class Validate implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "NDJSON files") List<Path> files;
    @Option(names = "--xapi-version", defaultValue = "1.0.3", description = "1.0.3 or 2.0.0 (default ${DEFAULT-VALUE})")
    String version;
    @Option(names = "--invalid-only", description = "print verdicts of invalid lines only") boolean invalidOnly;

    @Override
    public Integer call() throws IOException {
      XapiVersion v;
      try {
        v = XapiVersion.parse(version);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--xapi-version: " + e.getMessage());
      }
      StatementValidator validator = StatementValidator.forVersion(v);
      long valid = 0;
      long invalid = 0;
      PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(new BufferedOutputStream(System.out),
          java.nio.charset.StandardCharsets.UTF_8));
      for (Path f : files) {
        try (var r = Files.newBufferedReader(f, java.nio.charset.StandardCharsets.UTF_8)) {
          String line;
          long n = 0;
          while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
              continue;
            }
            var result = validator.validate(line);
            if (result.isValid()) {
              valid++;
              if (!invalidOnly) {
                out.println(f + ":" + n + ": valid");
              }
            } else {
              invalid++;
              out.println(f + ":" + n + ": invalid: " + result.violations());
            }
          }
        }
      }
      out.printf(Locale.ROOT, "%d valid, %d invalid%n", valid, invalid);
      out.flush();
      return invalid == 0 ? OK : DATA_PROBLEMS;
    }
  }

  @Command(name = "import-outcomes", mixinStandardHelpOptions = true,
      description = "Turn a study's outcome CSVs into outcome statements: NDJSON, or POSTed to an LRS in batches.")
  static final class ImportOutcomes implements Callable<Integer> {
    @Option(names = "--study", required = true, description = "study directory (links/, outcomes/)") Path study;
    @Option(names = "--out", description = "NDJSON file to write") Path out;
    @Option(names = "--lrs", description = "LRS xAPI base URL to POST to") URI lrs;
    @Option(names = "--user", description = "LRS user (Basic auth)") String user;
    @Option(names = "--password", description = "LRS password", interactive = false) String password;
    @Option(names = "--batch", defaultValue = "500", description = "statements per POST (default ${DEFAULT-VALUE})") int batch;
    @Option(names = "--xapi-version", defaultValue = "2.0.0", description = "1.0.3 or 2.0.0 (default ${DEFAULT-VALUE})")
    String version;
    @Option(names = "--zone", defaultValue = "Asia/Dhaka", description = "time zone of test dates") String zone;

    @Override
    public Integer call() throws IOException {
      if ((out == null) == (lrs == null)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "give exactly one of --out and --lrs");
      }
      OutcomeStatements importer = new OutcomeStatements(study, XapiVersion.parse(version), ZoneId.of(zone));
      long n;
      List<String> rejected = List.of();
      if (out != null) {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
          n = importer.convert(OutcomeStatements.ndjson(os));
        }
      } else {
        try (var poster = new OutcomeStatements.LrsPoster(lrs, user, password, XapiVersion.parse(version), batch)) {
          n = importer.convert(s -> {
            try {
              poster.add(s);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
          poster.flush();
          rejected = poster.rejected();
        }
      }
      for (RowError e : importer.errors()) {
        System.out.println(e);
      }
      rejected.forEach(r -> System.out.println("rejected by the LRS: " + r));
      System.out.printf(Locale.ROOT, "%d outcome statements, %d row errors, %d rejected%n", n, importer.errors().size(),
          rejected.size());
      return importer.errors().isEmpty() && rejected.isEmpty() ? OK : DATA_PROBLEMS;
    }
  }

  /** Where the engagement statements come from. */
  static final class Source {
    @Option(names = "--statements", description = "NDJSON statements (default: <study>/statements.ndjson if present)")
    Path statements;
    @Option(names = "--lrs", description = "read statements from this LRS xAPI base URL instead") URI lrs;
    @Option(names = "--user", description = "LRS user (Basic auth)") String user;
    @Option(names = "--password", description = "LRS password") String password;
    @Option(names = "--zone", defaultValue = "Asia/Dhaka", description = "zone for local days (default ${DEFAULT-VALUE})")
    String zone;
    @Option(names = "--threads", defaultValue = "2", description = "parser threads (default ${DEFAULT-VALUE})") int threads;

    EngagementMeasures read(Path study, boolean quiet) throws IOException {
      ZoneId z = ZoneId.of(zone);
      if (lrs != null) {
        LrsStatements.Builder b = LrsStatements.builder(lrs);
        if (user != null) {
          b.basicAuth(user, password == null ? "" : password);
        }
        EngagementMeasures m = new EngagementMeasures(z);
        b.build().engagement(Vocabulary.TEACHER_SPACE, m::add, progress("statements", quiet));
        endProgress(quiet);
        return m;
      }
      Path file = statements != null ? statements : study.resolve(StudySchema.STATEMENTS);
      if (!Files.exists(file)) {
        if (statements != null) {
          throw new IOException("no such statements file: " + file);
        }
        return null;
      }
      var pass = NdjsonStatements.engagement(file, Vocabulary.TEACHER_SPACE, z, threads, progress("statements", quiet));
      endProgress(quiet);
      for (var e : pass.errors()) {
        System.out.println(file.getFileName() + ":" + e.line() + ": unreadable statement: " + e.detail());
      }
      return pass.measures();
    }
  }

  @Command(name = "link", mixinStandardHelpOptions = true,
      description = "Compute engagement measures and link teachers, classes, students and schools; write the linked tables.")
  static final class Link implements Callable<Integer> {
    @Option(names = "--study", required = true, description = "study directory") Path study;
    @Option(names = "--out", required = true, description = "output directory") Path out;
    @CommandLine.ArgGroup(exclusive = false) Source source = new Source();
    @Option(names = "--quiet", description = "no progress") boolean quiet;

    @Override
    public Integer call() throws IOException {
      Linked l = linkWhileReading(source, study, quiet);
      StudyExport.writeLinked(out, l.study(), l.engagement());
      return summary(l.study());
    }
  }

  /** A linked study and the engagement measures it was linked with (null when there were no statements). */
  record Linked(LinkedStudy study, EngagementMeasures engagement) {}

  /**
   * Reads the statements on a background thread (which parses on {@code --threads} more) while
   * this one reads and links the outcome tables, which do not need the engagement measures until
   * the end: on two cores the outcome tables then cost little extra wall time.
   */
  static Linked linkWhileReading(Source source, Path study, boolean quiet) throws IOException {
    ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "engagement-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<EngagementMeasures> engagement = reader.submit(() -> source.read(study, quiet));
      // the statements' progress has the terminal line; the outcome rows are done long before
      LinkedStudy st = StudyLinker.linkWhileMeasuring(study, engagement, n -> {});
      return new Linked(st, engagement.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the engagement measures failed after linking used them", e.getCause());
    } finally {
      reader.shutdownNow();
    }
  }

  static int summary(LinkedStudy st) {
    var r = st.report();
    System.out.printf(Locale.ROOT, "outcome rows resolved to one school: %d of %d (%.1f%%); students with both waves: %d; "
            + "treated teachers with statements: %d of %d; row errors: %d; linkage problems: %d%n",
        r.outcomeRowsResolved(), r.outcomeRows(), 100 * r.outcomeMatchRate(), r.studentsBothWaves(),
        r.treatedTeachersWithStatements(), r.treatedTeachers(), r.rowErrorCount(), r.problemCount());
    return r.clean() ? OK : DATA_PROBLEMS;
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Link and analyse a study; write CSVs per level, datapackage.json, codebook.md, analysis.json and report.html.")
  static final class Report implements Callable<Integer> {
    @Option(names = "--study", required = true, description = "study directory") Path study;
    @Option(names = "--out", required = true, description = "output directory") Path out;
    @CommandLine.ArgGroup(exclusive = false) Source source = new Source();
    @Option(names = "--quiet", description = "no progress") boolean quiet;

    @Override
    public Integer call() throws IOException {
      Linked l = linkWhileReading(source, study, quiet);
      LinkedStudy st = l.study();
      EngagementMeasures m = l.engagement();
      // the linked tables (millions of engagement rows) are written while the analysis runs
      ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "linked-tables-writer");
        t.setDaemon(true);
        return t;
      });
      AnalysisReport r;
      try {
        Future<Void> linked = writer.submit(() -> {
          StudyExport.writeLinked(out, st, m);
          return null;
        });
        r = StudyAnalysis.analyse(st, m);
        try {
          linked.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while writing the linked tables");
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("writing the linked tables failed: " + e.getCause(), e.getCause());
        }
      } finally {
        writer.shutdownNow();
      }
      StudyExport.writeAnalysis(out, st, r);
      int code = summary(st);
      var t = r.ancova().coefficient(AnalysisReport.TREATMENT);
      System.out.printf(Locale.ROOT, "ANCOVA treatment effect %.3f points (95%% CI %.3f to %.3f, CR1 SE %.3f, naive SE %.3f); "
          + "Hedges' g %.3f; report: %s%n", t.estimate(), t.low(), t.high(), t.seClustered(), t.seNaive(),
          r.ancovaEffectSd().g(), out.resolve("report.html"));
      r.notes().forEach(n -> System.out.println("note: " + n));
      return code;
    }
  }
}
