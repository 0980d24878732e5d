package org.learntrace.lti;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small JAX-RS helpers shared by the resources. */
final class Http {
  private Http() {}

  static final MediaType HTML = MediaType.valueOf("text/html; charset=utf-8");

  static Map<String, String> single(MultivaluedMap<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m != null) {
      for (Map.Entry<String, java.util.List<String>> e : m.entrySet()) {
        if (!e.getValue().isEmpty()) {
          out.put(e.getKey(), e.getValue().get(0));
        }
      }
    }
    return out;
  }

  static Map<String, String> merged(MultivaluedMap<String, String> query, MultivaluedMap<String, String> form) {
    Map<String, String> out = single(query);
    out.putAll(single(form));
    return out;
  }

  static Map<String, String> cookies(HttpHeaders headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Cookie> c : headers.getCookies().entrySet()) {
      out.put(c.getKey(), c.getValue().getValue());
    }
    return out;
  }

  static String setCookie(String name, String value, Duration maxAge, boolean secure) {
    return name + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly"
        + (secure ? "; Secure; SameSite=None" : "; SameSite=Lax");
  }

  static Response error(LtiException e) {
    return Response.status(e.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .entity(Json.write(Map.of("error", e.rule(), "message", e.getMessage()))).build();
  }

  static Response html(String page) {
    return Response.ok(page, HTML).header("Cache-Control", "no-store").build();
  }
}
