package org.learntrace.lrs.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The About Resource: the xAPI versions this LRS speaks. Answers without authentication. */
@Path("about")
public final class AboutResource {
  static final String ABOUT = "{\"version\":[\"1.0.0\",\"1.0.1\",\"1.0.2\",\"1.0.3\",\"2.0.0\"],"
      + "\"extensions\":{\"https://learntrace.org/xapi/lrs\":{\"name\":\"LearnTrace LRS\"}}}";
  private final LrsContext lrs;

  AboutResource(LrsContext lrs) {
    this.lrs = lrs;
  }

  @GET
  public Response get(@Context UriInfo uri) {
    if (!uri.getQueryParameters().isEmpty()) {
      throw LrsException.badRequest("about takes no parameters, got " + uri.getQueryParameters().keySet());
    }
    return Response.ok(ABOUT, "application/json; charset=UTF-8")
        .header("Last-Modified", HttpDates.http(lrs.clock().millis()))
        .build();
  }
}
