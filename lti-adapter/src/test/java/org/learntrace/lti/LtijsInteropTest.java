package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with the npm {@code ltijs} tool (with {@code ltijs-sequelize} on a real PostgreSQL):
 * launched by our platform side over real HTTP, it does Deep Linking, posts a score through AGS and
 * reads the roster through NRPS against our endpoints.
 */
class LtijsInteropTest {
  private static EmbeddedPostgres postgres;
  private static LoopbackServer server;
  private static NodePeer ltijs;
  private static LtiPlatform platform;
  private static final Gradebook GRADEBOOK = Gradebook.inMemory();
  private static final List<LtiEvent> EVENTS = new CopyOnWriteArrayList<>();
  private static final Map<String, PlatformLaunch> LAUNCHES = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    server = new LoopbackServer();
    String issuer = server.base().toString();
    ToolRegistry tools = ToolRegistry.inMemory();
    platform = LtiPlatform.builder().issuer(issuer).baseUrl(URI.create(issuer + "/lti/platform")).tools(tools)
        .gradebook(GRADEBOOK).researchEvents(EVENTS::add, LtiWorld.KEY)
        .roster(ctx -> List.of(PlatformUser.of("learner-1", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")),
            PlatformUser.of("teacher-1", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"))))
        .build();
    ltijs = new NodePeer("ltijs-tool.js", Integer.toString(postgres.getPort()), issuer, platform.authorizationUrl().toString(),
        platform.tokenUrl().toString(), platform.jwksUrl().toString(), "ltijs-client");
    URI toolBase = URI.create("http://127.0.0.1:" + ltijs.port);
    tools.save(new ToolRegistration("ltijs-client", "ltijs", URI.create(toolBase + "/login"), Set.of(URI.create(toolBase + "/")),
        URI.create(toolBase + "/"), URI.create(toolBase + "/keys"), Set.of("ltijs-dep"), ToolRegistration.allAdvantageScopes()));
    server.start(new PlatformResource(platform), new HostLaunches());
  }

  @AfterAll
  static void stop() throws IOException {
    if (ltijs != null) {
      ltijs.close();
    }
    if (server != null) {
      server.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** The platform's host application: starts a launch for this browser. */
  @jakarta.ws.rs.Path("host")
  public static final class HostLaunches {
    @jakarta.ws.rs.GET
    @jakarta.ws.rs.Path("launch/{name}")
    public jakarta.ws.rs.core.Response launch(@jakarta.ws.rs.PathParam("name") String name) {
      String session = Tokens.random();
      return jakarta.ws.rs.core.Response.status(302)
          .header("Set-Cookie", Http.setCookie(LtiPlatform.DEFAULT_SESSION_COOKIE, session, java.time.Duration.ofHours(1), false))
          .location(platform.initiateLaunch(LAUNCHES.get(name), session).redirect()).build();
    }
  }

  private HttpResponse<String> launch(String name, PlatformLaunch launch) {
    LAUNCHES.put(name, launch);
    return new Browser().navigate(URI.create(server.base() + "/host/launch/" + name));
  }

  private static final LtiLaunch.Context COURSE = new LtiLaunch.Context("course-1", "AGS", "Course", List.of());

  @Test
  @SuppressWarnings("unchecked")
  void ltijsPostsAScoreThroughAgsAndReadsTheRosterThroughNrps() {
    HttpResponse<String> page = launch("rl", PlatformLaunch.resourceLink("ltijs-client", "ltijs-dep",
        PlatformUser.of("learner-1", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")), COURSE,
        new LtiLaunch.ResourceLink("module-1", "Module 1", null)).withLineItem(10));

    assertThat(page.statusCode()).as(page.body() + ltijs.output()).isEqualTo(200);
    Map<String, Object> answer = Json.readMap(page.body());
    assertThat(answer).as(answer + ltijs.output()).containsEntry("user", "learner-1").containsEntry("scored", true);
    assertThat((List<String>) answer.get("members")).containsExactly("learner-1", "teacher-1");
    Gradebook.LineItem item = GRADEBOOK.lineItems("ltijs-client", "course-1").stream()
        .filter(i -> "module-1".equals(i.resourceLinkId())).findFirst().orElseThrow();
    assertThat(GRADEBOOK.results(item.id())).singleElement().satisfies(r -> {
      assertThat(r.userId()).isEqualTo("learner-1");
      assertThat(r.scoreGiven()).isEqualTo(7.0);
    });
    assertThat(EVENTS).filteredOn(ScorePublished.class::isInstance).isNotEmpty();
  }

  @Test
  void ltijsReturnsADeepLinkingSelection() {
    HttpResponse<String> page = launch("dl", PlatformLaunch.deepLinking("ltijs-client", "ltijs-dep",
        PlatformUser.of("teacher-1", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")), COURSE));

    assertThat(page.body()).as(page.body() + ltijs.output()).contains("Content added").contains("ltijs quiz");
    assertThat(EVENTS).filteredOn(DeepLinkSelection.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((DeepLinkSelection) e).items()).extracting(DeepLinkSelection.Item::title)
            .containsExactly("ltijs quiz"));
  }
}
