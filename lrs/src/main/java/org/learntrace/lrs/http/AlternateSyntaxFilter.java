package org.learntrace.lrs.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.learntrace.xapi.XapiVersion;

/**
 * The xAPI 1.0.3 alternate request syntax (Communication §1.3): {@code POST ...?method=PUT} with
 * the headers, the content and the parameters in a form body is rewritten into the request it
 * stands for before anything else sees it. xAPI 2.0.0 removed the syntax: there it is rejected.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class AlternateSyntaxFilter implements ContainerRequestFilter {
  private static final Set<String> HEADERS = Set.of(
      "authorization", "x-experience-api-version", "content-type", "content-length", "if-match", "if-none-match");
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE");

  @Override
  public void filter(ContainerRequestContext request) {
    var query = request.getUriInfo().getQueryParameters();
    if (!query.containsKey("method")) {
      return;
    }
    XapiVersion headerVersion = AccessFilter.parseVersion(request.getHeaderString(AccessFilter.VERSION_HEADER));
    if (headerVersion == XapiVersion.V2_0_0) {
      throw LrsException.badRequest("the alternate request syntax (method parameter) is not supported in xAPI 2.0.0");
    }
    if (!request.getMethod().equals("POST")) {
      throw LrsException.badRequest("the alternate request syntax requires POST, was " + request.getMethod());
    }
    if (query.size() != 1 || query.get("method").size() != 1) {
      throw LrsException.badRequest("with the alternate request syntax the only query parameter allowed is method;"
          + " send the others in the form body");
    }
    String method = query.getFirst("method").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw LrsException.badRequest("alternate request syntax: unsupported method \"" + query.getFirst("method") + "\"");
    }
    String type = request.getHeaderString("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw LrsException.badRequest("the alternate request syntax requires Content-Type application/x-www-form-urlencoded");
    }
    Map<String, String> form = parseForm(read(request));
    StringBuilder query2 = new StringBuilder();
    String content = null;
    String contentType = null;
    request.getHeaders().remove("Content-Type");
    request.getHeaders().remove("Content-Length");
    for (Map.Entry<String, String> e : form.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (key.equals("content")) {
        content = e.getValue();
      } else if (key.equals("content-type")) {
        contentType = e.getValue();
      } else if (HEADERS.contains(key)) {
        if (!key.equals("content-length")) {
          setHeader(request, e.getKey(), e.getValue());
        }
      } else {
        query2.append(query2.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      }
    }
    XapiVersion formVersion = AccessFilter.parseVersion(request.getHeaderString(AccessFilter.VERSION_HEADER));
    if (formVersion == XapiVersion.V2_0_0) {
      throw LrsException.badRequest("the alternate request syntax (method parameter) is not supported in xAPI 2.0.0");
    }
    request.setRequestUri(request.getUriInfo().getBaseUri(), request.getUriInfo().getRequestUriBuilder()
        .replaceQuery(query2.length() == 0 ? null : query2.toString()).build());
    request.setMethod(method);
    byte[] body = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
    if (content != null) {
      setHeader(request, "Content-Type", contentType == null ? "application/json" : contentType);
    }
    setHeader(request, "Content-Length", Integer.toString(body.length));
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private static String read(ContainerRequestContext request) {
    try {
      return new String(request.getEntityStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces a header; the JDK container's header lists are unmodifiable, so the list is swapped whole. */
  private static void setHeader(ContainerRequestContext request, String name, String value) {
    request.getHeaders().remove(name);
    request.getHeaders().put(name, new ArrayList<>(List.of(value)));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), pair);
      form.put(key, value);
    }
    return form;
  }

  /** URL-decodes one half of a form field, refusing malformed %-escapes with a 400 naming the field. */
  private static String decode(String s, String pair) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      String shown = pair.length() > 100 ? pair.substring(0, 100) + "..." : pair;
      throw LrsException.badRequest("alternate request syntax: form field \"" + shown + "\" is not valid URL encoding ("
          + e.getMessage() + "); a % must be followed by two hex digits");
    }
  }
}
