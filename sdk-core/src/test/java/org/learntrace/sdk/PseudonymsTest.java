package org.learntrace.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Pseudonyms} gives exactly what the pipeline sends to each sink. */
class PseudonymsTest {
  private static final byte[] PLATFORM_KEY = "the-platform-lrs-own-key-0123456".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void theDerivedDestinationPseudonymIsTheIdTheSinkReceives() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      lt.consent().grant(Person.teacher("t-7"), "research", 1);
      lt.tracker().track(Fixtures.played("t-7", 1));
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
    }
    TrackedEvent got = sink.received().get(0);
    Person sent = ((VideoPlayed) got.event()).learner();
    Pseudonyms research = Pseudonyms.forDestination("k1", Fixtures.KEY, "research");

    assertThat(research.pseudonym(Person.teacher("t-7"))).isEqualTo(sent.id()).hasSize(43).isNotEqualTo("t-7");
    assertThat(research.pseudonymise(Person.teacher("t-7"))).isEqualTo(sent);
    assertThat(research.pseudonym(Person.Role.TEACHER.defaultIdSpace(), "t-7")).isEqualTo(sent.id());
    assertThat(research.keyId()).isEqualTo(got.pseudonymKeyId()).isEqualTo("k1");
  }

  @Test
  void eachDestinationHasItsOwnPseudonymsDerivedOrOwnKeyed() throws Exception {
    InMemorySink research = new InMemorySink("research");
    InMemorySink platform = new InMemorySink("platform-lrs");
    try (LearnTrace lt = Fixtures.builder(dir, research, platform).setDestinationKey("platform-lrs", PLATFORM_KEY).build()) {
      lt.consent().grant(Person.teacher("t-8"), "research", 1);
      lt.tracker().track(Fixtures.played("t-8", 1));
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
    }
    TrackedEvent toResearch = research.received().get(0);
    TrackedEvent toPlatform = platform.received().get(0);
    Pseudonyms derived = Pseudonyms.forDestination("k1", Fixtures.KEY, "research");
    Pseudonyms own = Pseudonyms.withDestinationKey("k1", "platform-lrs", PLATFORM_KEY);

    assertThat(derived.pseudonym(Person.teacher("t-8"))).isEqualTo(((VideoPlayed) toResearch.event()).learner().id());
    assertThat(own.pseudonym(Person.teacher("t-8"))).isEqualTo(((VideoPlayed) toPlatform.event()).learner().id())
        .isNotEqualTo(derived.pseudonym(Person.teacher("t-8")));
    assertThat(own.keyId()).isEqualTo(toPlatform.pseudonymKeyId()).isEqualTo("k1/platform-lrs");
    assertThat(Pseudonyms.forDestination("k1", Fixtures.KEY, "platform-lrs").pseudonym(Person.teacher("t-8")))
        .as("a destination key replaces the derived one").isNotEqualTo(own.pseudonym(Person.teacher("t-8")));
  }

  @Test
  void studentsTeachersAssessorsSchoolsAndClassesMatchTheirIdSpaces() throws Exception {
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      lt.consent().grant(Person.student("s-9"), "research", 1);
      lt.tracker().track(new AssessmentResultRecorded(Occurrence.at(Fixtures.T0), Person.student("s-9"),
          Person.teacher("t-4"), Person.observer("o-2"), Fixtures.AGS_M3,
          Location.ofClass("Dhaka", "Gazipur", "Kaliganj", "c-1", "108123", "1A"),
          AssessmentResultRecorded.Gender.FEMALE, 1, "treatment", AssessmentResultRecorded.Wave.BASELINE,
          "ags-test", "1", "A", LocalDate.of(2026, 2, 1), List.of(), 10.0, 0.4));
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
    }
    AssessmentResultRecorded got = (AssessmentResultRecorded) sink.received().get(0).event();
    Pseudonyms p = Pseudonyms.forDestination("k1", Fixtures.KEY, "research");

    assertThat(p.pseudonymise(Person.student("s-9"))).isEqualTo(got.student());
    assertThat(p.pseudonymise(Person.teacher("t-4"))).isEqualTo(got.teacher());
    assertThat(p.pseudonymise(Person.observer("o-2"))).isEqualTo(got.assessor());
    assertThat(p.pseudonym(Person.student("s-9"))).as("id spaces keep roles apart").isNotEqualTo(p.pseudonym(Person.teacher("s-9")));
    assertThat(p.pseudonym(Location.SCHOOL_ID_SPACE, "108123")).isEqualTo(got.location().school());
    assertThat(p.pseudonym(Location.CLASS_ID_SPACE, "1A")).isEqualTo(got.location().classId());
  }

  @Test
  void anAlreadyPseudonymousPersonIsKeptAsTheCodecKeepsIt() {
    Person lti = new Person(Person.Role.TEACHER, "urn:learntrace:lti:actor", "Zm9vYmFy", true);
    Pseudonyms p = Pseudonyms.forDestination("k1", Fixtures.KEY, "research");
    assertThat(p.pseudonymise(lti)).isSameAs(lti);
    assertThat(p.pseudonym(lti)).isEqualTo("Zm9vYmFy");
  }

  @Test
  void aRecordNamesTheKeyOnlyWhenThePipelineMadeItsPseudonymsWithIt() throws Exception {
    Person lti = new Person(Person.Role.TEACHER, "urn:learntrace:lti:actor", "Zm9vYmFy", true);
    InMemorySink sink = new InMemorySink("research");
    try (LearnTrace lt = Fixtures.builder(dir, sink).build()) {
      lt.consent().grant(lti, "research", 1);
      lt.consent().grant(Person.teacher("t-7"), "research", 1);
      lt.tracker().track(new VideoPlayed(Occurrence.at(Fixtures.T0), lti, Fixtures.AGS_M3, "v1", "s-1", 1.0));
      lt.tracker().track(Fixtures.played("t-7", 2));
      assertThat(lt.flush(Duration.ofSeconds(30))).isTrue();
    }
    TrackedEvent arrivedPseudonymous = sink.received().get(0);
    assertThat(((VideoPlayed) arrivedPseudonymous.event()).learner()).isEqualTo(lti);
    assertThat(arrivedPseudonymous.pseudonymKeyId()).as("the LTI key made this pseudonym, not k1").isNull();
    assertThat(sink.received().get(1).pseudonymKeyId()).isEqualTo("k1");
  }

  @Test
  void badArgumentsAreRejectedNamingTheArgument() {
    byte[] shortKey = new byte[15];
    assertThatThrownBy(() -> Pseudonyms.forDestination("k1", shortKey, "research"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("studyKey must be at least 16 bytes, was 15 bytes");
    assertThatThrownBy(() -> Pseudonyms.withDestinationKey("k1", "research", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("destinationKey must be at least 16 bytes, was null");
    assertThatThrownBy(() -> Pseudonyms.forDestination(" ", Fixtures.KEY, "research")).hasMessage("keyId must not be blank");
    assertThatThrownBy(() -> Pseudonyms.forDestination("k1", Fixtures.KEY, "")).hasMessage("destination must not be blank");
    assertThatThrownBy(() -> Pseudonyms.forDestination("k1", Fixtures.KEY, "research").pseudonym(null, "t-1"))
        .isInstanceOf(NullPointerException.class).hasMessage("idSpace");
  }
}
