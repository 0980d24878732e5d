package org.learntrace.sdk;

import java.util.Objects;

/**
 * A person an event is about: a teacher, headteacher, student, observer or education officer.
 *
 * <p>The platform hands in its local id; the pipeline replaces it, per destination, by the keyed
 * pseudonym {@code base64url(HMAC-SHA256(key, idSpace ‖ id))} unless the policy says otherwise.
 * A person read back from the outbox has {@code pseudonymous} set and the pseudonym as its id.
 * A person has no name, phone or e-mail field on purpose: those are never sent.
 *
 * @param role what the person is in the study
 * @param idSpace the IRI of the system that issued the id; defaults to {@link Role#defaultIdSpace()}
 * @param id the local id (or, when {@code pseudonymous}, the pseudonym)
 * @param pseudonymous whether {@code id} is already a pseudonym
 */
public record Person(Role role, String idSpace, String id, boolean pseudonymous) {

  /** Checks role and id; fills the default id space. */
  public Person {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(id, "id");
    if (idSpace == null) {
      idSpace = role.defaultIdSpace();
    }
  }

  /** A person with a local id in the role's default id space. */
  public static Person of(Role role, String localId) {
    return new Person(role, null, localId, false);
  }

  public static Person teacher(String localId) {
    return of(Role.TEACHER, localId);
  }

  public static Person headteacher(String localId) {
    return of(Role.HEADTEACHER, localId);
  }

  public static Person student(String localId) {
    return of(Role.STUDENT, localId);
  }

  public static Person observer(String localId) {
    return of(Role.OBSERVER, localId);
  }

  /** A teacher, headteacher, student, observer or officer. */
  public enum Role {
    TEACHER,
    HEADTEACHER,
    STUDENT,
    /** A lesson observer, assessor or education officer. */
    OBSERVER;

    /** {@code urn:learntrace:id:<role>}, used when the platform names no id space. */
    public String defaultIdSpace() {
      return "urn:learntrace:id:" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
