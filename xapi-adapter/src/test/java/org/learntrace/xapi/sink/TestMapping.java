package org.learntrace.xapi.sink;

import java.util.UUID;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.sdk.VideoPaused;
import org.learntrace.sdk.VideoPlayed;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementRef;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.mapping.StatementMapping;

/**
 * The sink tests' own small mapping, independent of the real one: VideoPlayed → a Video Profile
 * "played"; ConsentWithdrawn → a statement by the person; VideoPaused with a session id → a voiding
 * statement of that id (what an LRS refuses with 400 when the target is itself a voiding statement);
 * anything else cannot be mapped.
 */
final class TestMapping implements StatementMapping {
  static final String HOME = "https://learntrace.org/test/people";

  static Agent agent(Person p) {
    return Agent.ofAccount(HOME, p.id());
  }

  @Override
  public Statement toStatement(TrackedEvent tracked, XapiVersion version) {
    LearningEvent e = tracked.event();
    if (e instanceof VideoPlayed v) {
      return Statement.builder().id(tracked.id()).actor(agent(v.learner()))
          .verb(Verb.of("https://w3id.org/xapi/video/verbs/played", "en-US", "played"))
          .object(Activity.builder("https://learntrace.org/test/" + v.module().course() + "/video/" + v.video())
              .type("https://w3id.org/xapi/video/activity-type/video").build())
          .result(Result.builder().extensions(Extensions.builder()
              .put("https://w3id.org/xapi/video/extensions/time", v.time()).build()).build())
          .timestamp(v.occurrence().occurredAt())
          .build();
    }
    if (e instanceof VideoPaused p && p.sessionId() != null) {
      return Statement.builder().id(tracked.id()).actor(agent(p.learner()))
          .verb(Verb.of(Verb.VOIDED, "en-US", "voided")).object(StatementRef.of(UUID.fromString(p.sessionId())))
          .timestamp(p.occurrence().occurredAt()).build();
    }
    if (e instanceof ConsentWithdrawn c) {
      return Statement.builder().id(tracked.id()).actor(agent(c.person()))
          .verb(Verb.of("https://learntrace.org/test/verbs/withdrew-consent", "en-US", "withdrew consent"))
          .object(Activity.of("https://learntrace.org/test/consent/" + c.scope()))
          .timestamp(c.occurrence().occurredAt()).build();
    }
    throw new IllegalArgumentException("the test mapping has no statement for " + e.getClass().getSimpleName());
  }
}
