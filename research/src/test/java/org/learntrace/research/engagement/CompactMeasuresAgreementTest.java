package org.learntrace.research.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learntrace.research.synth.StudyConfig;
import org.learntrace.research.synth.SyntheticStudy;

/**
 * The compact {@link EngagementMeasures} (primitive columns) gives exactly the rows of the
 * straightforward map-of-objects implementation it replaced ({@link ReferenceEngagementMeasures}),
 * on a synthetic study and on random events built to hit the corners: several videos per module,
 * overlapping and empty played segments, events out of order, days across daylight-saving changes,
 * device ties, modules without a number, and passes split into parts and merged.
 *
 * <p>Sums over several modules or videos are taken in a fixed order by the compact measures and in
 * hash order by the reference; the random events use segment bounds in quarters, whose sums are
 * exact in any order, so every field can be compared exactly.
 */
class CompactMeasuresAgreementTest {
  static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");
  @TempDir static Path tmp;
  static List<EngagementEvent> study = new ArrayList<>();
  static Path statements;

  @BeforeAll
  static void generate() throws IOException {
    Path dir = tmp.resolve("study");
    SyntheticStudy.generate(StudyConfig.study(42), dir, n -> {});
    statements = dir.resolve("statements.ndjson");
    NdjsonStatements.read(statements, s -> {
      EngagementEvent e = EngagementEvent.of(s, Vocabulary.TEACHER_SPACE);
      if (e != null) {
        study.add(e);
      }
    }, e -> {
      throw new AssertionError(e.toString());
    });
  }

  @Test
  void syntheticStudyGivesTheReferenceRows() {
    ReferenceEngagementMeasures want = new ReferenceEngagementMeasures(DHAKA);
    EngagementMeasures got = new EngagementMeasures(DHAKA);
    study.forEach(want::add);
    study.forEach(got::add);
    assertThat(study).hasSizeGreaterThan(10_000);
    assertSame(got, want);
  }

  @Test
  void parallelChunkedPassGivesTheReferenceRows() throws IOException {
    ReferenceEngagementMeasures want = new ReferenceEngagementMeasures(DHAKA);
    study.forEach(want::add);
    for (int threads : new int[] {1, 2, 3}) {
      var pass = NdjsonStatements.engagement(statements, Vocabulary.TEACHER_SPACE, DHAKA, threads, n -> {}, 64 << 10);
      assertSame(pass.measures(), want);
    }
  }

  @Test
  void randomEventsInAnyOrderAndSplitGiveTheReferenceRows() {
    for (String zone : new String[] {"Asia/Dhaka", "Europe/London", "America/Sao_Paulo"}) {
      ZoneId z = ZoneId.of(zone);
      for (long seed = 1; seed <= 20; seed++) {
        List<EngagementEvent> events = randomEvents(new SplittableRandom(seed), z);
        ReferenceEngagementMeasures want = new ReferenceEngagementMeasures(z);
        events.forEach(want::add);
        EngagementMeasures whole = new EngagementMeasures(z);
        events.forEach(whole::add);
        assertSame(whole, want);

        // three parts, merged into the second (as the parallel pass merges into its biggest part);
        // the first length seen of a video wins, so the reference is split and merged the same way
        EngagementMeasures[] parts = {new EngagementMeasures(z), new EngagementMeasures(z), new EngagementMeasures(z)};
        ReferenceEngagementMeasures[] wantParts = {new ReferenceEngagementMeasures(z),
            new ReferenceEngagementMeasures(z), new ReferenceEngagementMeasures(z)};
        SplittableRandom split = new SplittableRandom(seed + 1000);
        for (EngagementEvent e : events) {
          int part = split.nextInt(3);
          parts[part].add(e);
          wantParts[part].add(e);
        }
        parts[1].merge(parts[0]);
        parts[1].merge(parts[2]);
        wantParts[1].merge(wantParts[0]);
        wantParts[1].merge(wantParts[2]);
        assertSame(parts[1], wantParts[1]);
      }
    }
  }

  @Test
  void queriesBetweenAddsSeeTheNewEvents() {
    EngagementMeasures m = new EngagementMeasures(DHAKA);
    m.add(study.get(0));
    assertThat(m.teacherRows()).hasSize(1);
    String other = "someone-else";
    EngagementEvent e = study.get(0);
    m.add(new EngagementEvent(other, e.verb(), e.objectId(), e.moduleId(), e.timestampMs(), e.storedMs(),
        e.syncedLate(), e.device(), e.playedSegments(), e.videoLength(), e.scoreScaled(), e.success()));
    assertThat(m.teacherRows()).hasSize(2);
    assertThat(m.teacherIds()).contains(other).hasSize(2);
    assertThat(m.teacher(other).statements()).isEqualTo(1);
    assertThat(m.teacher("nobody")).isNull();
  }

