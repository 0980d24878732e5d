package org.learntrace.lrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client of an xAPI endpoint for tests: Basic auth and the version header on every request. */
final class XapiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI base;
  private final String authorization;
  private final String version;

  XapiClient(URI base, String user, String password, String version) {
    this(base, user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), version);
  }

  private XapiClient(URI base, String authorization, String version) {
    this.base = base;
    this.authorization = authorization;
    this.version = version;
  }

  XapiClient as(Credential c) {
    return new XapiClient(base, c.username(), c.password(), version);
  }

  XapiClient as(String user, String password) {
    return new XapiClient(base, user, password, version);
  }

  /** This client with another version header; null sends none. */
  XapiClient version(String newVersion) {
    return new XapiClient(base, authorization, newVersion);
  }

  /** The result of one exchange. */
  record Reply(int status, Map<String, String> headers, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body(), e);
      }
    }

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }

  static String query(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    params.forEach((k, v) -> b.append(b.length() == 0 ? "?" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return b.toString();
  }

  static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  Reply send(String method, String pathAndQuery, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (version != null) {
      b.header("X-Experience-API-Version", version);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> h = new LinkedHashMap<>();
      r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
      return new Reply(r.statusCode(), h, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, null, null, headers);
  }

  Reply postJson(String path, String json, String... headers) {
    return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }

  Reply putJson(String path, String json, String... headers) {
    return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
  }
}
