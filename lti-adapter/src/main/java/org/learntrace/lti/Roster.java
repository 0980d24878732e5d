package org.learntrace.lti;

import java.util.List;

/** Platform side SPI: the members of a context, served through Names and Role Provisioning Services. */
@FunctionalInterface
public interface Roster {
  /** Members of {@code contextId}, in a stable order (pages are slices of it). */
  List<PlatformUser> members(String contextId);

  /** A roster with no members. */
  Roster EMPTY = contextId -> List.of();
}
