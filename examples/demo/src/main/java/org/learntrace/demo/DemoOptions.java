package org.learntrace.demo;

import java.net.URI;
import java.nio.file.Path;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.xapi.XapiVersion;

/**
 * The demo's command line, parsed.
 *
 * @param seed the synthetic study's seed
 * @param out the output directory
 * @param schools schools in the study, or null for the default scale
 * @param teachers teachers in the study, or null for the default scale
 * @param version the xAPI version the LRS client speaks
 * @param lrsUrl an external LRS's xAPI base URL, or null for the embedded one
 * @param lrsUser the external LRS's user, or null
 * @param lrsPassword the external LRS's password, or null
 * @param serve whether to keep the LRS up and serve the report after the run
 * @param validate the statement file to validate instead of running the mission, or null
 * @param validateSample whether to validate the bundled sample instead of running the mission
 * @param help whether usage was asked for
 * @param outbox the SDK's durable outbox directory, or null for {@code <out>/outbox} (emptied at start)
 * @param direct whether to POST the statements with {@code LrsClient} batches instead of the SDK pipeline
 * @param ltiLaunches how many teachers the platform launches the external LTI 1.3 tool for (0: none)
 */
record DemoOptions(long seed, Path out, Integer schools, Integer teachers, XapiVersion version, URI lrsUrl,
    String lrsUser, String lrsPassword, boolean serve, Path validate, boolean validateSample, boolean help,
    Path outbox, boolean direct, int ltiLaunches) {

  /** The default seed (the research CLI's). */
  static final long DEFAULT_SEED = 20260314L;
  /** The default scale: the 3MPower study's schools and teachers (DOMAIN.md §6). */
  static final int DEFAULT_SCHOOLS = 207;
  static final int DEFAULT_TEACHERS = 300;
  /** The study's learners per school (2,129 / 207). */
  static final double LEARNERS_PER_SCHOOL = 2_129.0 / 207;
  /** Schools per upazila in the study (207 / 10). */
  static final int SCHOOLS_PER_UPAZILA = 20;

  static final String USAGE = String.join("\n",
      "usage: java -jar learntrace-demo.jar [--seed N] [--out DIR] [--schools N] [--teachers N]",
      "           [--xapi-version 1.0.3|2.0.0] [--lrs-url URL --lrs-user U --lrs-password W]",
      "           [--outbox DIR] [--lti-launches N] [--direct] [--serve]",
      "       java -jar learntrace-demo.jar --validate FILE [--xapi-version 1.0.3|2.0.0]",
      "       java -jar learntrace-demo.jar --validate-sample [--xapi-version 1.0.3|2.0.0]",
      "",
      "Runs the LearnTrace mission on embedded defaults: an embedded LRS, a synthetic study (seed " + DEFAULT_SEED + ",",
      DEFAULT_SCHOOLS + " schools, " + DEFAULT_TEACHERS + " teachers), every engagement statement and outcome record delivered to",
      "the LRS through the SDK pipeline (policy, pseudonyms, durable outbox, LRS sink) together with LTI 1.3",
      "launches of an external practice-quiz tool whose scores come back through AGS, everything read back,",
      "linkage, analysis and a report under --out (default ./demo-out).",
      "",
      "  --seed N              synthetic study seed (default " + DEFAULT_SEED + ")",
      "  --out DIR             output directory (default ./demo-out)",
      "  --schools N           schools (default " + DEFAULT_SCHOOLS + "); learners scale with schools",
      "  --teachers N          teachers (default " + DEFAULT_TEACHERS + ", or about 1.45 per school with --schools)",
      "  --xapi-version V      the xAPI version the LRS client speaks (default 2.0.0)",
      "  --lrs-url URL         use this external LRS (its xAPI base) instead of the embedded one",
      "  --lrs-user U, --lrs-password W   its HTTP Basic credentials",
      "  --outbox DIR          the SDK's durable outbox (default <out>/outbox, emptied at start); a run",
      "                        killed and started again with the same --outbox delivers what it held",
      "  --lti-launches N      teachers the platform launches the external LTI 1.3 practice-quiz tool for",
      "                        (default " + LtiLaunches.DEFAULT_LAUNCHES + ", 0 for none; not with --direct)",
      "  --direct              POST the statements with LrsClient batches instead of the SDK pipeline",
      "  --serve               keep the LRS up and serve the report and the course player on localhost until Ctrl-C",
      "  --validate FILE       only check an NDJSON statement file against xAPI 1.0.3 and 2.0.0",
      "  --validate-sample     only check the bundled AGS sample statements",
      "",
      "Exit status: 0 ok; 1 statements lost, dead-lettered or dropped, data problems, or invalid statements (--validate);",
      "2 usage error; 3 failure.");

  /** Parses the arguments; throws {@link IllegalArgumentException} naming the bad option. */
  static DemoOptions parse(String[] args) {
    long seed = DEFAULT_SEED;
    Path out = Path.of("demo-out");
    Integer schools = null;
    Integer teachers = null;
    XapiVersion version = XapiVersion.V2_0_0;
    URI lrsUrl = null;
    String user = null;
    String password = null;
    boolean serve = false;
    Path validate = null;
    boolean validateSample = false;
    boolean help = false;
    Path outbox = null;
    boolean direct = false;
    Integer ltiLaunches = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--seed" -> seed = parseLong(value(args, ++i, a), a);
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--schools" -> schools = positive(value(args, ++i, a), a);
        case "--teachers" -> teachers = positive(value(args, ++i, a), a);
        case "--xapi-version" -> version = XapiVersion.parse(value(args, ++i, a));
        case "--lrs-url" -> lrsUrl = uri(value(args, ++i, a));
        case "--lrs-user" -> user = value(args, ++i, a);
        case "--lrs-password" -> password = value(args, ++i, a);
        case "--serve" -> serve = true;
        case "--outbox" -> outbox = Path.of(value(args, ++i, a));
        case "--direct" -> direct = true;
        case "--lti-launches" -> ltiLaunches = count(value(args, ++i, a), a);
        case "--validate" -> validate = Path.of(value(args, ++i, a));
        case "--validate-sample" -> validateSample = true;
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException("give both --lrs-user and --lrs-password, or neither");
    }
    if (user != null && lrsUrl == null) {
      throw new IllegalArgumentException("--lrs-user and --lrs-password need --lrs-url");
    }
    if (direct && outbox != null) {
      throw new IllegalArgumentException("--outbox is the SDK pipeline's; it does not go with --direct");
    }
    if (direct && ltiLaunches != null && ltiLaunches > 0) {
      throw new IllegalArgumentException("--lti-launches needs the SDK pipeline; it does not go with --direct");
    }
    if (validate != null && validateSample) {
      throw new IllegalArgumentException("give --validate FILE or --validate-sample, not both");
    }
    if (schools != null && teachers != null && teachers < schools) {
      throw new IllegalArgumentException("--teachers must be at least --schools (one teacher per school): "
          + teachers + " < " + schools);
    }
    return new DemoOptions(seed, out, schools, teachers, version, lrsUrl, user, password, serve, validate,
        validateSample, help, outbox, direct, direct ? 0 : ltiLaunches != null ? ltiLaunches : LtiLaunches.DEFAULT_LAUNCHES);
  }

  /** Whether this is a statement check rather than the mission. */
  boolean validating() {
    return validate != null || validateSample;
  }

  /**
   * The synthetic study's configuration: the 3MPower study shape, with {@code --schools} and
   * {@code --teachers} mapped onto it (learners ≈ 10.3 per school; about 20 schools per upazila, at
   * most the study's 10 upazilas, 8 districts and 4 divisions).
   */
  StudyConfig studyConfig() {
    int s = schools != null ? schools : teachers != null ? Math.min(DEFAULT_SCHOOLS, teachers) : DEFAULT_SCHOOLS;
    int t = teachers != null ? teachers
        : schools != null ? Math.max(s, (int) Math.round(s * (double) DEFAULT_TEACHERS / DEFAULT_SCHOOLS)) : DEFAULT_TEACHERS;
    if (s < 2) {
      throw new IllegalArgumentException("--schools must be at least 2 (one per arm), got " + s);
    }
    int learners = Math.max(2 * s, (int) Math.round(s * LEARNERS_PER_SCHOOL));
    int upazilas = Math.max(1, Math.min(10, s / SCHOOLS_PER_UPAZILA));
    int districts = Math.min(8, upazilas);
    int divisions = Math.min(4, districts);
    return StudyConfig.study(seed).toBuilder().schools(s).teachers(t).learners(learners).upazilas(upazilas)
        .districts(districts).divisions(divisions).build();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long parseLong(String v, String option) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got \"" + v + "\"");
    }
  }

  private static int positive(String v, String option) {
    long n = parseLong(v, option);
    if (n < 1 || n > 1_000_000) {
      throw new IllegalArgumentException(option + " must be between 1 and 1000000, got " + v);
    }
    return (int) n;
  }

  private static int count(String v, String option) {
    long n = parseLong(v, option);
    if (n < 0 || n > 1_000) {
      throw new IllegalArgumentException(option + " must be between 0 and 1000, got " + v);
    }
    return (int) n;
  }

  private static URI uri(String v) {
    try {
      URI u = URI.create(v.endsWith("/") ? v : v + "/");
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw new IllegalArgumentException("--lrs-url must be an http or https URL, got " + v);
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith("--lrs-url") ? e.getMessage()
          : "--lrs-url is not a URL: " + v);
    }
  }
}
