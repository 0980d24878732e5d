package org.learntrace.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A teacher's browser, as far as LTI needs one: a cookie jar (the platform's session, the tool's
 * state cookie), redirects, and the auto-submitting {@code form_post} pages of OIDC. Every request
 * is kept in {@link #hops()} so the demo can show the flow it went through.
 */
final class TeacherBrowser {
  private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>",
      Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  private static final int MAX_HOPS = 10;

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
      .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final List<String> hops = new ArrayList<>();

  /** Each request made so far: method, path (no query) and status. */
  List<String> hops() {
    return List.copyOf(hops);
  }

  /** GETs {@code uri} and follows redirects and auto-submitting forms until a page waits for the teacher. */
  HttpResponse<String> navigate(URI uri) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri).GET());
    for (int i = 0; i < MAX_HOPS; i++) {
      int s = r.statusCode();
      if (s == 302 || s == 303) {
        String location = r.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new IllegalStateException("a " + s + " from " + r.uri().getPath() + " without Location");
        }
        r = send(HttpRequest.newBuilder(r.uri().resolve(location)).GET());
      } else if (s == 200 && r.body().contains("onload=\"document.forms[0].submit()\"")) {
        Matcher f = FORM.matcher(r.body());
        if (!f.find()) {
          throw new IllegalStateException("an auto-submitting page from " + r.uri().getPath() + " without a form");
        }
        r = submit(r.uri().resolve(unescape(f.group(1))), hiddenFields(f.group(2)));
      } else {
        return r;
      }
    }
    throw new IllegalStateException("more than " + MAX_HOPS + " redirects from " + uri);
  }

  /** POSTs {@code fields} as a form, as a browser submits one. */
  HttpResponse<String> submit(URI action, Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** The hidden fields of a form's body, in order. */
  static Map<String, String> hiddenFields(String formBody) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = HIDDEN.matcher(formBody);
    while (m.find()) {
      out.put(unescape(m.group(1)), unescape(m.group(2)));
    }
    return out;
  }

  static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest r = request.timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
      hops.add(r.method() + " " + r.uri().getPath() + " " + response.statusCode());
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(r.method() + " " + r.uri().getPath() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + r.method() + " " + r.uri().getPath(), e);
    }
  }
}
