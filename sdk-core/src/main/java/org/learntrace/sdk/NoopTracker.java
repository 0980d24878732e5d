package org.learntrace.sdk;

import java.util.Objects;

/** The tracker of {@link LearnTrace#noop()}: filters everything, allocates nothing. */
enum NoopTracker implements Tracker {
  INSTANCE;

  @Override
  public Receipt track(LearningEvent event) {
    Objects.requireNonNull(event, "event");
    return Receipt.filtered(FilterReason.DISABLED);
  }
}
