package org.learntrace.lti;

import java.time.Instant;

/**
 * A research event from an LTI flow. Every event carries a pseudonymous {@code actor} (base64url
 * HMAC-SHA256 over {@code iss ‖ 0x00 ‖ sub} under the configured key) and never a name, e-mail
 * address or picture.
 */
public sealed interface LtiEvent permits LtiLaunchEvent, DeepLinkSelection, ScorePublished {
  /** Which side of LTI observed the event. */
  enum Side { TOOL, PLATFORM }

  Instant at();

  Side side();

  /** The platform's issuer (LTI 1.3) or consumer key (LTI 1.1). */
  String platformId();
}
