package org.learntrace.research.synth;

import static org.learntrace.research.engagement.Vocabulary.*;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.learntrace.xapi.Activity;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.Context;
import org.learntrace.xapi.Extensions;
import org.learntrace.xapi.LanguageMap;
import org.learntrace.xapi.Result;
import org.learntrace.xapi.Score;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.XapiDuration;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiTimestamp;

/**
 * Writes one treated teacher's course engagement as xAPI statements, one JSON statement a line:
 * for each module started, a cmi5-style session (initialized → video played/paused with
 * played-segments → quiz items answered → passed/failed → completed → terminated), sometimes a
 * second session on a later day for the quiz, peer comments, and {@code satisfied} for the course
 * once every module is completed. Modules {@code 1..completed} are completed; the next one, if
 * any, is started and left. Offline syncers' statements are stored {@code lag} days after they
 * happened.
 */
final class EngagementScript {
  private final StudyConfig cfg;
  private final ZoneId zone;
  private final Activity course;
  private final Activity profile = Activity.of(PROFILE);
  private final Activity videoProfile = Activity.of(VIDEO_PROFILE);
  private final Activity study = Activity.of(STUDY);
  private final Activity arm = Activity.of(STUDY + "/arm/treatment");
  private final Activity[] modules;
  private long written;

  EngagementScript(StudyConfig cfg) {
    this.cfg = cfg;
    this.zone = cfg.zone();
    this.course = Activity.builder(COURSE).type(COURSE_TYPE).name(LanguageMap.of("en-US", "Anonde Ghonit Shikhi")).build();
    this.modules = new Activity[cfg.modules() + 1];
    for (int j = 1; j <= cfg.modules(); j++) {
      modules[j] = Activity.builder(MODULE_PREFIX + j).type(MODULE_TYPE).name(LanguageMap.of("en-US", "Module " + j)).build();
    }
  }

  long written() {
    return written;
  }

  /** Everything one teacher did; returns the number of statements written. */
  int write(TeacherPlan t, OutputStream out) throws IOException {
    SplittableRandom r = Seeds.stream(cfg.seed(), Seeds.STATEMENTS, t.index());
    Agent actor = Agent.ofAccount(TEACHER_SPACE, t.teacherId());
    UUID registration = Seeds.uuid(r);
    Writer w = new Writer(t, actor, registration, r, out);
    LocalDate day = cfg.courseStart().plusDays(r.nextInt(7));
    for (int j = 1; j <= t.modulesStarted(); j++) {
      boolean completes = j <= t.modulesCompleted();
      Instant start = day.atTime(LocalTime.of(18, 0).plusMinutes(r.nextInt(240))).atZone(zone).toInstant();
      w.module(j, start, completes);
      day = day.plusDays(1 + r.nextInt(8));
    }
    if (t.modulesCompleted() == cfg.modules()) {
      Instant at = day.atTime(LocalTime.of(20, 0)).atZone(zone).toInstant();
      w.emit(SATISFIED, course, null, at, null, null);
    }
    written += w.count;
    return w.count;
  }

  private final class Writer {
    final TeacherPlan t;
    final Agent actor;
    final UUID registration;
    final SplittableRandom r;
    final OutputStream out;
    final Activity school;
    int count;

    Writer(TeacherPlan t, Agent actor, UUID registration, SplittableRandom r, OutputStream out) {
      this.t = t;
      this.actor = actor;
      this.registration = registration;
      this.r = r;
      this.out = out;
      this.school = Activity.of(SCHOOLS + t.schoolId());
    }

