package org.learntrace.xapi.mapping;

import static org.learntrace.xapi.mapping.Vocabulary.*;

import java.util.Map;
import org.learntrace.sdk.CommunityAction;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.Person;
import org.learntrace.xapi.Activity;

/**
 * Community-of-practice statements: ADL {@code commented}, {@code shared}, {@code asked}, and the
 * Tin Can registry's {@code http://id.tincanapi.com/verb/replied} (ADL has no reply verb; this IRI
 * is the one community tools use). Object = the post (or the peer group when the action names no
 * post, or the course when it names neither); the post replied to is a parent, the peer group a
 * grouping activity. The text of a post is never part of the event.
 */
final class CommunityStatements {
  private CommunityStatements() {}

  static final Map<CommunityAction.Verb, String> VERBS = Map.of(
      CommunityAction.Verb.COMMENTED, COMMENTED, CommunityAction.Verb.SHARED, SHARED,
      CommunityAction.Verb.ASKED, ASKED, CommunityAction.Verb.REPLIED, REPLIED);

  static void map(CommunityAction e, StatementDraft d) {
    CourseModule cm = e.module();
    d.actor(e.member(), Person.Role.TEACHER);
    d.verb(VERBS.get(e.verb()));
    d.occurrence(e.occurrence());
    Activity group = e.group() == null ? null
        : StatementDraft.activity(d.iris.inCourse(cm.course(), "groups", e.group()), PEER_GROUP_TYPE, null);
    if (e.post() != null) {
      d.object(post(d, cm, e.post()));
    } else if (group != null) {
      d.object(group);
    } else {
      d.object(d.courseActivity(cm.course()));
    }
    if (cm.module() != null) {
      d.context.parent(d.moduleActivity(cm));
    }
    if (e.inReplyTo() != null) {
      d.context.parent(post(d, cm, e.inReplyTo()));
    }
    if (e.post() != null || group != null) {
      d.context.grouping(d.courseActivity(cm.course())); // otherwise the course is the object
    }
    if (e.post() != null && group != null) {
      d.context.grouping(group);
    }
    d.study(cm.course());
  }

  static CommunityAction read(CommunityAction.Verb verb, StatementFacts f) {
    CourseModule cm = f.courseModule();
    String objectType = f.objectType();
    String post = null;
    String group = null;
    if (POST_TYPE.equals(objectType)) {
      post = postId(f, cm, f.object());
      Activity g = f.grouping(PEER_GROUP_TYPE);
      group = g == null ? null : groupId(f, cm, g);
    } else if (PEER_GROUP_TYPE.equals(objectType)) {
      group = groupId(f, cm, f.object());
    }
    Activity replied = f.parent(POST_TYPE);
    return new CommunityAction(f.occurrence(), f.actor(Person.Role.TEACHER), cm, group, verb, post,
        replied == null ? null : postId(f, cm, replied));
  }

  private static Activity post(StatementDraft d, CourseModule cm, String post) {
    return StatementDraft.activity(d.iris.inCourse(cm.course(), "posts", post), POST_TYPE, null);
  }

  private static String postId(StatementFacts f, CourseModule cm, Activity a) {
    return StatementFacts.required(Iris.localId(a.id(), f.iris.course(cm.course()) + "/posts/"), "post IRI", a.id());
  }

  private static String groupId(StatementFacts f, CourseModule cm, Activity a) {
    return StatementFacts.required(Iris.localId(a.id(), f.iris.course(cm.course()) + "/groups/"), "peer group IRI", a.id());
  }
}
