package org.learntrace.lti;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A scriptable platform stub that records what the tool sent (token requests, service calls, registrations). */
@Path("fake")
public final class FakePlatform {
  final List<MultivaluedMap<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  final List<String> serviceCalls = new CopyOnWriteArrayList<>();
  final AtomicInteger unauthorizedAnswersLeft = new AtomicInteger();
  volatile String nextMembershipsLink;
  volatile String openidConfiguration = "{}";
  final List<String> registrations = new CopyOnWriteArrayList<>();

  @POST
  @Path("token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response token(MultivaluedMap<String, String> form) {
    tokenRequests.add(form);
    return Response.ok(Json.write(Map.of("access_token", "token-" + tokenRequests.size(), "token_type", "Bearer",
        "expires_in", 3600)), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("lineitems/1/scores")
  public Response score(@jakarta.ws.rs.HeaderParam("Authorization") String auth, String body) {
    serviceCalls.add("score " + auth);
    if (unauthorizedAnswersLeft.getAndDecrement() > 0) {
      return Response.status(401).build();
    }
    return Response.noContent().build();
  }

  @GET
  @Path("memberships")
  public Response memberships(@jakarta.ws.rs.HeaderParam("Authorization") String auth) {
    serviceCalls.add("memberships " + auth);
    Response.ResponseBuilder r = Response.ok(Json.write(Map.of("id", "x", "members",
        List.of(Map.of("user_id", "m1", "roles", List.of("Learner"))))), MediaType.APPLICATION_JSON_TYPE);
    if (nextMembershipsLink != null) {
      r.header("Link", "<" + nextMembershipsLink + ">; rel=\"next\"");
    }
    return r.build();
  }

  @GET
  @Path("openid-configuration")
  public Response configuration() {
    return Response.ok(openidConfiguration, MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("register")
  public Response register(String body) {
    registrations.add(body);
    return Response.ok(Json.write(Map.of("client_id", "dyn-client", "https://purl.imsglobal.org/spec/lti-tool-configuration",
        Map.of("deployment_id", "dyn-dep"))), MediaType.APPLICATION_JSON_TYPE).build();
  }
}
