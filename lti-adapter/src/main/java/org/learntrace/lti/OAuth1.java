package org.learntrace.lti;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a (RFC 5849) signatures as LTI 1.1 uses them: HMAC-SHA1 and HMAC-SHA256 over the
 * signature base string, and the {@code oauth_body_hash} extension for Basic Outcomes.
 */
final class OAuth1 {
  static final String HMAC_SHA1 = "HMAC-SHA1";
  static final String HMAC_SHA256 = "HMAC-SHA256";

  private OAuth1() {}

  /** RFC 5849 §3.6: every byte except ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX (upper-case hex). */
  static String encode(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length * 3);
    for (byte raw : bytes) {
      int c = raw & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  /** RFC 5849 §3.4.1.2: lower-case scheme and host, default port dropped, no query or fragment. */
  static String baseUri(URI u) {
    if (u.getScheme() == null || u.getHost() == null) {
      throw LtiException.unauthorized("url_invalid", "the request URL is not an absolute URL with a host");
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost().toLowerCase(Locale.ROOT);
    int port = u.getPort();
    boolean dflt = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    return scheme + "://" + host + (dflt ? "" : ":" + port) + path;
  }

  /** Query parameters of {@code u}, decoded as application/x-www-form-urlencoded (RFC 5849 §3.4.1.3.1). */
  static List<Map.Entry<String, String>> queryParams(URI u) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    String q = u.getRawQuery();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(Map.entry(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)));
    }
    return out;
  }

  /**
   * RFC 5849 §3.4.1: METHOD &amp; encode(base URI) &amp; encode(normalised parameters), where the
   * parameters are the URL's query, the form body and the oauth_* protocol parameters, except
   * {@code oauth_signature} and {@code realm}.
   */
  static String baseString(String method, URI url, List<Map.Entry<String, String>> params) {
    List<String[]> enc = new ArrayList<>();
    List<Map.Entry<String, String>> all = new ArrayList<>(queryParams(url));
    all.addAll(params);
    for (Map.Entry<String, String> p : all) {
      if (p.getKey().equals("oauth_signature") || p.getKey().equals("realm")) {
        continue;
      }
      enc.add(new String[] {encode(p.getKey()), encode(p.getValue() == null ? "" : p.getValue())});
    }
    enc.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder normalized = new StringBuilder();
    for (String[] p : enc) {
      if (normalized.length() > 0) {
        normalized.append('&');
      }
      normalized.append(p[0]).append('=').append(p[1]);
    }
    return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(url)) + "&" + encode(normalized.toString());
  }

  static String sign(String method, String baseString, String consumerSecret, String tokenSecret) {
    String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
    String alg = switch (method) {
      case HMAC_SHA1 -> "HmacSHA1";
      case HMAC_SHA256 -> "HmacSHA256";
      default -> throw new LtiException("signature_method_unsupported", "oauth_signature_method " + method
          + " is not HMAC-SHA1 or HMAC-SHA256");
    };
    try {
      Mac mac = Mac.getInstance(alg);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), alg));
      return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** oauth_body_hash: base64 of the body's SHA-1 (HMAC-SHA1) or SHA-256 (HMAC-SHA256) digest. */
  static String bodyHash(String signatureMethod, byte[] body) {
    try {
      String digest = HMAC_SHA256.equals(signatureMethod) ? "SHA-256" : "SHA-1";
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance(digest).digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses {@code Authorization: OAuth k="v", ...} (values percent-decoded). */
  static Map<String, String> parseAuthorization(String header) {
    if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
      throw LtiException.unauthorized("oauth_header_missing", "no OAuth Authorization header");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : header.substring(6).split(",")) {
      String p = part.trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String k = p.substring(0, eq).trim();
      String v = p.substring(eq + 1).trim();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      try {
        out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw LtiException.unauthorized("oauth_header_malformed", "a parameter of the OAuth Authorization header has a"
            + " malformed percent-escape");
      }
    }
    return out;
  }

  static String authorizationHeader(Map<String, String> oauth) {
    StringBuilder b = new StringBuilder("OAuth ");
    boolean first = true;
    for (Map.Entry<String, String> e : oauth.entrySet()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(encode(e.getKey())).append("=\"").append(encode(e.getValue())).append('"');
    }
    return b.toString();
  }
}
