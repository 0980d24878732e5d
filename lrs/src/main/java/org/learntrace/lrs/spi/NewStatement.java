package org.learntrace.lrs.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A validated, normalised statement ready to be stored.
 *
 * @param id the statement id
 * @param json the statement to store; the store adds {@code stored} (and {@code timestamp} if absent)
 * @param contentHash a digest of the statement without the properties the LRS sets; equal digests
 *     mean "the same statement" when an id is sent twice
 * @param index what queries can find the statement by
 * @param voidedId the id of the statement this one voids, or null
 * @param referencedId the id of the statement this one's object refers to, or null
 * @param activityDefinitions definitions of the activities in the statement by activity id, as JSON
 *     object texts
 */
public record NewStatement(
    UUID id,
    ObjectNode json,
    String contentHash,
    List<IndexEntry> index,
    UUID voidedId,
    UUID referencedId,
    Map<String, String> activityDefinitions) {

  public NewStatement {
    index = List.copyOf(index);
    activityDefinitions = Map.copyOf(activityDefinitions);
  }
}
