package org.learntrace.lti;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * JAX-RS endpoints of the platform side, under {@code lti/platform}: {@code auth}, {@code jwks},
 * {@code token}, {@code deep-linking/return}, AGS under {@code ags/{context}/lineitems}, NRPS under
 * {@code nrps/{context}/memberships} and, when an {@link Lti11Platform} is given,
 * {@code lti11/outcomes}. Register an instance with any JAX-RS runtime.
 */
@Path("lti/platform")
public final class PlatformResource {
  private final LtiPlatform platform;
  private final Lti11Platform lti11;

  public PlatformResource(LtiPlatform platform) {
    this(platform, null);
  }

  public PlatformResource(LtiPlatform platform, Lti11Platform lti11) {
    this.platform = Objects.requireNonNull(platform, "platform");
    this.lti11 = lti11;
  }

  @GET
  @Path("auth")
  public Response authGet(@Context UriInfo uri, @Context HttpHeaders headers) {
    return auth(Http.single(uri.getQueryParameters()), headers);
  }

  @POST
  @Path("auth")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response authPost(@Context UriInfo uri, @Context HttpHeaders headers, MultivaluedMap<String, String> form) {
    return auth(Http.merged(uri.getQueryParameters(), form), headers);
  }

  private Response auth(Map<String, String> params, HttpHeaders headers) {
    try {
      return Http.html(platform.authorize(params, Http.cookies(headers).get(platform.sessionCookie())).page());
    } catch (LtiException e) {
      return Http.error(e);
    }
  }

  @GET
  @Path("jwks")
  public Response jwks() {
    return Response.ok(platform.publicJwks().toString(true), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("token")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response token(MultivaluedMap<String, String> form) {
    try {
      return Response.ok(platform.token(Http.single(form)), MediaType.APPLICATION_JSON_TYPE)
          .header("Cache-Control", "no-store").build();
    } catch (LtiException e) {
      int status = e.httpStatus() == 401 ? 401 : 400;
      return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
          .entity(Json.write(Map.of("error", LtiPlatform.oauthError(e), "error_description", e.getMessage()))).build();
    }
  }

  @POST
  @Path("deep-linking/return")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response deepLinkingReturn(MultivaluedMap<String, String> form) {
    try {
      LtiPlatform.DeepLinkingReturn r = platform.acceptDeepLinkingResponse(form.getFirst("JWT"));
      StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Content added</title>"
          + "</head><body><h1>Content added</h1><ul>");
      for (Map<String, Object> item : r.contentItems()) {
        Object title = item.get("title");
        b.append("<li>").append(Html.escape(title == null ? String.valueOf(item.get("type")) : title.toString())).append("</li>");
      }
      return Http.html(b.append("</ul></body></html>").toString());
    } catch (LtiException e) {
      return Http.error(e);
    }
  }

  @GET
  @Path("ags/{context}/lineitems")
  public Response lineItems(@PathParam("context") String context, @HeaderParam("Authorization") String auth,
      @Context UriInfo uri) {
    return answer(() -> platform.services().lineItems(auth, context, Http.single(uri.getQueryParameters())));
  }

  @POST
  @Path("ags/{context}/lineitems")
  public Response createLineItem(@PathParam("context") String context, @HeaderParam("Authorization") String auth,
      String body) {
    return answer(() -> platform.services().createLineItem(auth, context, body));
  }

  @GET
  @Path("ags/{context}/lineitems/{item}")
  public Response lineItem(@PathParam("context") String context, @PathParam("item") String item,
      @HeaderParam("Authorization") String auth) {
    return answer(() -> platform.services().lineItem(auth, context, item));
  }

  @PUT
  @Path("ags/{context}/lineitems/{item}")
  public Response updateLineItem(@PathParam("context") String context, @PathParam("item") String item,
      @HeaderParam("Authorization") String auth, String body) {
    return answer(() -> platform.services().updateLineItem(auth, context, item, body));
  }

  @DELETE
  @Path("ags/{context}/lineitems/{item}")
  public Response deleteLineItem(@PathParam("context") String context, @PathParam("item") String item,
      @HeaderParam("Authorization") String auth) {
    return answer(() -> platform.services().deleteLineItem(auth, context, item));
  }

  @POST
  @Path("ags/{context}/lineitems/{item}/scores")
  public Response score(@PathParam("context") String context, @PathParam("item") String item,
      @HeaderParam("Authorization") String auth, String body) {
    return answer(() -> platform.services().score(auth, context, item, body));
  }

  @GET
  @Path("ags/{context}/lineitems/{item}/results")
  public Response results(@PathParam("context") String context, @PathParam("item") String item,
      @HeaderParam("Authorization") String auth, @Context UriInfo uri) {
    return answer(() -> platform.services().results(auth, context, item, Http.single(uri.getQueryParameters())));
  }

  @GET
  @Path("nrps/{context}/memberships")
  public Response memberships(@PathParam("context") String context, @HeaderParam("Authorization") String auth,
      @Context UriInfo uri) {
    return answer(() -> platform.services().memberships(auth, context, Http.single(uri.getQueryParameters())));
  }

  @POST
  @Path("lti11/outcomes")
  public Response outcomes(@HeaderParam("Authorization") String auth, @Context UriInfo uri, byte[] body) {
    if (lti11 == null) {
      return Response.status(404).build();
    }
    try {
      String xml = lti11.basicOutcomes(uri.getRequestUri(), auth, body);
      return Response.ok(xml.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_XML_TYPE).build();
    } catch (LtiException e) {
      return Response.status(e.httpStatus()).type(MediaType.TEXT_PLAIN_TYPE).entity(e.getMessage()).build();
    }
  }

  private static Response answer(Supplier<PlatformServices.Answer> call) {
    try {
      PlatformServices.Answer a = call.get();
      Response.ResponseBuilder b = Response.status(a.status()).header("Cache-Control", "no-store");
      if (a.body() != null) {
        b.entity(a.body()).type(a.contentType());
      }
      if (a.link() != null) {
        b.header("Link", a.link());
      }
      return b.build();
    } catch (LtiException e) {
      return Http.error(e);
    }
  }
}
