package org.learntrace.demo;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.ModuleLifecycle;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.QuizAttemptFinished;
import org.learntrace.sdk.Receipt;
import org.learntrace.sdk.Tracker;

/**
 * The tracker the platform's LTI research port tracks into: events its own servers observe (an LTI
 * launch, a score posted to its AGS endpoint) were received when they happened, by the server's
 * clock, so they get that instant as their receipt time ({@link Occurrence#receivedAt()}) instead of
 * the SDK's wall clock at {@code track()}. In the demo that clock is the simulated one, which keeps
 * the statements the same for the same seed. The receipts are kept, so that the run can check that
 * every tracked event came back from the LRS.
 */
final class ServerObservedTracker implements Tracker {
  private final Tracker delegate;
  private final List<Receipt> receipts = new CopyOnWriteArrayList<>();

  ServerObservedTracker(Tracker delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Receipt track(LearningEvent event) {
    Receipt r = delegate.track(receivedWhenObserved(event));
    receipts.add(r);
    return r;
  }

  /** The receipts of every event tracked so far, in order. */
  List<Receipt> receipts() {
    return List.copyOf(receipts);
  }

  static LearningEvent receivedWhenObserved(LearningEvent event) {
    Occurrence o = event.occurrence();
    if (o.receivedAt() != null) {
      return event;
    }
    Occurrence at = o.withReceivedAt(o.occurredAt());
    if (event instanceof ModuleLifecycle e) {
      return new ModuleLifecycle(at, e.learner(), e.module(), e.step(), e.registration(), e.sessionId(), e.scoreScaled(),
          e.duration());
    }
    if (event instanceof QuizAttemptFinished e) {
      return new QuizAttemptFinished(at, e.learner(), e.module(), e.quiz(), e.attempt(), e.scoreScaled(), e.passed(),
          e.duration());
    }
    return event;
  }
}
