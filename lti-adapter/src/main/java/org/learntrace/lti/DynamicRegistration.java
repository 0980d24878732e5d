package org.learntrace.lti;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tool side of LTI Dynamic Registration 1.0. */
final class DynamicRegistration {
  private final HttpClient http;
  private final PlatformRegistry platforms;
  private final URI loginUrl;
  private final URI launchUrl;
  private final URI jwksUrl;
  private final String name;

  DynamicRegistration(HttpClient http, PlatformRegistry platforms, URI loginUrl, URI launchUrl, URI jwksUrl, String name) {
    this.http = http;
    this.platforms = platforms;
    this.loginUrl = loginUrl;
    this.launchUrl = launchUrl;
    this.jwksUrl = jwksUrl;
    this.name = name;
  }

  PlatformRegistration register(URI openidConfiguration, String registrationToken) {
    if (loginUrl == null || jwksUrl == null) {
      throw new IllegalStateException("Dynamic Registration needs the tool's login and JWKS URLs: set Builder.endpoints");
    }
    Map<String, Object> config = Json.readMap(send(HttpRequest.newBuilder(openidConfiguration)
        .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build()).body());
    String issuer = LaunchClaimsReader.string(config, "issuer");
    if (issuer == null || !issuerIsPrefixOf(issuer, openidConfiguration)) {
      throw new LtiException("issuer_not_prefix", "openid_configuration issuer " + issuer + " is not a prefix of "
          + openidConfiguration);
    }
    URI registrationEndpoint = LaunchClaimsReader.uri(config, "registration_endpoint");
    URI authorization = LaunchClaimsReader.uri(config, "authorization_endpoint");
    URI token = LaunchClaimsReader.uri(config, "token_endpoint");
    URI jwks = LaunchClaimsReader.uri(config, "jwks_uri");
    if (registrationEndpoint == null || authorization == null || jwks == null) {
      throw new LtiException("openid_configuration_incomplete",
          "openid_configuration needs registration_endpoint, authorization_endpoint and jwks_uri");
    }
    for (URI u : List.of(registrationEndpoint, authorization, jwks)) {
      if (!LtiTool.origin(u).equals(LtiTool.origin(openidConfiguration)) && !"https".equals(u.getScheme())) {
        throw new LtiException("openid_configuration_insecure", u + " is neither https nor on the configuration's origin");
      }
    }
    Map<String, Object> toolConfig = new LinkedHashMap<>();
    toolConfig.put("domain", launchUrl.getHost() + (launchUrl.getPort() == -1 ? "" : ":" + launchUrl.getPort()));
    toolConfig.put("target_link_uri", launchUrl.toString());
    toolConfig.put("claims", List.of("iss", "sub"));
    toolConfig.put("messages", List.of(Map.of("type", LtiClaims.DEEP_LINKING_REQUEST, "target_link_uri", launchUrl.toString()),
        Map.of("type", LtiClaims.RESOURCE_LINK_REQUEST, "target_link_uri", launchUrl.toString())));
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("application_type", "web");
    client.put("response_types", List.of("id_token"));
    client.put("grant_types", List.of("implicit", "client_credentials"));
    client.put("initiate_login_uri", loginUrl.toString());
    client.put("redirect_uris", List.of(launchUrl.toString()));
    client.put("client_name", name);
    client.put("jwks_uri", jwksUrl.toString());
    client.put("token_endpoint_auth_method", "private_key_jwt");
    client.put("scope", String.join(" ", ToolRegistration.allAdvantageScopes()));
    client.put("https://purl.imsglobal.org/spec/lti-tool-configuration", toolConfig);
    HttpRequest.Builder post = HttpRequest.newBuilder(registrationEndpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(client)));
    if (registrationToken != null && !registrationToken.isEmpty()) {
      post.header("Authorization", "Bearer " + registrationToken);
    }
    HttpResponse<String> r = send(post.build());
    if (r.statusCode() / 100 != 2) {
      throw new LtiException("registration_refused", "registration endpoint answered " + r.statusCode());
    }
    Map<String, Object> answer = Json.readMap(r.body());
    String clientId = LaunchClaimsReader.string(answer, "client_id");
    if (clientId == null) {
      throw new LtiException("registration_refused", "registration answer has no client_id");
    }
    Map<String, Object> ltiConfig = LaunchClaimsReader.map(answer, "https://purl.imsglobal.org/spec/lti-tool-configuration");
    String deployment = ltiConfig == null ? null : LaunchClaimsReader.string(ltiConfig, "deployment_id");
    PlatformRegistration reg = new PlatformRegistration(issuer, clientId, authorization, token, jwks,
        deployment == null ? Set.of() : Set.of(deployment));
    platforms.save(reg);
    return reg;
  }

  /** Same scheme, host and port, and the issuer's path is a whole-segment prefix of the URL's path. */
  static boolean issuerIsPrefixOf(String issuer, URI url) {
    URI iss;
    try {
      iss = new URI(issuer);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
    if (iss.getScheme() == null || iss.getHost() == null || !LtiTool.origin(iss).equalsIgnoreCase(LtiTool.origin(url))) {
      return false;
    }
    String issPath = iss.getPath() == null ? "" : iss.getPath();
    if (issPath.endsWith("/")) {
      issPath = issPath.substring(0, issPath.length() - 1);
    }
    String path = url.getPath() == null ? "" : url.getPath();
    return path.equals(issPath) || path.startsWith(issPath + "/");
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LtiException("registration_unreachable", r.method() + " " + r.uri() + " failed", 502, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LtiException("registration_unreachable", "interrupted", 502, e);
    }
  }
}
