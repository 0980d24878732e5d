package org.learntrace.lti;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the browser: a cookie jar, redirects, and auto-submitting form_post pages (the page's first
 * form is submitted when the body has {@code onload} submit or a script calling {@code submit()}).
 */
final class Browser {
  private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>",
      Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern INPUT = Pattern.compile("<input[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTR = Pattern.compile("(name|value)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

  HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build());
  }

  HttpResponse<String> post(URI uri, Map<String, String> form) {
    return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
  }

  /** GETs {@code uri} and follows redirects and auto-submitting forms until a page needs a human. */
  HttpResponse<String> navigate(URI uri) {
    return follow(get(uri));
  }

  HttpResponse<String> follow(HttpResponse<String> r) {
    for (int hops = 0; hops < 20; hops++) {
      int s = r.statusCode();
      if (s == 301 || s == 302 || s == 303 || s == 307) {
        r = get(r.uri().resolve(r.headers().firstValue("Location").orElseThrow()));
        continue;
      }
      String body = r.body();
      if (s == 200 && body != null && (body.contains(".submit()")
          || body.contains("onload=\"document"))) {
        Matcher f = FORM.matcher(body);
        if (f.find() && !body.contains("lti.get_data")) {
          r = post(r.uri().resolve(unescape(f.group(1))), inputs(f.group(2)));
          continue;
        }
      }
      return r;
    }
    throw new IllegalStateException("more than 20 hops");
  }

  static Map<String, String> inputs(String formBody) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher i = INPUT.matcher(formBody);
    while (i.find()) {
      String name = null;
      String value = "";
      Matcher a = ATTR.matcher(i.group());
      while (a.find()) {
        if (a.group(1).equalsIgnoreCase("name")) {
          name = unescape(a.group(2));
        } else {
          value = unescape(a.group(2));
        }
      }
      if (name != null) {
        out.put(name, value);
      }
    }
    return out;
  }

  static Map<String, String> firstForm(String page) {
    Matcher f = FORM.matcher(page);
    if (!f.find()) {
      throw new IllegalStateException("no form in page");
    }
    return inputs(f.group(2));
  }

  static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&#x2F;", "/").replace("&#x3D;", "=").replace("&amp;", "&");
  }

  static String encode(Map<String, String> form) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
