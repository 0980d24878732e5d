package org.learntrace.xapi;

import java.util.List;

/**
 * What an LRS says about itself at {@code GET /about}: the xAPI versions it supports, and
 * extensions.
 *
 * @param version the supported versions, e.g. {@code ["1.0.3", "2.0.0"]}; never null
 * @param extensions extensions, or null
 */
public record About(List<String> version, Extensions extensions) {
  /** Copies the list; null becomes empty. */
  public About {
    version = version == null ? List.of() : List.copyOf(version);
  }

  /**
   * The newest version both sides speak: 2.0.0 only if listed, else 1.0.3 if any 1.0.x is listed,
   * else null.
   */
  public XapiVersion negotiate() {
    boolean v1 = false;
    for (String v : version) {
      if (v.startsWith("2.0")) {
        return XapiVersion.V2_0_0;
      }
      if (v.startsWith("1.0")) {
        v1 = true;
      }
    }
    return v1 ? XapiVersion.V1_0_3 : null;
  }
}
