package org.learntrace.lti;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * JAX-RS endpoints of the tool side, under {@code lti/tool}: {@code login} (OIDC login initiation),
 * {@code launch} (the redirect URI), {@code jwks}, {@code register} (Dynamic Registration) and, when
 * an {@link Lti11Tool} is given, {@code lti11/launch}. Register an instance with any JAX-RS runtime.
 */
@Path("lti/tool")
public final class ToolResource {
  private final LtiTool tool;
  private final Function<LtiLaunch, Response> onLaunch;
  private final Lti11Tool lti11;
  private final Function<Lti11Tool.Lti11Launch, Response> onLti11Launch;
  private final boolean secureCookies;

  /**
   * @param onLaunch answers a validated launch (show the activity, or a deep-linking picker)
   * @param secureCookies {@code Secure; SameSite=None} state cookies, as browsers need in iframes
   *     over HTTPS; false only for plain-HTTP development
   */
  public ToolResource(LtiTool tool, Function<LtiLaunch, Response> onLaunch, boolean secureCookies) {
    this(tool, onLaunch, null, null, secureCookies);
  }

  /** With LTI 1.1 launches too. */
  public ToolResource(LtiTool tool, Function<LtiLaunch, Response> onLaunch, Lti11Tool lti11,
      Function<Lti11Tool.Lti11Launch, Response> onLti11Launch, boolean secureCookies) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.onLaunch = Objects.requireNonNull(onLaunch, "onLaunch");
    this.lti11 = lti11;
    this.onLti11Launch = onLti11Launch;
    this.secureCookies = secureCookies;
  }

  @GET
  @Path("login")
  public Response loginGet(@Context UriInfo uri) {
    return login(Http.single(uri.getQueryParameters()));
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response loginPost(@Context UriInfo uri, MultivaluedMap<String, String> form) {
    return login(Http.merged(uri.getQueryParameters(), form));
  }

  private Response login(java.util.Map<String, String> params) {
    try {
      LtiTool.LoginRedirect r = tool.login(params);
      String cookie = Http.setCookie(r.cookieName(), r.cookieValue(), r.cookieMaxAge(), secureCookies);
      if (r.usesPlatformStorage()) {
        return Response.ok(r.platformStoragePage(), Http.HTML).header("Set-Cookie", cookie)
            .header("Cache-Control", "no-store").build();
      }
      return Response.status(302).location(r.authorizationRequest()).header("Set-Cookie", cookie)
          .header("Cache-Control", "no-store").build();
    } catch (LtiException e) {
      return Http.error(e);
    }
  }

  @POST
  @Path("launch")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response launch(@Context HttpHeaders headers, MultivaluedMap<String, String> form) {
    try {
      LtiTool.LaunchResult r = tool.launch(Http.single(form), Http.cookies(headers));
      if (r instanceof LtiTool.PlatformStorageCheck check) {
        return Http.html(check.page());
      }
      LtiTool.Launched done = (LtiTool.Launched) r;
      Response answer = onLaunch.apply(done.launch());
      return Response.fromResponse(answer)
          .header("Set-Cookie", Http.setCookie(done.usedCookieName(), "", Duration.ZERO, secureCookies)).build();
    } catch (LtiException e) {
      return Http.error(e);
    }
  }

  @GET
  @Path("jwks")
  @Produces(MediaType.APPLICATION_JSON)
  public Response jwks() {
    return Response.ok(tool.publicJwks().toString(true), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("register")
  public Response register(@QueryParam("openid_configuration") String configuration,
      @QueryParam("registration_token") String token) {
    try {
      if (configuration == null) {
        throw new LtiException("openid_configuration_missing", "the registration request has no openid_configuration");
      }
      PlatformRegistration reg = tool.registerWith(LtiTool.parseUri(configuration, "openid_configuration"), token);
      return Http.html("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Registered</title></head><body>"
          + "<p>Registered with " + Html.escape(reg.issuer()) + ".</p><script>(window.opener||window.parent)"
          + ".postMessage({subject:'org.imsglobal.lti.close'},'*');</script></body></html>");
    } catch (LtiException e) {
      return Http.error(e);
    }
  }

  @POST
  @Path("lti11/launch")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response lti11Launch(@Context UriInfo uri, MultivaluedMap<String, String> form) {
    if (lti11 == null) {
      return Response.status(404).build();
    }
    try {
      URI requestUrl = uri.getRequestUri();
      return onLti11Launch.apply(lti11.validateLaunch("POST", requestUrl, form));
    } catch (LtiException e) {
      return Http.error(e);
    }
  }
}
