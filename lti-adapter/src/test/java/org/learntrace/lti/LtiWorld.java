package org.learntrace.lti;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Our platform side and our tool side, each on its own loopback HTTP server. */
final class LtiWorld implements AutoCloseable {
  static final String CLIENT_ID = "tool-1";
  static final String DEPLOYMENT = "dep-1";
  static final String CONTEXT = "course-ags-101";
  static final byte[] KEY = "a-research-pseudonym-key-0123456789".getBytes(StandardCharsets.US_ASCII);

  final MutableClock clock = MutableClock.atSystemTime();
  final LoopbackServer platformServer = new LoopbackServer();
  final LoopbackServer toolServer = new LoopbackServer();
  final ToolRegistry tools = ToolRegistry.inMemory();
  final PlatformRegistry platforms = PlatformRegistry.inMemory();
  final SigningKeyStore platformKeys = SigningKeyStore.inMemory();
  final SigningKeyStore toolKeys = SigningKeyStore.inMemory();
  final LtiStateStore toolState = LtiStateStore.inMemory(clock);
  final Map<String, com.nimbusds.jose.jwk.JWKSet> stubJwks = new ConcurrentHashMap<>();
  final java.util.concurrent.atomic.AtomicInteger platformJwksFetches = new java.util.concurrent.atomic.AtomicInteger();
  final Gradebook gradebook = Gradebook.inMemory();
  final List<PlatformUser> roster = new CopyOnWriteArrayList<>();
  final List<LtiEvent> platformEvents = new CopyOnWriteArrayList<>();
  final List<LtiEvent> toolEvents = new CopyOnWriteArrayList<>();
  final List<LtiLaunch> received = new CopyOnWriteArrayList<>();
  final Map<String, PlatformLaunch> launches = new ConcurrentHashMap<>();
  final List<Map<String, Object>> deepLinkItems = new CopyOnWriteArrayList<>();
  final LtiPlatform platform;
  final LtiTool tool;
  final String issuer;

  LtiWorld() {
    this(LtiEventSink.NOOP);
  }

  /** A world whose tool side also hands its research events to {@code toolResearch}. */
  LtiWorld(LtiEventSink toolResearch) {
    issuer = platformServer.base().toString();
    URI toolBase = toolServer.base();
    URI launchUrl = URI.create(toolBase + "/lti/tool/launch");
    platform = LtiPlatform.builder().clock(clock).issuer(issuer).baseUrl(URI.create(issuer + "/lti/platform"))
        .tools(tools).signingKeys(platformKeys).gradebook(gradebook).roster(ctx -> List.copyOf(roster))
        .researchEvents(platformEvents::add, KEY).lti11Secrets(k -> k.equals("legacy-key") ? java.util.Optional.of("legacy-secret")
            : java.util.Optional.empty())
        .build();
    tool = LtiTool.builder().clock(clock).platforms(platforms).launchUrl(launchUrl).signingKeys(toolKeys).stateStore(toolState)
        .endpoints(URI.create(toolBase + "/lti/tool/login"), URI.create(toolBase + "/lti/tool/jwks"))
        .researchEvents(e -> {
          toolEvents.add(e);
          toolResearch.accept(e);
        }, KEY)
        .lti11Secrets(k -> k.equals("legacy-key") ? java.util.Optional.of("legacy-secret") : java.util.Optional.empty())
        .build();
    tools.save(new ToolRegistration(CLIENT_ID, "Test tool", URI.create(toolBase + "/lti/tool/login"), Set.of(launchUrl),
        launchUrl, URI.create(toolBase + "/lti/tool/jwks"), Set.of(DEPLOYMENT), ToolRegistration.allAdvantageScopes()));
    platforms.save(new PlatformRegistration(issuer, CLIENT_ID, platform.authorizationUrl(), platform.tokenUrl(),
        platform.jwksUrl(), Set.of(DEPLOYMENT)));
    platformServer.start(new PlatformResource(platform), new Host(), (jakarta.ws.rs.container.ContainerRequestFilter) req -> {
      if (req.getUriInfo().getPath().endsWith("lti/platform/jwks")) {
        platformJwksFetches.incrementAndGet();
      }
    });
    toolServer.start(new ToolResource(tool, this::onLaunch, false));
  }

  private Response onLaunch(LtiLaunch launch) {
    received.add(launch);
    if (launch.isDeepLinkingRequest()) {
      return Response.ok(tool.deepLinkingResponsePage(launch, List.copyOf(deepLinkItems)), "text/html").build();
    }
    return Response.ok("launched " + launch.messageType(), "text/plain").build();
  }

  URI hostLaunch(String name, PlatformLaunch launch) {
    launches.put(name, launch);
    return URI.create(platformServer.base() + "/host/launch/" + name);
  }

  PlatformLaunch learnerLaunch(String userId) {
    return PlatformLaunch.resourceLink(CLIENT_ID, DEPLOYMENT,
        new PlatformUser(userId, List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
            new LtiLaunch.Person("Rahima Begum", "Rahima", "Begum", "rahima@example.org", URI.create("https://pics.example/r.png"))),
        new LtiLaunch.Context(CONTEXT, "AGS", "Anonde Ghonit Shikhi", List.of()),
        new LtiLaunch.ResourceLink("module-3", "Module 3: place value", null));
  }

  /** The platform's host application: it owns the browser session and decides what to launch. */
  @Path("host")
  public final class Host {
    @GET
    @Path("launch/{name}")
    public Response launch(@PathParam("name") String name, @Context HttpHeaders headers) {
      String session = Http.cookies(headers).get(LtiPlatform.DEFAULT_SESSION_COOKIE);
      Response.ResponseBuilder r = Response.status(302);
      if (session == null) {
        session = Tokens.random();
        r.header("Set-Cookie", Http.setCookie(LtiPlatform.DEFAULT_SESSION_COOKIE, session, Duration.ofHours(1), false));
      }
      return r.location(platform.initiateLaunch(launches.get(name), session).redirect()).build();
    }

    @GET
    @Path("jwks/{name}")
    public Response jwks(@PathParam("name") String name) {
      return Response.ok(stubJwks.get(name).toString(true), "application/json").build();
    }
  }

  URI stubJwksUrl(String name, com.nimbusds.jose.jwk.JWKSet keys) {
    stubJwks.put(name, keys);
    return URI.create(platformServer.base() + "/host/jwks/" + name);
  }

  @Override
  public void close() {
    platformServer.close();
    toolServer.close();
  }
}
