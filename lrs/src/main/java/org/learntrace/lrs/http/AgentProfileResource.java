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

/** The Agent Profile Resource: documents about an agent. */
@Path("agents/profile")
public final class AgentProfileResource {
  private static final Set<String> WRITE_PARAMS = Set.of("agent", "profileId");
  private final Documents documents;

  AgentProfileResource(LrsContext lrs) {
    this.documents = new Documents(lrs, "agent profile", Scope.PROFILE);
  }

  private static DocumentKey key(Params p, boolean idRequired) {
    String agent = p.agentKey("agent", true);
    String profileId = idRequired ? p.required("profileId") : p.optional("profileId");
    return new DocumentKey(DocumentKey.Type.AGENT_PROFILE, "", agent, "", profileId);
  }

  @GET
  public Response get(@Context UriInfo uri, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), false);
    Params p = new Params(uri.getQueryParameters()).allowOnly(Set.of("agent", "profileId", "since"), "GET agent profile");
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
    Params p = new Params(uri.getQueryParameters()).allowOnly(WRITE_PARAMS, "PUT agent profile");
    return documents.put(key(p, true), body, headers, caller, true);
  }

  @POST
  public Response post(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(WRITE_PARAMS, "POST agent profile");
    return documents.post(key(p, true), body, headers);
  }

  @DELETE
  public Response delete(@Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(WRITE_PARAMS, "DELETE agent profile");
    return documents.delete(key(p, true), headers);
  }
}
