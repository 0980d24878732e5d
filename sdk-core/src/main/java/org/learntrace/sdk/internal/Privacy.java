package org.learntrace.sdk.internal;

import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;

/** Privacy facts about an event that the codec needs. */
final class Privacy {
  private Privacy() {}

  /** Whether the event is about a child: its free text must never be sent. */
  static boolean hasChildSubject(LearningEvent e) {
    for (Person p : e.subjects()) {
      if (p.role() == Person.Role.STUDENT) {
        return true;
      }
    }
    return false;
  }
}
