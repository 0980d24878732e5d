package org.learntrace.lrs.http;

import org.learntrace.xapi.Actor;

/** The identifier key of an Agent or identified Group: the one IFI, as text. */
final class AgentKeys {
  private AgentKeys() {}

  /** The key, or null for an anonymous Group. */
  static String of(Actor a) {
    if (a.mbox() != null) {
      return "mbox\u0000" + a.mbox();
    }
    if (a.mboxSha1sum() != null) {
      return "mbox_sha1sum\u0000" + a.mboxSha1sum().toLowerCase(java.util.Locale.ROOT);
    }
    if (a.openid() != null) {
      return "openid\u0000" + a.openid();
    }
    if (a.account() != null) {
      return "account\u0000" + a.account().homePage() + "\u0000" + a.account().name();
    }
    return null;
  }
}
