package org.learntrace.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claims a platform writes into id_tokens (person, resource link, context) and reads from a
 * deep-linking response (content items).
 */
final class LaunchClaimMaps {
  private LaunchClaimMaps() {}

  /** The OIDC person claims, each only when known; the tool shows them, research never sees them. */
  static void putPerson(JWTClaimsSet.Builder c, LtiLaunch.Person p) {
    if (p == null) {
      return;
    }
    putIfNotNull(c, "name", p.name());
    putIfNotNull(c, "given_name", p.givenName());
    putIfNotNull(c, "family_name", p.familyName());
    putIfNotNull(c, "email", p.email());
    putIfNotNull(c, "picture", p.picture() == null ? null : p.picture().toString());
  }

  /** The {@code resource_link} claim. */
  static Map<String, Object> resourceLink(LtiLaunch.ResourceLink link) {
    Map<String, Object> rl = new LinkedHashMap<>();
    rl.put("id", link.id());
    if (link.title() != null) {
      rl.put("title", link.title());
    }
    if (link.description() != null) {
      rl.put("description", link.description());
    }
    return rl;
  }

  /** The {@code context} claim. */
  static Map<String, Object> context(LtiLaunch.Context ctx) {
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("id", ctx.id());
    if (ctx.label() != null) {
      cm.put("label", ctx.label());
    }
    if (ctx.title() != null) {
      cm.put("title", ctx.title());
    }
    if (ctx.types() != null && !ctx.types().isEmpty()) {
      cm.put("type", ctx.types());
    }
    return cm;
  }

  /** The {@code content_items} of a deep-linking response: an array of objects, or an error. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> contentItems(Object o) {
    if (o == null) {
      return List.of();
    }
    if (!(o instanceof List<?> l)) {
      throw new LtiException("claim_type", "content_items must be an array");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object i : l) {
      if (!(i instanceof Map<?, ?> m)) {
        throw new LtiException("claim_type", "content_items must be an array of objects");
      }
      out.add((Map<String, Object>) m);
    }
    return List.copyOf(out);
  }

  private static void putIfNotNull(JWTClaimsSet.Builder c, String name, Object value) {
    if (value != null) {
      c.claim(name, value);
    }
  }
}
