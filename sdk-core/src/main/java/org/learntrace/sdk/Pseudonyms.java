package org.learntrace.sdk;

import java.util.Objects;
import org.learntrace.sdk.internal.Pseudonymizer;

/**
 * The keyed pseudonyms one destination receives, computed outside the pipeline: for the data
 * steward or research team who hold the study key and need to link the pseudonymous actors they
 * read from an LRS back to their own tables, or to look one person's statements up.
 *
 * <p>A pseudonym is {@code base64url(HMAC-SHA256(destination key, idSpace ‖ 0x00 ‖ localId))}
 * without padding (43 characters), exactly as the pipeline writes it at the default
 * {@link PseudonymLevel#PSEUDONYMISED} level: the same implementation computes both. The
 * destination key is the one given to {@link LearnTraceBuilder#setDestinationKey} (see
 * {@link #withDestinationKey}), or else derived from the study key given to
 * {@link LearnTraceBuilder#setPseudonymKey} and the destination's {@link Sink#name()} (see
 * {@link #forDestination}), so two destinations never share pseudonyms.
 *
 * <pre>{@code
 * Pseudonyms research = Pseudonyms.forDestination("2026-a", studyKey, "research-lrs");
 * String name = research.pseudonym(Person.teacher("t-42"));  // the xAPI account name the LRS holds
 * Person p = research.pseudonymise(Person.teacher("t-42"));  // the Person a sink receives
 * }</pre>
 *
 * <p>Not covered: a policy's {@link PseudonymLevel#ANONYMISED} (every person is then
 * {@code anonymous}) and {@link PseudonymLevel#IDENTIFIED} (local ids in clear) levels. Thread-safe.
 */
public final class Pseudonyms {
  /** The shortest key accepted, as {@link LearnTraceBuilder#setPseudonymKey} requires. */
  public static final int MIN_KEY_BYTES = 16;

  private final Pseudonymizer pseudonymizer;
  private final String destination;

  private Pseudonyms(Pseudonymizer pseudonymizer, String destination) {
    this.pseudonymizer = pseudonymizer;
    this.destination = destination;
  }

  /**
   * The pseudonyms of {@code destination} under a study key, as a {@link LearnTrace} built with
   * {@code setPseudonymKey(keyId, studyKey)} and no destination key for that sink computes them.
   *
   * @param keyId the study key's id (recorded with every record; see {@link TrackedEvent#pseudonymKeyId()})
   * @param studyKey the study key, at least {@value #MIN_KEY_BYTES} bytes; copied
   * @param destination the sink's name
   * @throws IllegalArgumentException naming the argument that is missing, blank or too short
   */
  public static Pseudonyms forDestination(String keyId, byte[] studyKey, String destination) {
    check(keyId, studyKey, "studyKey", destination);
    return new Pseudonyms(Pseudonymizer.forDestination(studyKey, keyId, destination), destination);
  }

  /**
   * The pseudonyms of {@code destination} under its own key, as a {@link LearnTrace} built with
   * {@code setPseudonymKey(keyId, …)} and {@code setDestinationKey(destination, destinationKey)}
   * computes them. Their key id is {@code keyId + "/" + destination}.
   *
   * @param keyId the study key's id
   * @param destination the sink's name
   * @param destinationKey the destination's own key, at least {@value #MIN_KEY_BYTES} bytes; copied
   * @throws IllegalArgumentException naming the argument that is missing, blank or too short
   */
  public static Pseudonyms withDestinationKey(String keyId, String destination, byte[] destinationKey) {
    check(keyId, destinationKey, "destinationKey", destination);
    return new Pseudonyms(Pseudonymizer.withKey(destinationKey, keyId + "/" + destination), destination);
  }

  /** The destination these are the pseudonyms of. */
  public String destination() {
    return destination;
  }

  /** The key id the pipeline records with this destination's records ({@link TrackedEvent#pseudonymKeyId()}). */
  public String keyId() {
    return pseudonymizer.keyId();
  }

  /**
   * The pseudonym of {@code localId} in {@code idSpace}: a person's (for example
   * {@code urn:learntrace:id:teacher}), or a school's or class's ({@link Location#SCHOOL_ID_SPACE},
   * {@link Location#CLASS_ID_SPACE}).
   *
   * @throws NullPointerException if either argument is null
   */
  public String pseudonym(String idSpace, String localId) {
    return pseudonymizer.pseudonym(Objects.requireNonNull(idSpace, "idSpace"), Objects.requireNonNull(localId, "localId"));
  }

  /**
   * The id this destination receives for {@code person}: the account name of its xAPI actor. A
   * person that is already {@link Person#pseudonymous()} keeps its id, as in the pipeline.
   */
  public String pseudonym(Person person) {
    return pseudonymise(person).id();
  }

  /** {@code person} as this destination's sink receives it: same role and id space, pseudonymous id. */
  public Person pseudonymise(Person person) {
    Objects.requireNonNull(person, "person");
    if (person.pseudonymous()) {
      return person;
    }
    return new Person(person.role(), person.idSpace(), pseudonymizer.pseudonym(person.idSpace(), person.id()), true);
  }

  @Override
  public String toString() {
    return "Pseudonyms[" + destination + ", key " + keyId() + "]";
  }

  private static void check(String keyId, byte[] key, String keyName, String destination) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("keyId must not be blank");
    }
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(keyName + " must be at least " + MIN_KEY_BYTES + " bytes, was "
          + (key == null ? "null" : key.length + " bytes"));
    }
    if (destination == null || destination.isBlank()) {
      throw new IllegalArgumentException("destination must not be blank");
    }
  }
}