    void module(int j, Instant start, boolean completes) throws IOException {
      Activity module = modules[j];
      Activity video = Activity.builder(MODULE_PREFIX + j + "/video/1").type(VIDEO_TYPE).build();
      double length = 180 + 15 * j;
      String session = Seeds.uuid(r).toString();
      long ms = 0;
      emit(INITIALIZED, module, module, start, null, null);
      ms += 4_000 + r.nextInt(4_000);
      emitVideo(VIDEO_PLAYED, video, module, start.plusMillis(ms), Extensions.builder().put(EXT_TIME, 0.0).build(), session, length);
      double w1 = round1(length * (completes ? 0.5 + 0.45 * r.nextDouble() : 0.1 + 0.5 * r.nextDouble()));
      ms += (long) (w1 * 1000);
      String segments = "0[.]" + num(w1);
      emitVideo(VIDEO_PAUSED, video, module, start.plusMillis(ms), Extensions.builder().put(EXT_TIME, w1)
          .put(EXT_PROGRESS, round2(w1 / length)).put(EXT_PLAYED_SEGMENTS, segments).build(), session, length);
      if (completes) {
        // Rewatch from an earlier point to the end: the union of segments is then the whole video.
        double s2 = round1(w1 * (0.5 + 0.4 * r.nextDouble()));
        ms += 3_000;
        emitVideo(VIDEO_PLAYED, video, module, start.plusMillis(ms), Extensions.builder().put(EXT_TIME, s2).build(), session, length);
        ms += (long) ((length - s2) * 1000);
        segments += "[,]" + num(s2) + "[.]" + num(length);
        emitVideo(VIDEO_PAUSED, video, module, start.plusMillis(ms), Extensions.builder().put(EXT_TIME, length)
            .put(EXT_PROGRESS, 1.0).put(EXT_PLAYED_SEGMENTS, segments).build(), session, length);
      }
      Instant end = start.plusMillis(ms);
      if (completes) {
        Instant quizAt = start.plusMillis(ms + 30_000);
        boolean laterDay = r.nextDouble() < 0.3;
        if (laterDay) {
          emit(TERMINATED, module, module, start.plusMillis(ms + 10_000),
              Result.builder().duration(XapiDuration.of(java.time.Duration.ofMillis(ms + 10_000))).build(), null);
          quizAt = start.plusSeconds(86_400L * (1 + r.nextInt(3)) + r.nextInt(3_600));
          emit(INITIALIZED, module, module, quizAt, null, null);
          quizAt = quizAt.plusSeconds(5);
        }
        boolean failFirst = r.nextDouble() < 0.2;
        Instant at = quiz(j, module, quizAt, !failFirst);
        if (failFirst) {
          at = quiz(j, module, at.plusSeconds(20), true);
        }
        emit(COMPLETED, module, module, at.plusSeconds(5), Result.builder().completion(true).build(), null);
        end = at.plusSeconds(10);
      }
      emit(TERMINATED, module, module, end.plusSeconds(5), null, null);
      if (r.nextDouble() < 0.15) {
        Activity forum = Activity.of(LT + "ags/community/module/" + j);
        emit(COMMENTED, forum, module, end.plusSeconds(60 + r.nextInt(600)), null, null);
      }
    }

    Instant quiz(int j, Activity module, Instant at, boolean pass) throws IOException {
      int correct = 0;
      for (int q = 1; q <= 3; q++) {
        boolean ok = pass ? r.nextDouble() < 0.9 : r.nextDouble() < 0.3;
        correct += ok ? 1 : 0;
        at = at.plusSeconds(10 + r.nextInt(30));
        Activity item = Activity.builder(MODULE_PREFIX + j + "/quiz/item/" + q).type(INTERACTION_TYPE).build();
        emit(ANSWERED, item, module, at, Result.builder().response(ok ? "b" : "a").success(ok).build(), null);
      }
      double scaled = pass ? Math.max(0.7, correct / 3.0) : Math.min(0.5, correct / 3.0);
      at = at.plusSeconds(5);
      emit(pass ? PASSED : FAILED, Activity.of(MODULE_PREFIX + j + "/quiz"), module, at,
          Result.builder().score(Score.scaled(round2(scaled))).success(pass).build(), null);
      return at;
    }

    void emitVideo(String verb, Activity video, Activity module, Instant at, Extensions result, String session, double length)
        throws IOException {
      Extensions ctx = Extensions.builder().put(EXT_SESSION_ID, session).put(EXT_LENGTH, length)
          .put(EXT_BYTES, (long) (length * 20_000)).build();
      emit(verb, video, module, at, Result.builder().extensions(result).build(), ctx);
    }

    void emit(String verb, Activity object, Activity module, Instant at, Result result, Extensions extra) throws IOException {
      Extensions.Builder ext = Extensions.builder().put(EXT_DEVICE, t.device()).put(EXT_NETWORK, t.network())
          .put(EXT_SYNCED_LATE, t.offline());
      if (extra != null) {
        ext.putAll(extra);
      }
      Context.Builder ctx = Context.builder().registration(registration).grouping(course).grouping(school)
          .grouping(study).grouping(arm).category(profile).extensions(ext.build());
      if (module != null) {
        ctx.parent(module);
      }
      if (verb.startsWith("https://w3id.org/xapi/video/")) {
        ctx.category(videoProfile);
      }
      Instant stored = at.plusMillis(t.offline()
          ? t.syncLagDays() * 86_400_000L + r.nextInt(3_600_000) : 500 + r.nextInt(5_000));
      Statement s = Statement.builder().id(Seeds.uuid(r)).actor(actor).verb(Verb.of(verb)).object(object)
          .result(result).context(ctx.build()).timestamp(at).stored(XapiTimestamp.of(stored)).build();
      XapiJson.write(s, out);
      out.write('\n');
      count++;
    }
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** What the generator decided for one treated teacher. */
  record TeacherPlan(long index, String teacherId, String schoolId, String device, String network, int modulesStarted,
      int modulesCompleted, boolean offline, int syncLagDays) {}
}
