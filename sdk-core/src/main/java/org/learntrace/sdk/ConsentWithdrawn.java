package org.learntrace.sdk;

import java.util.List;
import java.util.Objects;

/**
 * A person withdrew consent. Emitted by {@link ConsentRegistry#withdraw}; routed to every
 * destination regardless of policy, where a sink turns it into the voiding of the person's
 * statements (the LRS sink voids them; the in-memory and NDJSON sinks just record it).
 *
 * @param occurrence when
 * @param person who withdrew (pseudonymised like any person)
 * @param module the course the consent was for
 * @param scope the consent scope withdrawn, e.g. {@code research}
 */
public record ConsentWithdrawn(Occurrence occurrence, Person person, CourseModule module, String scope)
    implements LearningEvent {

  public ConsentWithdrawn {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(person, "person");
    Objects.requireNonNull(module, "module");
  }

  @Override
  public EventFamily family() {
    return EventFamily.CONSENT;
  }

  @Override
  public List<Person> subjects() {
    return List.of(person);
  }
}
