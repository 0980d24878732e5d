package org.learntrace.lrs.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.learntrace.lrs.Scope;

/** The Activities Resource: the LRS's definition of an activity, merged from the statements it stored. */
@Path("activities")
public final class ActivitiesResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LrsContext lrs;

  ActivitiesResource(LrsContext lrs) {
    this.lrs = lrs;
  }

  @GET
  public Response get(@Context UriInfo uri, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    if (!caller.credential().hasAny(Scope.ALL, Scope.ALL_READ, Scope.STATEMENTS_READ, Scope.DEFINE, Scope.PROFILE, Scope.STATE)) {
      throw new LrsException(403, "credential " + caller.credential().username() + " may not read activities");
    }
    Params p = new Params(uri.getQueryParameters()).allowOnly(Set.of("activityId"), "GET activities");
    String id = p.iri("activityId", true);
    ObjectNode activity = JSON.createObjectNode();
    activity.put("objectType", "Activity");
    activity.put("id", id);
    lrs.store().activityDefinition(id).ifPresent(def -> {
      try {
        activity.set("definition", JSON.readTree(def));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored activity definition is not JSON", e);
      }
    });
    return Response.ok(activity.toString(), "application/json; charset=UTF-8")
        .header("Last-Modified", HttpDates.http(lrs.clock().millis()))
        .build();
  }
}
