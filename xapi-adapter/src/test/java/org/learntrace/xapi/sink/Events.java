package org.learntrace.xapi.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.sdk.VideoPlayed;

/** Events and tracked events for the sink tests. */
final class Events {
  static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589Z");
  static final CourseModule AGS_M3 = CourseModule.of("ags", "m3");

  private Events() {}

  static VideoPlayed played(Person p, int n) {
    return new VideoPlayed(Occurrence.at(T0.plusSeconds(n)).withNaturalKey("played-" + p.id() + "-" + n), p, AGS_M3,
        "v" + n, "s-1", n);
  }

  /** A tracked event as a dispatcher would hand it over, for a pseudonymous person. */
  static TrackedEvent tracked(UUID id, LearningEvent event) {
    return new TrackedEvent(id, "lrs", T0, "k1", "{}".getBytes(StandardCharsets.UTF_8), json -> event);
  }

  static TrackedEvent played(int n) {
    return tracked(UUID.randomUUID(), played(new Person(Person.Role.TEACHER, null, "pseudo-" + n, true), n));
  }

  static TrackedEvent withdrawn(Person p) {
    return tracked(UUID.randomUUID(), new ConsentWithdrawn(Occurrence.at(T0), p, AGS_M3, "research"));
  }
}
