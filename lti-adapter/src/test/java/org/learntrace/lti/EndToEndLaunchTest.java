package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our tool side launched by our platform side over real HTTP, a cookie-keeping HttpClient as the browser. */
class EndToEndLaunchTest {
  private final LtiWorld world = new LtiWorld();
  private final Browser browser = new Browser();

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void resourceLinkLaunchReachesTheToolWithTypedClaims() {
    HttpResponse<String> page = browser.navigate(world.hostLaunch("l1", world.learnerLaunch("u-17")));

    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("launched LtiResourceLinkRequest");
    LtiLaunch launch = world.received.get(0);
    assertThat(launch.issuer()).isEqualTo(world.issuer);
    assertThat(launch.subject()).isEqualTo("u-17");
    assertThat(launch.deploymentId()).isEqualTo(LtiWorld.DEPLOYMENT);
    assertThat(launch.resourceLink().id()).isEqualTo("module-3");
    assertThat(launch.context().id()).isEqualTo(LtiWorld.CONTEXT);
    assertThat(launch.ags().lineItems()).isNotNull();
    assertThat(launch.nrps().contextMemberships()).isNotNull();
    assertThat(launch.person().email()).isEqualTo("rahima@example.org");
  }

  @Test
  void launchesOnBothSidesBecomeResearchEventsWithTheSamePseudonymousActor() {
    browser.navigate(world.hostLaunch("l1", world.learnerLaunch("u-17")));

    LtiLaunchEvent atPlatform = (LtiLaunchEvent) world.platformEvents.get(0);
    LtiLaunchEvent atTool = (LtiLaunchEvent) world.toolEvents.get(0);
    assertThat(atTool.actor()).isEqualTo(atPlatform.actor()).isNotEqualTo("u-17");
    assertThat(atTool.role()).isEqualTo(ResearchRole.LEARNER);
    assertThat(atTool.contextId()).isEqualTo(LtiWorld.CONTEXT);
    assertThat(atTool.resourceLinkId()).isEqualTo("module-3");
    assertThat(atTool.platformId()).isEqualTo(world.issuer);
  }

