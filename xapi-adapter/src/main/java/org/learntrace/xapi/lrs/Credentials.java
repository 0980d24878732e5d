package org.learntrace.xapi.lrs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** How the client authenticates to an LRS: HTTP Basic, or OAuth 2 client credentials. */
public sealed interface Credentials {
  /** HTTP Basic with a key and secret. */
  static Credentials basic(String username, String password) {
    return new Basic(username, password);
  }

  /** OAuth 2 client credentials grant against {@code tokenEndpoint}; {@code scope} may be null. */
  static Credentials oauth2(URI tokenEndpoint, String clientId, String clientSecret, String scope) {
    return new OAuth2(tokenEndpoint, clientId, clientSecret, scope);
  }

  /**
   * HTTP Basic credentials.
   *
   * @param username the key
   * @param password the secret
   */
  record Basic(String username, String password) implements Credentials {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    String header() {
      return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Basic[" + username + ", ****]";
    }
  }

  /**
   * OAuth 2 client credentials.
   *
   * @param tokenEndpoint where to get tokens
   * @param clientId the client id
   * @param clientSecret the client secret, sent with HTTP Basic to the token endpoint
   * @param scope the scope to ask for, or null
   */
  record OAuth2(URI tokenEndpoint, String clientId, String clientSecret, String scope) implements Credentials {
    public OAuth2 {
      Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
      return "OAuth2[" + tokenEndpoint + ", " + clientId + ", ****]";
    }
  }
}
