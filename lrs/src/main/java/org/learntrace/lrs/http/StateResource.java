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
import java.util.UUID;
import org.learntrace.lrs.Scope;
import org.learntrace.lrs.spi.DocumentKey;

/** The State Resource: documents per activity, agent and optional registration. */
@Path("activities/state")
public final class StateResource {
  private static final Set<String> PARAMS = Set.of("activityId", "agent", "registration", "stateId", "since");
  private final Documents documents;

  StateResource(LrsContext lrs) {
    this.documents = new Documents(lrs, "state", Scope.STATE);
  }

  private static DocumentKey key(Params p, boolean idRequired) {
    String activityId = p.iri("activityId", true);
    String agent = p.agentKey("agent", true);
    UUID registration = p.uuid("registration");
    String stateId = idRequired ? p.required("stateId") : p.optional("stateId");
    return new DocumentKey(DocumentKey.Type.STATE, activityId, agent, registration == null ? "" : registration.toString(), stateId);
  }

  @GET
  public Response get(@Context UriInfo uri, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    documents.requireScope(caller, false);
    Params p = new Params(uri.getQueryParameters()).allowOnly(PARAMS, "GET state");
    DocumentKey key = key(p, false);
    if (p.has("stateId")) {
      if (p.has("since")) {
        throw LrsException.badRequest("since applies only when listing state ids (without stateId)");
      }
      return documents.get(key);
    }
    return documents.list(key, p.timestampMillis("since"));
  }

  @PUT
  public Response put(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    documents.requireScope(caller, true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(Set.of("activityId", "agent", "registration", "stateId"), "PUT state");
    return documents.put(key(p, true), body, headers, caller, Documents.needsHeaderToOverwrite("state", caller.version()));
  }

  @POST
  public Response post(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    documents.requireScope(caller, true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(Set.of("activityId", "agent", "registration", "stateId"), "POST state");
    return documents.post(key(p, true), body, headers);
  }

  @DELETE
  public Response delete(@Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    documents.requireScope(caller, true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(Set.of("activityId", "agent", "registration", "stateId"), "DELETE state");
    DocumentKey key = key(p, false);
    if (p.has("stateId")) {
      return documents.delete(key, headers);
    }
    documents.deleteAll(key);
    return Response.noContent().build();
  }
}
