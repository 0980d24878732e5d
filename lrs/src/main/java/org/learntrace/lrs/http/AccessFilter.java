package org.learntrace.lrs.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.learntrace.lrs.Credential;
import org.learntrace.xapi.XapiVersion;

/**
 * Authenticates every request but {@code GET /about} and CORS preflights with HTTP Basic, and
 * requires a supported {@code X-Experience-API-Version} header.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AccessFilter implements ContainerRequestFilter {
  static final String VERSION_PROPERTY = "org.learntrace.lrs.version";
  static final String VERSION_HEADER = "X-Experience-API-Version";

  private final List<Credential> credentials;

  AccessFilter(List<Credential> credentials) {
    this.credentials = List.copyOf(credentials);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getMethod().equals("OPTIONS")) {
      return;
    }
    String path = request.getUriInfo().getPath();
    String versionText = request.getHeaderString(VERSION_HEADER);
    XapiVersion version = parseVersion(versionText);
    if (version != null) {
      request.setProperty(VERSION_PROPERTY, version);
    }
    if (path.equals("about") || path.equals("about/")) {
      return;
    }
    Credential credential = authenticate(request.getHeaderString("Authorization"));
    if (versionText == null) {
      throw new LrsException(400, "the X-Experience-API-Version header is required (1.0.3 or 2.0.0)");
    }
    if (version == null) {
      throw new LrsException(400, "unsupported X-Experience-API-Version \"" + versionText
          + "\": this LRS speaks 1.0.x (as 1.0.3) and 2.0.x (as 2.0.0)");
    }
    request.setSecurityContext(new Caller(credential, version).asSecurityContext());
  }

  static XapiVersion parseVersion(String text) {
    if (text == null) {
      return null;
    }
    try {
      return XapiVersion.parse(text.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Credential authenticate(String header) {
    if (header == null || header.isBlank()) {
      throw unauthorized("authentication required: send HTTP Basic credentials in the Authorization header");
    }
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw unauthorized("unsupported authorization scheme: this LRS accepts HTTP Basic only");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw unauthorized("malformed Basic credentials: not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw unauthorized("malformed Basic credentials: expected user:password");
    }
    String user = decoded.substring(0, colon);
    byte[] password = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    for (Credential c : credentials) {
      if (c.username().equals(user)
          && MessageDigest.isEqual(c.password().getBytes(StandardCharsets.UTF_8), password)) {
        return c;
      }
    }
    throw unauthorized("unknown user or wrong password");
  }

  private static LrsException unauthorized(String message) {
    return new LrsException(401, message, List.of(), Map.of("WWW-Authenticate", "Basic realm=\"xAPI\""));
  }
}
