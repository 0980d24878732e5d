package org.learntrace.lrs.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.Clock;
import org.learntrace.xapi.XapiVersion;

/** Adds the xAPI version header and the CORS headers to every response. */
public final class ResponseHeadersFilter implements ContainerResponseFilter {
  private final XapiVersion defaultVersion;
  private final Clock clock;

  ResponseHeadersFilter(XapiVersion defaultVersion, Clock clock) {
    this.defaultVersion = defaultVersion;
    this.clock = clock;
  }

  static final String EXPOSED = "ETag, Last-Modified, Content-Type, Content-Length, X-Experience-API-Version, "
      + "X-Experience-API-Consistent-Through, WWW-Authenticate";
  static final String ALLOWED = "Authorization, Content-Type, Content-Length, If-Match, If-None-Match, "
      + "X-Experience-API-Version, Accept-Language";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object version = request.getProperty(AccessFilter.VERSION_PROPERTY);
    response.getHeaders().putSingle(AccessFilter.VERSION_HEADER,
        version instanceof XapiVersion v ? v.text() : defaultVersion.text());
    long now = clock.millis();
    response.getHeaders().putSingle("Date", HttpDates.http(now));
    String path = request.getUriInfo().getPath();
    if (path.startsWith("statements") && !response.getHeaders().containsKey("X-Experience-API-Consistent-Through")) {
      // Every statement write is committed before its response, so everything stored until now is visible.
      response.getHeaders().putSingle("X-Experience-API-Consistent-Through", HttpDates.xapi(now));
    }
    String origin = request.getHeaderString("Origin");
    response.getHeaders().putSingle("Access-Control-Allow-Origin", origin == null ? "*" : origin);
    response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSED);
    if (origin != null) {
      response.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
      response.getHeaders().add("Vary", "Origin");
    }
    if (request.getMethod().equals("OPTIONS")) {
      response.getHeaders().putSingle("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE, OPTIONS");
      response.getHeaders().putSingle("Access-Control-Allow-Headers", ALLOWED);
      response.getHeaders().putSingle("Access-Control-Max-Age", "86400");
    }
  }
}
