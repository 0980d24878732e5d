package org.learntrace.lrs.http;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.learntrace.lrs.Scope;
import org.learntrace.lrs.spi.DocumentKey;

/**
 * A profile resource (xAPI Communication 2.5/2.6): documents about one activity or agent, named by
 * {@code profileId}. The two resources differ only in the parameter naming their subject; each
 * subclass carries the {@code @Path} and turns the query parameters into a {@link DocumentKey}.
 */
public abstract class ProfileResource {
  private final Documents documents;
  private final String kind;
  private final Set<String> readParams;
  private final Set<String> writeParams;

  /**
   * @param kind what the documents are, for messages: {@code "activity profile"}
   * @param subject the parameter naming the activity or agent: {@code "activityId"} or {@code "agent"}
   */
  ProfileResource(LrsContext lrs, String kind, String subject) {
    this.documents = new Documents(lrs, kind, Scope.PROFILE);
    this.kind = kind;
    this.readParams = Set.of(subject, "profileId", "since");
    this.writeParams = Set.of(subject, "profileId");
  }

  /** The document's key; {@code profileId} is required unless {@code idRequired} is false (listing). */
  abstract DocumentKey key(Params p, boolean idRequired);

  @GET
  public Response get(@Context UriInfo uri, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), false);
    Params p = new Params(uri.getQueryParameters()).allowOnly(readParams, "GET " + kind);
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
    Params p = new Params(uri.getQueryParameters()).allowOnly(writeParams, "PUT " + kind);
    return documents.put(key(p, true), body, headers, caller, true);
  }

  @POST
  public Response post(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(writeParams, "POST " + kind);
    return documents.post(key(p, true), body, headers);
  }

  @DELETE
  public Response delete(@Context UriInfo uri, @Context HttpHeaders headers, @Context SecurityContext security) {
    documents.requireScope(Caller.of(security), true);
    Params p = new Params(uri.getQueryParameters()).allowOnly(writeParams, "DELETE " + kind);
    return documents.delete(key(p, true), headers);
  }
}
