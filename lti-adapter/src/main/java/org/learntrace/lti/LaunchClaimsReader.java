package org.learntrace.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the typed {@link LtiLaunch} out of an id_token's claims; every rule names its claim. */
final class LaunchClaimsReader {
  private LaunchClaimsReader() {}

  static LtiLaunch read(JWTClaimsSet claims, String clientId, LtiLaunch.Lti11Migration lti11) {
    Map<String, Object> c = claims.toJSONObject();
    String messageType = string(c, LtiClaims.MESSAGE_TYPE);
    LtiLaunch.ResourceLink link = null;
    Map<String, Object> rl = map(c, LtiClaims.RESOURCE_LINK);
    if (rl != null) {
      link = new LtiLaunch.ResourceLink(string(rl, "id"), string(rl, "title"), string(rl, "description"));
    }
    LtiLaunch.Context context = null;
    Map<String, Object> ctx = map(c, LtiClaims.CONTEXT);
    if (ctx != null) {
      context = new LtiLaunch.Context(string(ctx, "id"), string(ctx, "label"), string(ctx, "title"), strings(ctx, "type"));
    }
    LtiLaunch.AgsEndpoint ags = null;
    Map<String, Object> a = map(c, LtiClaims.AGS_ENDPOINT);
    if (a != null) {
      ags = new LtiLaunch.AgsEndpoint(strings(a, "scope"), uri(a, "lineitems"), uri(a, "lineitem"));
    }
    LtiLaunch.NrpsEndpoint nrps = null;
    Map<String, Object> n = map(c, LtiClaims.NRPS);
    if (n != null) {
      nrps = new LtiLaunch.NrpsEndpoint(uri(n, "context_memberships_url"), strings(n, "service_versions"));
    }
    LtiLaunch.DeepLinkingSettings dl = null;
    Map<String, Object> d = map(c, LtiClaims.DL_SETTINGS);
    if (d != null) {
      dl = new LtiLaunch.DeepLinkingSettings(uri(d, "deep_link_return_url"), strings(d, "accept_types"),
          Boolean.TRUE.equals(d.get("accept_multiple")), string(d, "data"));
    }
    Map<String, Object> custom = map(c, LtiClaims.CUSTOM);
    LtiLaunch.Person person = new LtiLaunch.Person(string(c, "name"), string(c, "given_name"),
        string(c, "family_name"), string(c, "email"), uri(c, "picture"));
    return new LtiLaunch(claims.getIssuer(), clientId, string(c, LtiClaims.DEPLOYMENT_ID), claims.getSubject(),
        messageType, uri(c, LtiClaims.TARGET_LINK_URI), link, context, strings(c, LtiClaims.ROLES),
        custom == null ? Map.of() : withoutNulls(custom), ags, nrps, dl, lti11, person,
        string(c, "nonce"));
  }

  /** The custom claim without JSON null values (a null custom parameter is an absent one). */
  private static Map<String, Object> withoutNulls(Map<String, Object> custom) {
    Map<String, Object> out = new LinkedHashMap<>();
    custom.forEach((k, v) -> {
      if (k != null && v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw new LtiException("claim_type", "claim " + key + " must be a string");
  }

  /** A claim that must be a JSON string when present (identifiers, values rules compare); null when absent. */
  static String requiredString(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw new LtiException("claim_type", "claim " + key + " must be a string");
  }

  /** True for an absolute http or https URL with a host. */
  static boolean isAbsoluteHttpUrl(String s) {
    try {
      URI u = new URI(s);
      return u.getScheme() != null && (u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"))
          && u.getHost() != null && !u.getHost().isEmpty();
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> mm) {
      return (Map<String, Object>) mm;
    }
    throw new LtiException("claim_type", "claim " + key + " must be a JSON object");
  }

  static List<String> strings(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>(l.size());
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw new LtiException("claim_type", "claim " + key + " must be an array of strings");
        }
        out.add(s);
      }
      return List.copyOf(out);
    }
    throw new LtiException("claim_type", "claim " + key + " must be an array of strings");
  }

  static URI uri(Map<String, Object> m, String key) {
    String s = string(m, key);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new LtiException("claim_type", "claim " + key + " is not a URI");
    }
  }
}
