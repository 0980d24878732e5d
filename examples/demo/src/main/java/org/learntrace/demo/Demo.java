package org.learntrace.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.learntrace.courseplayer.CoursePlayerServer;
import org.learntrace.sdk.LearnTrace;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.lrs.Credentials;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.lrs.LrsException;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.sink.LrsSink;

/**
 * The LearnTrace demo: the whole mission on embedded defaults in one command.
 *
 * <pre>
 * java -jar examples/demo/target/learntrace-demo.jar [--seed N] [--out DIR] [--schools N] [--teachers N]
 *     [--xapi-version 1.0.3|2.0.0] [--lrs-url URL --lrs-user U --lrs-password W] [--outbox DIR] [--lti-launches N] [--serve]
 * java -jar examples/demo/target/learntrace-demo.jar --validate FILE | --validate-sample [--xapi-version V]
 * </pre>
 *
 * <p>The default run starts the embedded LRS, generates the synthetic study, delivers every
 * engagement statement and outcome record to the LRS, reads everything back, links and analyses
 * it and writes the report, the data package and {@code summary.json} under {@code --out}
 * (see {@link MissionRun}). {@code --validate} only checks a statement file (see
 * {@link StatementFileCheck}).
 *
 * <p>Exit status: 0 ok; 1 statements lost, dead-lettered or dropped, data problems, or (with
 * {@code --validate}) an invalid statement; 2 usage error; 3 failure.
 */
public final class Demo {
  static final String SAMPLE = "/sample-statements.ndjson";
  /** With {@code --serve}: the course player's own SDK outbox under the output directory (not served). */
  static final String PLAYER_OUTBOX = "player-outbox";
  /** With {@code --serve}: the teacher the printed course-player link signs in. */
  static final String PLAYER_TEACHER = "demo-teacher";

  private Demo() {}

  public static void main(String[] args) {
    // Quiet the libraries' INFO logging (connection pool, Jersey); the demo prints its own progress.
    Logger.getLogger("").setLevel(Level.SEVERE);
    for (var h : Logger.getLogger("").getHandlers()) {
      h.setLevel(Level.SEVERE);
    }
    System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
  }

  static int run(String[] args, PrintStream out) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
      if (!options.validating()) {
        options.studyConfig();
      }
    } catch (IllegalArgumentException e) {
      out.println("error: " + e.getMessage());
      out.println(DemoOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(DemoOptions.USAGE);
      return 0;
    }
    if (options.validating()) {
      return validate(options, out);
    }
    try (MissionRun run = new MissionRun(options, out)) {
      MissionRun.Outcome outcome = run.run();
      if (options.serve()) {
        serve(run, outcome, options, out);
      }
      return outcome.exitCode();
    } catch (IOException | RuntimeException e) {
      out.println("error: " + (e instanceof LrsException ? e.getMessage() : e.toString()));
      return 3;
    }
  }

  private static int validate(DemoOptions options, PrintStream out) {
    try {
      List<String> lines = options.validate() == null ? bundledSample()
          : Files.readAllLines(options.validate(), StandardCharsets.UTF_8);
      String source = options.validate() == null ? "bundled sample " + SAMPLE.substring(1) : options.validate().toString();
      StatementFileCheck.Report report = new StatementFileCheck(options.version()).check(lines);
      report.print(source, out);
      return report.allValid() ? 0 : 1;
    } catch (IOException e) {
      out.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Keeps the LRS up and serves the output directory and the course player until the JVM is asked
   * to stop (Ctrl-C, SIGTERM); the shutdown hook waits until the servers, the player's pipeline and
   * the LRS are closed.
   */
  private static void serve(MissionRun run, MissionRun.Outcome outcome, DemoOptions options, PrintStream out)
      throws IOException {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Path dir = outcome.report().getParent().getParent();
    ReportServer server = ReportServer.start(dir, 0);
    Player player;
    try {
      player = Player.start(run, options, dir);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "demo-shutdown"));
    out.println();
    out.println("Serving until Ctrl-C:");
    out.println("  LRS     " + run.endpoint() + (run.embedded()
        ? "  (HTTP Basic " + MissionRun.EMBEDDED_USER + " / " + MissionRun.EMBEDDED_PASSWORD
            + ", header X-Experience-API-Version: 1.0.3 or 2.0.0)" : ""));
    out.println("  report  " + server.reportUri());
    out.println("  player  " + player.launch() + "  (course player as teacher " + PLAYER_TEACHER + "; its collector "
        + player.server().collectorUri() + " feeds the SDK pipeline into the LRS)");
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      boolean embedded = run.embedded();
      server.close();
      player.close();
      run.close();
      out.println("Stopped the report server" + (embedded ? ", the course player and the embedded LRS."
          : " and the course player."));
      closed.countDown();
    }
  }

  /**
   * The course player with the platform side it talks to: its collector feeds a LearnTrace pipeline
   * of its own (the study's pseudonym key and policy, the player's catalog, a durable outbox under
   * {@value #PLAYER_OUTBOX}) that delivers to the run's LRS.
   */
  private record Player(LearnTrace learnTrace, CoursePlayerServer server, URI launch) implements AutoCloseable {
    static Player start(MissionRun run, DemoOptions o, Path dir) {
      LrsClient.Builder lrs = LrsClient.builder(run.endpoint()).version(o.version());
      if (run.embedded()) {
        lrs.credentials(Credentials.basic(MissionRun.EMBEDDED_USER, MissionRun.EMBEDDED_PASSWORD));
      } else if (o.lrsUser() != null) {
        lrs.credentials(Credentials.basic(o.lrsUser(), o.lrsPassword()));
      }
      LearnTrace lt = LearnTrace.builder()
          .setOutboxDirectory(dir.resolve(PLAYER_OUTBOX))
          .setPseudonymKey(SdkDelivery.KEY_ID, SdkDelivery.KEY)
          .setBasePolicy(SdkDelivery.policy())
          .setPolicyPollInterval(Duration.ZERO)
          .setMetricsLogInterval(Duration.ZERO)
          .addSink(LrsSink.builder(SdkDelivery.SINK, lrs.build(), EventMapper.create(CoursePlayerServer.catalog())).build())
          .build();
      try {
        CoursePlayerServer server = CoursePlayerServer.builder(lt.tracker()).start();
        return new Player(lt, server, server.launchUri(Person.teacher(PLAYER_TEACHER)));
      } catch (RuntimeException e) {
        lt.close();
        throw e;
      }
    }

    /** Stops HTTP first, then delivers what the pipeline holds before the LRS goes. */
    @Override
    public void close() {
      server.close();
      learnTrace.close();
    }
  }

  private static List<String> bundledSample() throws IOException {
    try (InputStream in = Demo.class.getResourceAsStream(SAMPLE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
