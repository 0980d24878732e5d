package org.learntrace.sdk;

import java.util.List;
import java.util.Objects;

/**
 * An action in a community of practice (peer group). The post's text is not part of the event.
 *
 * @param occurrence when and how
 * @param member the teacher acting
 * @param module the course (and module, if the group belongs to one)
 * @param group the peer group id
 * @param verb commented, shared, asked or replied
 * @param post the post id
 * @param inReplyTo the post replied to, or null
 */
public record CommunityAction(
    Occurrence occurrence,
    Person member,
    CourseModule module,
    String group,
    Verb verb,
    String post,
    String inReplyTo)
    implements LearningEvent {

  public CommunityAction {
    Objects.requireNonNull(occurrence, "occurrence");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(verb, "verb");
  }

  @Override
  public EventFamily family() {
    return EventFamily.COMMUNITY;
  }

  @Override
  public List<Person> subjects() {
    return List.of(member);
  }

  /** The ADL community verbs. */
  public enum Verb {
    COMMENTED,
    SHARED,
    ASKED,
    REPLIED
  }
}
