package org.learntrace.lti;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Content items a teacher chose through Deep Linking 2.0. */
public record DeepLinkSelection(
    Instant at,
    Side side,
    String platformId,
    String deploymentId,
    String actor,
    String contextId,
    List<Item> items) implements LtiEvent {

  public DeepLinkSelection {
    items = List.copyOf(items);
  }

  /** One chosen content item. */
  public record Item(String type, String title, URI url) {}
}
