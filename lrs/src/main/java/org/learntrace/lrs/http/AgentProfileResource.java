package org.learntrace.lrs.http;

import jakarta.ws.rs.Path;
import org.learntrace.lrs.spi.DocumentKey;

/** The Agent Profile Resource: documents about an agent. */
@Path("agents/profile")
public final class AgentProfileResource extends ProfileResource {

  AgentProfileResource(LrsContext lrs) {
    super(lrs, "agent profile", "agent");
  }

  @Override
  DocumentKey key(Params p, boolean idRequired) {
    String agent = p.agentKey("agent", true);
    String profileId = idRequired ? p.required("profileId") : p.optional("profileId");
    return new DocumentKey(DocumentKey.Type.AGENT_PROFILE, "", agent, "", profileId);
  }
}
