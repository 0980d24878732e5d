package org.learntrace.sdk;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Shared, immutable receipts for events that never reach the outbox. */
final class FinalReceipt implements Receipt {
  private static final Map<FilterReason, Receipt> FILTERED = new EnumMap<>(FilterReason.class);
  private static final Map<DropReason, Receipt> DROPPED = new EnumMap<>(DropReason.class);

  static {
    for (FilterReason r : FilterReason.values()) {
      FILTERED.put(r, new FinalReceipt(Status.FILTERED, r, null));
    }
    for (DropReason r : DropReason.values()) {
      DROPPED.put(r, new FinalReceipt(Status.DROPPED, null, r));
    }
  }

  private final Status status;
  private final FilterReason filterReason;
  private final DropReason dropReason;

  private FinalReceipt(Status status, FilterReason filterReason, DropReason dropReason) {
    this.status = status;
    this.filterReason = filterReason;
    this.dropReason = dropReason;
  }

  static Receipt filtered(FilterReason reason) {
    return FILTERED.get(reason);
  }

  static Receipt dropped(DropReason reason) {
    return DROPPED.get(reason);
  }

  @Override
  public Status status() {
    return status;
  }

  @Override
  public UUID eventId() {
    return null;
  }

  @Override
  public FilterReason filterReason() {
    return filterReason;
  }

  @Override
  public DropReason dropReason() {
    return dropReason;
  }

  @Override
  public boolean awaitStored(Duration timeout) {
    return false;
  }

  @Override
  public String toString() {
    return status + "(" + (filterReason != null ? filterReason : dropReason) + ")";
  }
}