  @Test
  void deepLinkingSelectionReturnsToThePlatform() {
    world.deepLinkItems.add(Map.of("type", "ltiResourceLink", "title", "Quiz 3",
        "url", world.toolServer.base() + "/lti/tool/launch", "lineItem", Map.of("scoreMaximum", 10, "label", "Quiz 3")));
    PlatformLaunch dl = PlatformLaunch.deepLinking(LtiWorld.CLIENT_ID, LtiWorld.DEPLOYMENT,
        PlatformUser.of("teacher-1", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")),
        new LtiLaunch.Context(LtiWorld.CONTEXT, null, null, List.of()));

    HttpResponse<String> page = browser.navigate(world.hostLaunch("dl", dl));

    assertThat(page.body()).contains("Content added").contains("Quiz 3");
    DeepLinkSelection sel = world.platformEvents.stream().filter(DeepLinkSelection.class::isInstance)
        .map(DeepLinkSelection.class::cast).findFirst().orElseThrow();
    assertThat(sel.items()).extracting(DeepLinkSelection.Item::title).containsExactly("Quiz 3");
    assertThat(world.gradebook.lineItems(LtiWorld.CLIENT_ID, LtiWorld.CONTEXT)).extracting(Gradebook.LineItem::label)
        .containsExactly("Quiz 3");
  }

  @Test
  void toolPublishesAScoreAndReadsResultsThroughAgs() {
    browser.navigate(world.hostLaunch("l1", world.learnerLaunch("u-17").withLineItem(20)));
    LtiLaunch launch = world.received.get(0);

    world.tool.services().publishScore(launch, launch.ags().lineItem(), new AdvantageServices.Score("u-17", 15.0, 20.0,
        "Completed", "FullyGraded", Instant.now(), null));

    List<AdvantageServices.Result> results = world.tool.services().results(launch, launch.ags().lineItem());
    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.userId()).isEqualTo("u-17");
      assertThat(r.resultScore()).isEqualTo(15.0);
    });
    assertThat(world.tool.services().lineItems(launch)).extracting(AdvantageServices.LineItem::label)
        .containsExactly("Module 3: place value");
    assertThat(world.platformEvents).filteredOn(ScorePublished.class::isInstance).hasSize(1);
    assertThat(world.toolEvents).filteredOn(ScorePublished.class::isInstance).hasSize(1);
  }

  @Test
  void toolCreatesALineItemInItsContext() {
    browser.navigate(world.hostLaunch("l1", world.learnerLaunch("u-17")));
    LtiLaunch launch = world.received.get(0);

    AdvantageServices.LineItem item = world.tool.services().createLineItem(launch, "Post-test", 50, "module-3", "post", "test");

    assertThat(item.id().toString()).startsWith(launch.ags().lineItems() + "/");
    assertThat(world.tool.services().lineItems(launch)).extracting(AdvantageServices.LineItem::label).contains("Post-test");
  }

  @Test
  void rosterIsReadAcrossLinkHeaderPages() {
    for (int i = 0; i < 250; i++) {
      world.roster.add(PlatformUser.of("m-" + i, List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner")));
    }
    browser.navigate(world.hostLaunch("l1", world.learnerLaunch("u-17")));

    List<AdvantageServices.Member> members = world.tool.services().members(world.received.get(0));

    assertThat(members).hasSize(250);
    assertThat(members.get(249).userId()).isEqualTo("m-249");
  }

  @Test
  void keyRotationKeepsLaunchesWorkingThroughOneJwksRefetch() {
    browser.navigate(world.hostLaunch("l1", world.learnerLaunch("u-1")));
    world.platform.rotateKeys();

    HttpResponse<String> page = browser.navigate(world.hostLaunch("l2", world.learnerLaunch("u-2")));

    assertThat(page.body()).isEqualTo("launched LtiResourceLinkRequest");
    assertThat(world.platform.publicJwks().getKeys()).hasSize(2);
  }

  @Test
  void migrationClaimIsVerifiedWithTheLti11Secret() {
    browser.navigate(world.hostLaunch("l1", world.learnerLaunch("u-17").withLti11Migration("legacy-key")));

    assertThat(world.received.get(0).lti11()).isEqualTo(new LtiLaunch.Lti11Migration("u-17", "legacy-key", true));
  }

  @Test
  void platformStorageFallbackBindsStateWithoutCookies() {
    // The platform offers storage; the browser keeps no tool cookie (third-party cookies blocked).
    PlatformLaunch launch = world.learnerLaunch("u-9");
    LtiPlatform.LoginInitiation init = world.platform.initiateLaunch(launch, "session-9");
    Map<String, String> login = new java.util.HashMap<>(init.params());
    login.put("lti_storage_target", "_parent");
    LtiTool.LoginRedirect redirect = world.tool.login(login);
    assertThat(redirect.platformStoragePage()).contains("lti.put_data").contains(redirect.cookieValue());
    Map<String, String> auth = query(redirect.authorizationRequest());
    LtiPlatform.AuthorizationResponse form = world.platform.authorize(auth, "session-9");

    LtiTool.LaunchResult first = world.tool.launch(form.form(), Map.of());
    assertThat(first).isInstanceOf(LtiTool.PlatformStorageCheck.class);
    assertThat(((LtiTool.PlatformStorageCheck) first).page()).contains("lti.get_data");
    Map<String, String> repost = new java.util.HashMap<>(form.form());
    repost.put(LtiTool.STORAGE_BINDING_FIELD, redirect.cookieValue()); // what platform storage hands back

    assertThat(world.tool.launch(repost, Map.of())).isInstanceOf(LtiTool.Launched.class);
  }

  @Test
  void platformStorageValueThatDoesNotMatchIsRejected() {
    LtiPlatform.LoginInitiation init = world.platform.initiateLaunch(world.learnerLaunch("u-9"), "session-9");
    Map<String, String> login = new java.util.HashMap<>(init.params());
    login.put("lti_storage_target", "_parent");
    LtiTool.LoginRedirect redirect = world.tool.login(login);
    Map<String, String> repost = new java.util.HashMap<>(world.platform.authorize(query(redirect.authorizationRequest()),
        "session-9").form());
    repost.put(LtiTool.STORAGE_BINDING_FIELD, "attacker-guess");

    assertThatThrownBy(() -> world.tool.launch(repost, Map.of()))
        .isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.rule()).isEqualTo("state_not_bound_to_browser"));
  }

  static Map<String, String> query(URI u) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    OAuth1.queryParams(u).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
