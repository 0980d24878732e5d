package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyTest {
  @TempDir Path dir;

  @Test
  void withoutConsentNothingIsRecorded() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      Receipt r = lt.tracker().track(Fixtures.played("t-2", 1));
      assertThat(r.filterReason()).isEqualTo(FilterReason.NO_CONSENT);
      lt.consent().grant(Person.teacher("t-2"), "research", 0);
      assertThat(lt.tracker().track(Fixtures.played("t-2", 1)).filterReason())
          .as("consent form version below the policy's minimum").isEqualTo(FilterReason.NO_CONSENT);
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(sink.received()).isEmpty();
      assertThat(lt.metrics().filtered(FilterReason.NO_CONSENT)).isEqualTo(2);
    }
  }

  @Test
  void withdrawalStopsRecordingAndSendsAWithdrawalEventWithTheSamePseudonym() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      Person t = Person.teacher("t-3");
      lt.consent().grant(t, "research", 1);
      assertThat(lt.tracker().track(Fixtures.played("t-3", 1)).awaitStored(Duration.ofSeconds(30))).isTrue();
      Receipt w = lt.consent().withdraw(t, CourseModule.course("ags"), "research");
      assertThat(w.awaitStored(Duration.ofSeconds(30))).isTrue();
      assertThat(lt.tracker().track(Fixtures.played("t-3", 2)).filterReason()).isEqualTo(FilterReason.NO_CONSENT);
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      List<TrackedEvent> got = sink.received();
      assertThat(got).hasSize(2);
      ConsentWithdrawn cw = (ConsentWithdrawn) got.get(1).event();
      VideoPlayed played = (VideoPlayed) got.get(0).event();
      assertThat(cw.person().id()).isEqualTo(played.learner().id());
      assertThat(cw.scope()).isEqualTo("research");
    }
  }

  @Test
  void theNeverSendListIsEnforcedInThePipeline() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      lt.consent().grant(Person.teacher("t-4"), "research", 1);
      lt.consent().grant(Person.student("s-9"), "research", 1);
      Device device = new Device(null, Device.NetworkType.CELLULAR_3G, true, 1234L,
          "Mozilla/5.0 (Linux; Android 12) Mobile", "203.0.113.7", "imei-356938035643809");
      Map<String, String> attrs = Map.ofEntries(
          Map.entry("teacherName", "Rahima Begum"), Map.entry("phone", "01712345678"), Map.entry("email", "r@example.org"),
          Map.entry("nid", "1990123456789"), Map.entry("photo", "profile.jpg"), Map.entry("gps", "23.8103,90.4125"),
          Map.entry("ip", "203.0.113.7"), Map.entry("deviceId", "abc"), Map.entry("userAgent", "Mozilla"),
          Map.entry("eiin", "108123"), Map.entry("note", "call me on +8801712345678"), Map.entry("lesson", "counting-to-20"));
      Occurrence occ = Occurrence.at(Fixtures.T0).withDevice(device).withAttributes(attrs);
      lt.tracker().track(new SurveyAnswered(occ, Person.teacher("t-4"), Fixtures.AGS_M3, "sv", "q1", "modules-completed",
          "write to rahima@example.org", null));
      lt.tracker().track(new AssessmentResultRecorded(Occurrence.at(Fixtures.T0).withAttributes(Map.of("comment", "my name is Anik")),
          Person.student("s-9"), Person.teacher("t-4"), null, Fixtures.AGS_M3,
          Location.ofClass("Dhaka", "Gazipur", "Kaliganj", "c-1", "108123", "1A"),
          AssessmentResultRecorded.Gender.FEMALE, 1, "treatment", AssessmentResultRecorded.Wave.BASELINE,
          "ags-test", "1", "A", LocalDate.of(2026, 2, 1), List.of(), 10.0, 0.4));
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      String json = sink.received().get(0).eventJson() + sink.received().get(1).eventJson();
      for (String secret : List.of("Rahima", "01712345678", "example.org", "1990123456789", "profile.jpg", "23.8103",
          "203.0.113.7", "imei", "Mozilla", "108123", "8801712345678", "Anik", "t-4", "s-9", "\"1A\"")) {
        assertThat(json).as("never sent: %s", secret).doesNotContain(secret);
      }
      assertThat(json).contains("counting-to-20", "PHONE", "CELLULAR_3G", "Kaliganj", "[redacted]");
      Map<String, Long> redacted = lt.metrics().redacted();
      assertThat(redacted.get("PHONE")).isEqualTo(2);
      assertThat(redacted.get("CHILD_FREE_TEXT")).isEqualTo(1);
      assertThat(redacted.get("EMAIL")).isEqualTo(2);
    }
  }

  @Test
  void twoDestinationsGetDifferentPseudonymsForTheSamePerson() throws Exception {
    InMemorySink a = new InMemorySink("a");
    InMemorySink b = new InMemorySink("b");
    try (LearnTrace lt = Fixtures.builder(dir, a, b).build()) {
      lt.consent().grant(Person.teacher("t-5"), "research", 1);
      Receipt r = lt.tracker().track(Fixtures.played("t-5", 1));
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
      String pa = ((VideoPlayed) a.received().get(0).event()).learner().id();
      String pb = ((VideoPlayed) b.received().get(0).event()).learner().id();
      assertThat(pa).isNotEqualTo(pb);
      assertThat(a.received().get(0).id()).isEqualTo(b.received().get(0).id()).isEqualTo(r.eventId());
    }
  }
}
