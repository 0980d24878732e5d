package org.learntrace.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.learntrace.lti.Gradebook;
import org.learntrace.lti.LtiEvent;
import org.learntrace.lti.LtiLaunch;
import org.learntrace.lti.LtiLaunchEvent;
import org.learntrace.lti.LtiPlatform;
import org.learntrace.lti.LtiTool;
import org.learntrace.lti.PlatformLaunch;
import org.learntrace.lti.PlatformRegistration;
import org.learntrace.lti.PlatformRegistry;
import org.learntrace.lti.PlatformResource;
import org.learntrace.lti.PlatformUser;
import org.learntrace.lti.ToolRegistration;
import org.learntrace.lti.ToolRegistry;
import org.learntrace.lti.ToolResource;
import org.learntrace.lti.research.TrackerLtiEvents;
import org.learntrace.sdk.Device;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;

/**
 * An LTI 1.3 launch of an external tool with a score coming back, over real HTTP on loopback, with
 * lti-adapter's own classes on both sides. Muktopaath (the platform: {@link LtiPlatform} behind
 * {@link PlatformResource}, issuer {@value #ISSUER}) launches an external practice-quiz tool
 * ({@link LtiTool} behind {@link ToolResource}, with {@link PracticeQuiz}) for a few teachers who
 * finished module 3's quiz online. Each launch is the full flow in a {@link TeacherBrowser}: the
 * platform's launch link sets its session cookie and redirects to the tool's OIDC login initiation;
 * the tool binds a state to the browser and redirects to the platform's authorization endpoint;
 * the platform answers with a signed id_token in an auto-submitting form_post; the tool validates it
 * (signature against the platform's JWKS, iss, aud, nonce, state, times, LTI claims) and shows the
 * quiz. The teacher's answers are graded by the tool, which gets an AGS token from the platform
 * (client credentials with a signed client assertion, checked against the tool's JWKS) and POSTs
 * the score to the launch's line item.
 *
 * <p>The platform's research port is {@link TrackerLtiEvents} on the run's SDK tracker (through
 * {@link ServerObservedTracker}): the launch becomes a {@code ModuleLifecycle LAUNCHED} and the
 * score a {@code QuizAttemptFinished}, with the LTI pseudonym
 * {@code base64url(HMAC-SHA256(key, iss ‖ 0x00 ‖ sub))} as the actor, and go through the same
 * policy, outbox and LRS sink as every other event. Both servers run on a {@link SimulatedClock}
 * set to each visit's simulated time, so the statements are the same for the same seed; tokens,
 * nonces, states and signing keys are random, and never reach a statement.
 */
final class LtiLaunches implements AutoCloseable {
  /** Muktopaath's LTI issuer: fixed, so that the LTI pseudonyms do not depend on the loopback port. */
  static final String ISSUER = "https://muktopaath.gov.bd";
  /**
   * The xAPI account home page of LTI pseudonyms: the demo's course catalog maps
   * {@link TrackerLtiEvents#DEFAULT_ID_SPACE} to it. The research reader counts only the teacher home
   * page's actors as engagement, so these launches and scores stay out of the study's measures.
   */
  static final String ACTOR_HOME_PAGE = "https://muktopaath.gov.bd/id/lti-actors";
  static final String CLIENT_ID = "practice-quiz";
  static final String DEPLOYMENT = "muktopaath-ags-1";
  /** The module after whose quiz the teachers practise. */
  static final String MODULE = "m3";
  static final String RESOURCE_LINK = "m3-practice";
  /** The platform's line item for the practice quiz; its id becomes the quiz id in the statement. */
  static final String LINE_ITEM = "m3-practice-quiz";
  /** The platform's LTI research pseudonym key: fixed in the demo (the same seed, the same actors). Not a secret. */
  static final byte[] KEY = "learntrace-demo-lti-pseudonym-key-2026".getBytes(StandardCharsets.UTF_8);
  static final double PASS_THRESHOLD = 0.6;
  static final int DEFAULT_LAUNCHES = 5;
  static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
  /** The only LTI Advantage scope the practice quiz needs: posting scores. */
  static final Set<String> TOOL_SCOPES = Set.of("https://purl.imsglobal.org/spec/lti-ags/scope/score");
  /** What the teacher does between opening the tool and submitting: about 40 s an item. */
  static final Duration TIME_ON_QUIZ = Duration.ofSeconds(40L * PracticeQuiz.ITEMS.length);

