package org.learntrace.sdk;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who consented to what. No consent, nothing recorded (when the policy requires consent, which is
 * the default). The registry is in memory: a platform loads its consent records into it at start
 * and keeps it current, from {@link LearnTrace#consent()}. Thread-safe; lookups are lock-free.
 */
public final class ConsentRegistry {
  /**
   * A person's consent.
   *
   * @param scope what it covers, e.g. {@code research}
   * @param version the version of the consent form
   * @param withdrawn whether it was withdrawn
   */
  public record Consent(String scope, int version, boolean withdrawn) {}

  private record Key(String idSpace, String id, String scope) {}

  private final Map<Key, Consent> consents = new ConcurrentHashMap<>();
  private final Tracker tracker;
  private final Clock clock;

  ConsentRegistry(Tracker tracker, Clock clock) {
    this.tracker = tracker;
    this.clock = clock;
  }

  /** Records that {@code person} consented to {@code scope} with form version {@code version}. */
  public void grant(Person person, String scope, int version) {
    consents.put(key(person, scope), new Consent(scope, version, false));
  }

  /**
   * Records a withdrawal: from now on nothing more about {@code person} is recorded under
   * {@code scope}, and a {@link ConsentWithdrawn} event goes to every destination, where sinks void
   * what was sent about the person.
   *
   * @return the receipt of the withdrawal event
   */
  public Receipt withdraw(Person person, CourseModule course, String scope) {
    consents.put(key(person, scope), new Consent(scope, 0, true));
    return tracker.track(new ConsentWithdrawn(Occurrence.at(clock.instant()), person, course, scope));
  }

  /** Whether {@code person} has consented to {@code scope} with at least {@code minVersion}. */
  public boolean permits(Person person, String scope, int minVersion) {
    Consent c = consents.get(key(person, scope));
    return c != null && !c.withdrawn() && c.version() >= minVersion;
  }

  private static Key key(Person p, String scope) {
    Objects.requireNonNull(p, "person");
    Objects.requireNonNull(scope, "scope");
    return new Key(p.idSpace(), p.id(), scope);
  }
}
