package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interop with the npm {@code ims-lti} package: its Provider validates LTI 1.1 launches signed by our
 * {@link Lti11Platform}, and its OutcomeService calls our Basic Outcomes endpoint (replaceResult,
 * readResult, deleteResult, with oauth_body_hash).
 */
class ImsLtiInteropTest {
  private static NodePeer peer;
  private static LoopbackServer server;
  private static Lti11Platform platform;
  private static final Gradebook GRADEBOOK = Gradebook.inMemory();

  @BeforeAll
  static void start() {
    peer = new NodePeer("ims-lti-provider.js", "ims-key", "ims-secret");
    server = new LoopbackServer();
    platform = Lti11Platform.builder().secrets(k -> k.equals("ims-key") ? Optional.of("ims-secret") : Optional.empty())
        .gradebook(GRADEBOOK).platformId("learntrace-test").outcomesUrl(URI.create(server.base() + "/lti/platform/lti11/outcomes"))
        .build();
    LtiPlatform unused = LtiPlatform.builder().issuer(server.base().toString()).baseUrl(URI.create(server.base() + "/lti/platform"))
        .tools(ToolRegistry.inMemory()).build();
    server.start(new PlatformResource(unused, platform));
  }

  @AfterAll
  static void stop() {
    peer.close();
    server.close();
  }

  private Map<String, Object> launch(URI url, Map<String, String> form) {
    HttpResponse<String> r = new Browser().post(url, form);
    assertThat(r.statusCode()).as(peer.output()).isEqualTo(200);
    return Json.readMap(r.body());
  }

  private Lti11Platform.SignedLaunch signed(URI url, boolean outcomes) {
    return platform.signLaunch(url, "ims-key", "HMAC-SHA1",
        PlatformUser.of("teacher-7", List.of("Instructor")), new LtiLaunch.Context("ctx-1", "AGS", "Course", List.of()),
        new LtiLaunch.ResourceLink("rl-1", "Module 1", null), outcomes);
  }

  @Test
  void imsLtiProviderAcceptsOurSignedLaunch() {
    URI url = URI.create("http://127.0.0.1:" + peer.port + "/lti11/launch");
    Map<String, Object> answer = launch(url, signed(url, false).form());
    assertThat(answer).containsEntry("valid", true).containsEntry("userId", "teacher-7");
  }

  @Test
  void imsLtiProviderAcceptsOurLaunchToAUrlWithAQuery() {
    URI url = URI.create("http://127.0.0.1:" + peer.port + "/lti11/launch?course=a+b&x=%2F");
    Map<String, Object> answer = launch(url, signed(url, false).form());
    assertThat(answer).as(answer.toString()).containsEntry("valid", true);
  }

  @Test
  void imsLtiProviderRejectsATamperedLaunch() {
    URI url = URI.create("http://127.0.0.1:" + peer.port + "/lti11/launch");
    Map<String, String> form = new java.util.HashMap<>(signed(url, false).form());
    form.put("user_id", "someone-else");
    assertThat(launch(url, form)).containsEntry("valid", false);
  }

  @Test
  @SuppressWarnings("unchecked")
  void imsLtiOutcomeServiceReplacesReadsAndDeletesThroughOurBasicOutcomesEndpoint() {
    URI url = URI.create("http://127.0.0.1:" + peer.port + "/lti11/launch?score=0.85");
    Map<String, Object> answer = launch(url, signed(url, true).form());

    assertThat(answer).as(answer.toString()).containsEntry("valid", true);
    assertThat((Map<String, Object>) answer.get("replaced")).containsEntry("err", null).containsEntry("result", true);
    assertThat((Map<String, Object>) answer.get("read")).containsEntry("err", null).containsEntry("result", 0.85);
    assertThat((Map<String, Object>) answer.get("deleted")).containsEntry("err", null).containsEntry("result", true);
    // After deleteResult our endpoint answers an empty textString (LTI 1.1 "no result"); ims-lti reports that as no score.
    assertThat((Map<String, Object>) answer.get("readAfterDelete")).containsEntry("result", false)
        .containsEntry("err", "Invalid score response");
    assertThat(GRADEBOOK.lineItems("lti11:ims-key", "ctx-1")).singleElement()
        .satisfies(i -> assertThat(GRADEBOOK.results(i.id())).isEmpty());
  }
}
