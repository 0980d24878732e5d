package org.learntrace.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.CourseModule;
import org.learntrace.sdk.LearningEvent;
import org.learntrace.sdk.Occurrence;
import org.learntrace.sdk.Person;
import org.learntrace.sdk.VideoPlayed;
import org.junit.jupiter.api.Test;

/** The outbox record body: what the dispatcher reads without decoding the event. */
class RecordBodyTest {
  private static final byte[] KEY = "record-body-test-key-0123456789ab".getBytes(StandardCharsets.UTF_8);
  private static final Instant T0 = Instant.parse("2026-03-14T09:00:00Z");

  private static ByteBuffer body(LearningEvent event, String destination) throws Exception {
    EventCodec codec = new EventCodec();
    EventCodec.Scope scope = new EventCodec.Scope();
    scope.pseudonymizer = Pseudonymizer.forDestination(KEY, "k1", destination);
    byte[] json = codec.writer(scope).writeValueAsBytes(event);
    ByteBuffer frame = RecordBody.frame(null, UUID.randomUUID(), T0.toEpochMilli(),
        destination.getBytes(StandardCharsets.US_ASCII), "k1".getBytes(StandardCharsets.UTF_8), json);
    return frame.position(Frames.HEADER).slice();
  }

  @Test
  void aConsentWithdrawalIsRecognisedWithoutDecodingAndNothingElseIs() throws Exception {
    Person teacher = Person.teacher("t-1");
    ByteBuffer withdrawal = body(new ConsentWithdrawn(Occurrence.at(T0), teacher, CourseModule.course("ags"), "research"), "lrs");
    ByteBuffer played = body(new VideoPlayed(Occurrence.at(T0), teacher, CourseModule.of("ags", "m1"), "v1", "s1", 3.0), "a-longer-destination");

    assertThat(RecordBody.isConsentWithdrawal(withdrawal)).isTrue();
    assertThat(RecordBody.isConsentWithdrawal(played)).isFalse();
    assertThat(RecordBody.isFor(withdrawal, "lrs".getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(RecordBody.decode(withdrawal, new EventCodec()).event()).isInstanceOf(ConsentWithdrawn.class);
  }
}
