package org.learntrace.lrs.http;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.learntrace.lrs.Scope;
import org.learntrace.lrs.spi.DocumentKey;

/** The Activity Profile Resource: documents about an activity. */
@Path("activities/profile")
public final class ActivityProfileResource {
  private static final Set<String> WRITE_PARAMS = Set.of("activityId", "profileId");
  private final Documents documents;

  ActivityProfileResource(LrsContext lrs) {
    this.documents = new Documents(lrs, "activity profile", Scope.PROFILE);
  }

  private static DocumentKey key(Params p, boolean idRequired) {
    String activityId = p.iri("activityId", true);
    String profileId = idRequired ? p.required("profileId") : p.optional("profileId");
    return new DocumentKey(DocumentKey.Type.ACTIVITY_PROFILE, activityId, "", "", profileId);
  }

  @GET
  public Response get(@Context UriInfo uri, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), false);
    Params p = new Params(uri.getQueryParameters()).allowOnly(Set.of("activityId", "profileId", "since"), "GET activity profile");
    DocumentKey key = key(p, false);
    if (p.has("profileId")) {
      if (p.has("since")) {
        throw LrsException.badRequest("since applies only when listing profile ids (without profileId)");
      }
      return documents.get(key);
    }
    return documents.list(key, p.timestampMillis("since"));
  }

  @PUT
  public Response put(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    documents.requireScope(caller, true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(WRITE_PARAMS, "PUT activity profile");
    return documents.put(key(p, true), body, headers, caller, true);
  }

  @POST
  public Response post(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(WRITE_PARAMS, "POST activity profile");
    return documents.post(key(p, true), body, headers);
  }

  @DELETE
  public Response delete(@Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(WRITE_PARAMS, "DELETE activity profile");
    return documents.delete(key(p, true), headers);
  }
}
