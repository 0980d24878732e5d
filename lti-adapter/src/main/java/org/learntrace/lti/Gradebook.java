package org.learntrace.lti;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Platform side SPI: line items and results of AGS 2.0 and LTI 1.1 Basic Outcomes, and which tool
 * deployments are linked to which contexts (services reach only their own tool's contexts).
 */
public interface Gradebook {
  /** A line item; {@code owner} is the tool's client id (or {@code lti11:} + consumer key). */
  record LineItem(String id, String owner, String deploymentId, String contextId, String resourceLinkId,
      String resourceId, String tag, String label, double scoreMaximum) {
    public LineItem {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(contextId, "contextId");
    }
  }

  /** The latest score of one user on one line item. */
  record Result(String lineItemId, String userId, Double scoreGiven, Double scoreMaximum, String activityProgress,
      String gradingProgress, Instant timestamp, String comment) {}

  /** Records that {@code owner}'s deployment was launched in {@code contextId}. */
  void linkContext(String owner, String deploymentId, String contextId);

  /** The deployment through which {@code owner} is linked to {@code contextId}. */
  Optional<String> deploymentOf(String owner, String contextId);

  void saveLineItem(LineItem item);

  Optional<LineItem> lineItem(String id);

  List<LineItem> lineItems(String owner, String contextId);

  void deleteLineItem(String id);

  /** Keeps the score as the user's result unless an existing result has a later timestamp. */
  void putResult(Result result);

  List<Result> results(String lineItemId);

  void deleteResult(String lineItemId, String userId);

  /** An in-memory gradebook. */
  static Gradebook inMemory() {
    Map<String, String> links = new ConcurrentHashMap<>();
    Map<String, LineItem> items = new ConcurrentHashMap<>();
    Map<String, Map<String, Result>> results = new ConcurrentHashMap<>();
    return new Gradebook() {
      @Override
      public void linkContext(String owner, String deploymentId, String contextId) {
        links.put(owner + "\u0000" + contextId, deploymentId);
      }

      @Override
      public Optional<String> deploymentOf(String owner, String contextId) {
        return Optional.ofNullable(links.get(owner + "\u0000" + contextId));
      }

      @Override
      public void saveLineItem(LineItem item) {
        items.put(item.id(), item);
      }

      @Override
      public Optional<LineItem> lineItem(String id) {
        return Optional.ofNullable(items.get(id));
      }

      @Override
      public List<LineItem> lineItems(String owner, String contextId) {
        return items.values().stream().filter(i -> i.owner().equals(owner) && i.contextId().equals(contextId))
            .sorted(Comparator.comparing(LineItem::id)).toList();
      }

      @Override
      public void deleteLineItem(String id) {
        items.remove(id);
        results.remove(id);
      }

      @Override
      public void putResult(Result r) {
        results.computeIfAbsent(r.lineItemId(), k -> new ConcurrentHashMap<>()).merge(r.userId(), r,
            (old, fresh) -> old.timestamp() != null && fresh.timestamp() != null
                && old.timestamp().isAfter(fresh.timestamp()) ? old : fresh);
      }

      @Override
      public List<Result> results(String lineItemId) {
        return new ArrayList<>(results.getOrDefault(lineItemId, Map.of()).values()).stream()
            .sorted(Comparator.comparing(Result::userId)).toList();
      }

      @Override
      public void deleteResult(String lineItemId, String userId) {
        Map<String, Result> m = results.get(lineItemId);
        if (m != null) {
          m.remove(userId);
        }
      }
    };
  }
}