  private static final Pattern FIELDSET = Pattern.compile("<fieldset><legend>(\\d+) \\+ (\\d+)</legend>(.*?)</fieldset>");
  private static final Pattern RADIO = Pattern.compile("<input type=\"radio\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
  private static final Pattern SCORE = Pattern.compile("data-given=\"(\\d+)\" data-maximum=\"(\\d+)\"");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A planned visit: a teacher who finished module 3's quiz online opens the practice tool half an
   * hour later; {@code ability} (that quiz's scaled score) is the chance of answering an item right.
   */
  record Visit(String teacherId, Instant at, double ability) {}

  /** One launch as it happened. {@code actor} is the LTI pseudonym the research port received. */
  record Launch(String teacherId, String actor, Instant launchedAt, Instant scoredAt, int scoreGiven, int scoreMaximum,
      List<String> hops) {}

  /** Every launch, what the research port tracked, and the receipts of the events it tracked. */
  record Result(List<Launch> launches, long launchesTracked, long scoresTracked, List<Receipt> receipts, URI platform,
      URI tool, Duration took) {
    long scoresReturned() {
      return launches.stream().filter(l -> l.scoredAt() != null).count();
    }

    /** Step 4's account of the launches. */
    void print(PrintStream out) {
      out.printf(Locale.ROOT, "      LTI 1.3: Muktopaath (platform %s/lti/platform, issuer %s) launched the external "
          + "practice-quiz tool (%s/lti/tool) for %d teachers who made module %s's quiz online, over HTTP on loopback:%n",
          platform, ISSUER, tool, launches.size(), MODULE.substring(1));
      if (!launches.isEmpty()) {
        out.println("        " + String.join(" -> ", launches.get(0).hops()).replaceAll("/launch/[A-Za-z0-9_-]+ ",
            "/launch/{ticket} "));
      }
      out.println("        (launch link, OIDC login initiation, authorization request, id_token form_post validated by "
          + "the tool, answers); each score came back through AGS (client-credentials token, score POST to the line item)");
      for (Launch l : launches) {
        String actor = String.valueOf(l.actor());
        out.printf(Locale.ROOT, "        %s  actor %s…  score %d/%d%n", l.launchedAt(),
            actor.substring(0, Math.min(10, actor.length())), l.scoreGiven(), l.scoreMaximum());
      }
      out.printf(Locale.ROOT, "      the platform's research port (TrackerLtiEvents) tracked %d launches and %d scores "
          + "through this pipeline (servers started, launches made and servers stopped in %.1f s, alongside the "
          + "delivery)%n", launchesTracked, scoresTracked, took.toMillis() / 1000.0);
    }

    /** The {@code lti} section of summary.json; {@code readBack}: statements read back under LTI pseudonyms. */
    void summarise(ObjectNode l, long readBack) {
      l.put("platform", "Muktopaath (lti-adapter LtiPlatform), issuer " + ISSUER);
      l.put("tool", "external practice-quiz tool (lti-adapter LtiTool), client id " + CLIENT_ID);
      l.put("flow", "LTI 1.3 resource-link launch over HTTP on loopback (OIDC login initiation, authorization, "
          + "id_token form_post validated by the tool); scores back through AGS 2.0 (client-credentials token, score POST)");
      l.put("resourceLink", RESOURCE_LINK);
      l.put("lineItem", LINE_ITEM);
      l.put("researchPort", "TrackerLtiEvents on the platform side: launches -> ModuleLifecycle LAUNCHED, "
          + "scores -> QuizAttemptFinished; actor = base64url(HMAC-SHA256(LTI key, iss || 0x00 || sub))");
      l.put("actorHomePage", ACTOR_HOME_PAGE);
      l.put("launchesTracked", launchesTracked);
      l.put("scoresTracked", scoresTracked);
      l.put("statementsReadBack", readBack);
      ArrayNode all = l.putArray("launches");
      for (Launch x : launches) {
        ObjectNode n = all.addObject();
        n.put("actor", x.actor());
        n.put("launchedAt", x.launchedAt().toString());
        n.put("scoredAt", x.scoredAt().toString());
        n.put("scoreGiven", x.scoreGiven());
        n.put("scoreMaximum", x.scoreMaximum());
      }
    }
  }

  private final SimulatedClock clock;
  private final LoopbackJaxRs platformServer;
  private final LoopbackJaxRs toolServer;
  private final LtiPlatform platform;
  private final ServerObservedTracker tracker;
  private final TrackerLtiEvents research;
  private final List<LtiEvent> researchEvents = new CopyOnWriteArrayList<>();
  private final Map<String, PlatformLaunch> tickets = new ConcurrentHashMap<>();

  private LtiLaunches(Tracker sdkTracker, Instant start) throws IOException {
    clock = new SimulatedClock(start);
    platformServer = new LoopbackJaxRs("lti-platform");
    toolServer = new LoopbackJaxRs("lti-tool");
    URI toolBase = toolServer.base();
    URI launchUrl = URI.create(toolBase + "/lti/tool/launch");
    URI loginUrl = URI.create(toolBase + "/lti/tool/login");
    URI toolJwks = URI.create(toolBase + "/lti/tool/jwks");
    tracker = new ServerObservedTracker(sdkTracker);
    research = TrackerLtiEvents.builder(tracker).passThreshold(PASS_THRESHOLD).build();

    // Muktopaath: the tool is registered with one deployment and only the AGS scopes it needs; the
    // practice quiz's line item exists before the first launch, under a stable id.
    ToolRegistry tools = ToolRegistry.inMemory();
    tools.save(new ToolRegistration(CLIENT_ID, "Practice quiz", loginUrl, Set.of(launchUrl), launchUrl, toolJwks,
        Set.of(DEPLOYMENT), TOOL_SCOPES));
    Gradebook gradebook = Gradebook.inMemory();
    gradebook.saveLineItem(new Gradebook.LineItem(LINE_ITEM, CLIENT_ID, DEPLOYMENT, SdkDelivery.COURSE, RESOURCE_LINK,
        null, "practice", "Practice quiz: addition", PracticeQuiz.MAXIMUM));
    platform = LtiPlatform.builder().clock(clock).issuer(ISSUER)
        .baseUrl(URI.create(platformServer.base() + "/lti/platform")).tools(tools).gradebook(gradebook)
        .researchEvents(e -> {
          researchEvents.add(e);
          research.accept(e);
        }, KEY)
        .build();

    // The external tool: knows Muktopaath by its issuer, client id, endpoints and deployment.
    PlatformRegistry platforms = PlatformRegistry.inMemory();
    platforms.save(new PlatformRegistration(ISSUER, CLIENT_ID, platform.authorizationUrl(), platform.tokenUrl(),
        platform.jwksUrl(), Set.of(DEPLOYMENT)));
    LtiTool tool = LtiTool.builder().clock(clock).platforms(platforms).launchUrl(launchUrl).endpoints(loginUrl, toolJwks)
        .name("Practice quiz")
        .httpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build())
        .build();
    PracticeQuiz quiz = new PracticeQuiz(tool, clock);

    platformServer.start(new PlatformResource(platform), new LaunchLinks());
    // Plain HTTP on loopback: state cookies without Secure (LTI-SECURITY.md wants Secure over HTTPS).
    toolServer.start(new ToolResource(tool, quiz::page, false), quiz);
  }

  /**
   * The visits of up to {@code n} teachers: those whose first attempt at module 3's quiz was made
   * online (not synced late), first {@code n} by teacher id, in time order.
   */
  static List<Visit> plan(List<LearningEvent> events, int n) {
    Map<String, Visit> first = new LinkedHashMap<>();
    for (LearningEvent e : events) {
      if (e instanceof QuizAttemptFinished q && MODULE.equals(q.module().module()) && !first.containsKey(q.learner().id())) {
        Device d = q.occurrence().device();
        if (d == null || !d.syncedLate()) {
          first.put(q.learner().id(), new Visit(q.learner().id(), q.occurrence().occurredAt().plus(Duration.ofMinutes(30)),
              Math.max(0.2, Math.min(0.95, q.scoreScaled()))));
        }
      }
    }
    return first.values().stream().sorted(Comparator.comparing(Visit::teacherId)).limit(Math.max(0, n))
        .sorted(Comparator.comparing(Visit::at).thenComparing(Visit::teacherId)).toList();
  }

  /**
   * Starts the platform and the tool, runs every visit (in order) and stops them.
   *
   * @param seed the study seed: with the teacher id, it draws the teacher's answers
   * @throws IllegalStateException naming the teacher, the request and the status when a launch fails
   */
  static Result run(List<Visit> visits, Tracker tracker, long seed) throws IOException {
    if (visits.isEmpty()) {
      return new Result(List.of(), 0, 0, List.of(), null, null, Duration.ZERO);
    }
    long t0 = System.nanoTime();
    try (LtiLaunches lti = new LtiLaunches(tracker, visits.get(0).at().minus(Duration.ofHours(1)))) {
      List<Launch> done = new ArrayList<>();
      for (Visit v : visits) {
        done.add(lti.visit(v, seed));
      }
      return new Result(done, lti.research.launchesTracked(), lti.research.scoresTracked(), lti.tracker.receipts(),
          lti.platformServer.base(), lti.toolServer.base(), Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  private Launch visit(Visit v, long seed) {
    Instant launchedAt = clock.advanceTo(v.at());
    String ticket = token();
    tickets.put(ticket, PlatformLaunch.resourceLink(CLIENT_ID, DEPLOYMENT, PlatformUser.of(v.teacherId(), List.of(LEARNER)),
            new LtiLaunch.Context(SdkDelivery.COURSE, "AGS", "Anonde Ghonit Shikhi", List.of()),
            new LtiLaunch.ResourceLink(RESOURCE_LINK, "Practice quiz: addition", null))
        .withLineItem(PracticeQuiz.MAXIMUM));
    TeacherBrowser browser = new TeacherBrowser();
    HttpResponse<String> page = browser.navigate(URI.create(platformServer.base() + "/muktopaath/launch/" + ticket));
    Matcher form = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">(.*)</form>", Pattern.DOTALL)
        .matcher(page.body());
    if (page.statusCode() != 200 || !form.find()) {
      throw failed(v, browser, page);
    }
    String actor = researchEvents.stream().filter(LtiLaunchEvent.class::isInstance).map(LtiLaunchEvent.class::cast)
        .reduce((a, b) -> b).map(LtiLaunchEvent::actor).orElse(null);

    Map<String, String> answers = new LinkedHashMap<>(TeacherBrowser.hiddenFields(form.group(2)));
    Random draws = new Random(seed * 1_000_003L + v.teacherId().hashCode());
    Matcher item = FIELDSET.matcher(form.group(2));
    while (item.find()) {
      int right = Integer.parseInt(item.group(1)) + Integer.parseInt(item.group(2));
      boolean correct = draws.nextDouble() < v.ability();
      Matcher choice = RADIO.matcher(item.group(3));
      List<String> wrong = new ArrayList<>();
      String name = null;
      while (choice.find()) {
        name = choice.group(1);
        if (!choice.group(2).equals(String.valueOf(right))) {
          wrong.add(choice.group(2));
        }
      }
      answers.put(name, correct ? String.valueOf(right) : wrong.get(draws.nextInt(wrong.size())));
    }
    Instant submittedAt = clock.advance(TIME_ON_QUIZ);
    HttpResponse<String> sent = browser.submit(page.uri().resolve(form.group(1)), answers);
    Matcher score = SCORE.matcher(sent.body());
    if (sent.statusCode() != 200 || !score.find()) {
      throw failed(v, browser, sent);
    }
    return new Launch(v.teacherId(), actor, launchedAt, submittedAt, Integer.parseInt(score.group(1)),
        Integer.parseInt(score.group(2)), browser.hops());
  }

  private static IllegalStateException failed(Visit v, TeacherBrowser browser, HttpResponse<String> last) {
    String body = last.body() == null ? "" : last.body();
    return new IllegalStateException("the LTI launch for teacher " + v.teacherId() + " stopped at " + last.request().method()
        + " " + last.uri().getPath() + " with status " + last.statusCode() + ": "
        + body.substring(0, Math.min(300, body.length())) + " (requests: " + browser.hops() + ")");
  }

  private static String token() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public void close() {
    toolServer.close();
    platformServer.close();
  }

  /**
   * Muktopaath's own launch links: the platform's host application owns the browser session, so it
   * sets the session cookie and starts the LTI login for the launch it prepared under the ticket.
   */
  @Path("muktopaath")
  public final class LaunchLinks {
    @GET
    @Path("launch/{ticket}")
    public Response launch(@PathParam("ticket") String ticket) {
      PlatformLaunch launch = tickets.remove(ticket);
      if (launch == null) {
        return Response.status(404).entity("no such launch").type("text/plain").build();
      }
      String session = token();
      return Response.status(302).location(platform.initiateLaunch(launch, session).redirect())
          .header("Set-Cookie", LtiPlatform.DEFAULT_SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax")
          .header("Cache-Control", "no-store").build();
    }
  }
}