  static void assertSame(EngagementMeasures got, ReferenceEngagementMeasures want) {
    assertThat(got.events()).isEqualTo(want.events());
    assertThat(got.teacherIds()).containsExactlyInAnyOrderElementsOf(want.teacherIds());
    assertThat(got.teacherRows()).isEqualTo(want.teacherRows());
    assertThat(got.teacherModuleRows()).isEqualTo(want.teacherModuleRows());
    assertThat(got.teacherModuleDayRows()).isEqualTo(want.teacherModuleDayRows());
    assertThat(got.teacherDayRows()).isEqualTo(want.teacherDayRows());
    for (String id : want.teacherIds()) {
      assertThat(got.teacher(id)).isEqualTo(want.teacher(id));
    }
  }

  static final String[] VERBS = {Vocabulary.INITIALIZED, Vocabulary.LAUNCHED, Vocabulary.VIDEO_PLAYED,
      Vocabulary.VIDEO_PAUSED, Vocabulary.ANSWERED, Vocabulary.PASSED, Vocabulary.FAILED, Vocabulary.COMPLETED,
      Vocabulary.TERMINATED, Vocabulary.SATISFIED, Vocabulary.COMMENTED, Vocabulary.TINCAN_REPLIED, Vocabulary.SHARED};
  static final String[] MODULES = {Vocabulary.MODULE_PREFIX + 1, Vocabulary.MODULE_PREFIX + 2,
      Vocabulary.MODULE_PREFIX + 10, Vocabulary.COURSE + "/module/intro", "", ""};
  static final String[] DEVICES = {"phone", "tablet", "computer"};

  /** Events of 12 teachers over ~3 weeks around a daylight-saving change, in random order. */
  static List<EngagementEvent> randomEvents(SplittableRandom r, ZoneId zone) {
    long base = LocalDate.of(2018, 9, 20).atStartOfDay(zone).toInstant().toEpochMilli();
    if (!zone.getId().equals("Asia/Dhaka")) {
      base = zone.getRules().nextTransition(Instant.ofEpochMilli(base)).getInstant().toEpochMilli() - 10 * 86_400_000L;
    }
    List<EngagementEvent> out = new ArrayList<>();
    int n = 200 + r.nextInt(600);
    for (int i = 0; i < n; i++) {
      String teacher = "t-" + r.nextInt(12);
      String verb = VERBS[r.nextInt(VERBS.length)];
      String module = MODULES[r.nextInt(MODULES.length)];
      String object = switch (verb) {
        case Vocabulary.COMPLETED -> r.nextBoolean() ? module : module + "/quiz";
        case Vocabulary.VIDEO_PLAYED, Vocabulary.VIDEO_PAUSED -> module + "/video/" + r.nextInt(3);
        default -> r.nextInt(5) == 0 ? "" : module + "/item/" + r.nextInt(4);
      };
      long ts = base + r.nextLong(20 * 86_400_000L);
      // a few clusters of events close together, so that sessions join
      if (r.nextInt(3) == 0) {
        ts = base + (r.nextInt(40) * 3_600_000L) + r.nextLong(45 * 60_000L);
      }
      long stored = r.nextInt(5) == 0 ? Long.MIN_VALUE : ts + r.nextLong(14 * 86_400_000L);
      Boolean late = r.nextInt(3) == 0 ? null : r.nextBoolean();
      String device = r.nextInt(4) == 0 ? null : DEVICES[r.nextInt(DEVICES.length)];
      String segments = null;
      if (r.nextInt(3) > 0) {
        StringBuilder b = new StringBuilder();
        int parts = r.nextInt(4);
        for (int k = 0; k < parts; k++) {
          double a = r.nextInt(400) / 4.0;
          double len = r.nextInt(200) / 4.0;
          b.append(k == 0 ? "" : "[,]").append(a).append("[.]").append(a + len);
        }
        segments = b.toString();
      }
      double length = r.nextInt(3) == 0 ? Double.NaN : 60 + r.nextInt(4) * 30;
      double scaled = r.nextInt(3) == 0 ? Double.NaN : r.nextDouble();
      Boolean success = r.nextInt(3) == 0 ? null : r.nextBoolean();
      out.add(new EngagementEvent(teacher, verb, object, module, ts, stored, late, device, segments, length, scaled,
          success));
    }
    return out;
  }
}
