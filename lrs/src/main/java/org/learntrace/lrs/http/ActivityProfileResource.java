package org.learntrace.lrs.http;

import jakarta.ws.rs.Path;
import org.learntrace.lrs.spi.DocumentKey;

/** The Activity Profile Resource: documents about an activity. */
@Path("activities/profile")
public final class ActivityProfileResource extends ProfileResource {

  ActivityProfileResource(LrsContext lrs) {
    super(lrs, "activity profile", "activityId");
  }

  @Override
  DocumentKey key(Params p, boolean idRequired) {
    String activityId = p.iri("activityId", true);
    String profileId = idRequired ? p.required("profileId") : p.optional("profileId");
    return new DocumentKey(DocumentKey.Type.ACTIVITY_PROFILE, activityId, "", "", profileId);
  }
}
