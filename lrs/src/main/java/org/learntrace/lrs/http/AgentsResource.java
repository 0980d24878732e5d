package org.learntrace.lrs.http;

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
import org.learntrace.xapi.Actor;

/**
 * The Agents Resource: the Person object for an agent. This LRS keeps no identities beyond what
 * the request names, so the Person holds the agent's own identifiers.
 */
@Path("agents")
public final class AgentsResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LrsContext lrs;

  AgentsResource(LrsContext lrs) {
    this.lrs = lrs;
  }

  @GET
  public Response get(@Context UriInfo uri, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    if (!caller.credential().hasAny(Scope.ALL, Scope.ALL_READ, Scope.STATEMENTS_READ, Scope.DEFINE, Scope.PROFILE, Scope.STATE)) {
      throw new LrsException(403, "credential " + caller.credential().username() + " may not read agents");
    }
    Params p = new Params(uri.getQueryParameters()).allowOnly(Set.of("agent"), "GET agents");
    Actor agent = Params.actor("agent", p.required("agent"));
    ObjectNode person = JSON.createObjectNode();
    person.put("objectType", "Person");
    if (agent.name() != null) {
      person.putArray("name").add(agent.name());
    }
    if (agent.mbox() != null) {
      person.putArray("mbox").add(agent.mbox());
    }
    if (agent.mboxSha1sum() != null) {
      person.putArray("mbox_sha1sum").add(agent.mboxSha1sum());
    }
    if (agent.openid() != null) {
      person.putArray("openid").add(agent.openid());
    }
    if (agent.account() != null) {
      ObjectNode account = person.putArray("account").addObject();
      account.put("homePage", agent.account().homePage());
      account.put("name", agent.account().name());
    }
    return Response.ok(person.toString(), "application/json; charset=UTF-8")
        .header("Last-Modified", HttpDates.http(lrs.clock().millis()))
        .build();
  }
}
