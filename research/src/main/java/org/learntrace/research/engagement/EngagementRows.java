package org.learntrace.research.engagement;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;
import org.learntrace.research.engagement.EngagementMeasures.Teacher;
import org.learntrace.research.engagement.EngagementMeasures.TeacherDay;
import org.learntrace.research.engagement.EngagementMeasures.TeacherModule;
import org.learntrace.research.engagement.EngagementMeasures.TeacherModuleDay;

/**
 * The rows of {@link EngagementTables} in their published order — teachers by id, modules by
 * number then id, videos by id, days by date — as adjacency lists of row numbers (a few
 * {@code int[]}s), built once after the last event. Sums over a teacher's modules and a module's
 * videos are taken in that order, so they do not depend on how the statements were split between
 * threads. Read-only once built, so threads may share it.
 */
final class EngagementRows {
  private final EngagementTables s;
  private final LocalDays days;
  /** Teacher numbers sorted by id. */
  private final int[] teacherOrder;
  /** Teacher t's teacher-module rows are {@code moduleList[moduleStart[t] .. moduleStart[t+1])}, sorted. */
  private final int[] moduleStart;
  private final int[] moduleList;
  private final int[] videoStart;
  private final int[] videoList;
  private final int[] dayStart;
  private final int[] dayList;
  /** Local days with statements, per teacher. */
  private final int[] daysActive;

  EngagementRows(EngagementTables s, java.time.ZoneId zone) {
    this.s = s;
    this.days = new LocalDays(zone);
    int teachers = s.teacherIds.size();
    String[] ids = new String[teachers];
    for (int t = 0; t < teachers; t++) {
      ids[t] = s.teacherIds.value(t);
    }
    Arrays.sort(ids, Comparator.nullsFirst(Comparator.naturalOrder()));
    teacherOrder = new int[teachers];
    for (int i = 0; i < teachers; i++) {
      teacherOrder[i] = s.teacherIds.get(ids[i]);
    }
    int moduleCount = s.moduleIds.size();
    Integer[] byNumber = new Integer[moduleCount];
    for (int m = 0; m < moduleCount; m++) {
      byNumber[m] = m;
    }
    Arrays.sort(byNumber, Comparator.<Integer>comparingInt(m -> EngagementMeasures.moduleNumber(s.moduleIds.value(m)))
        .thenComparing(m -> s.moduleIds.value(m)));
    int[] moduleRank = new int[moduleCount];
    for (int i = 0; i < moduleCount; i++) {
      moduleRank[byNumber[i]] = i;
    }
    int objects = s.objectIds.size();
    String[] objectIds = new String[objects];
    for (int v = 0; v < objects; v++) {
      objectIds[v] = s.objectIds.value(v);
    }
    Arrays.sort(objectIds, Comparator.nullsFirst(Comparator.naturalOrder())); // an activity may lack an id
    int[] objectRank = new int[objects];
    for (int i = 0; i < objects; i++) {
      objectRank[s.objectIds.get(objectIds[i])] = i;
    }

    LongIndex tm = s.modules;
    moduleStart = starts(tm, teachers);
    moduleList = group(tm, moduleStart, r -> moduleRank[LongIndex.low(tm.key(r))]);
    videoStart = starts(s.videos, tm.size());
    videoList = group(s.videos, videoStart, r -> objectRank[LongIndex.low(s.videos.key(r))]);
    dayStart = starts(s.moduleDays, tm.size());
    dayList = group(s.moduleDays, dayStart, r -> LongIndex.low(s.moduleDays.key(r)));
    daysActive = new int[teachers];
    for (int r = 0; r < s.teacherDays.size(); r++) {
      daysActive[LongIndex.high(s.teacherDays.key(r))]++;
    }
  }

  /** Offsets of each owner's rows: owner o (the high half of the key) has rows {@code [start[o], start[o+1])}. */
  private static int[] starts(LongIndex rows, int owners) {
    int[] start = new int[owners + 1];
    for (int r = 0; r < rows.size(); r++) {
      start[LongIndex.high(rows.key(r)) + 1]++;
    }
    for (int o = 0; o < owners; o++) {
      start[o + 1] += start[o];
    }
    return start;
  }

  /** Row numbers grouped by owner, each group sorted by {@code order} (then row number). */
  private static int[] group(LongIndex rows, int[] start, java.util.function.IntUnaryOperator order) {
    int n = rows.size();
    long[] packed = new long[n];
    int[] fill = Arrays.copyOf(start, start.length - 1);
    for (int r = 0; r < n; r++) {
      packed[fill[LongIndex.high(rows.key(r))]++] = LongIndex.pack(order.applyAsInt(r), r);
    }
    for (int o = 0; o + 1 < start.length; o++) {
      if (start[o + 1] - start[o] > 1) {
        Arrays.sort(packed, start[o], start[o + 1]);
      }
    }
    int[] list = new int[n];
    for (int i = 0; i < n; i++) {
      list[i] = LongIndex.low(packed[i]);
    }
    return list;
  }

  /** The summary of teacher number {@code t}. */
  Teacher teacher(int t) {
    int completed = 0;
    int passed = 0;
    int attempts = 0;
    int answered = 0;
    double watched = 0;
    for (int i = moduleStart[t]; i < moduleStart[t + 1]; i++) {
      int m = moduleList[i];
      completed += (s.moduleFlags[m] & EngagementTables.COMPLETED) != 0 ? 1 : 0;
      passed += (s.moduleFlags[m] & EngagementTables.PASSED) != 0 ? 1 : 0;
      attempts += s.attempts[m];
      answered += s.answered[m];
      for (int j = videoStart[m]; j < videoStart[m + 1]; j++) {
        if (s.watched.present(videoList[j])) {
          watched += s.watched.length(videoList[j]);
        }
      }
    }
    double minutes = 0;
    for (int k = 0; k < s.sessions.size(t); k++) {
      minutes += (s.sessions.end(t, k) - s.sessions.start(t, k)) / 60_000.0;
    }
    long statements = s.statements[t];
    return new Teacher(s.teacherIds.value(t), statements, moduleStart[t + 1] - moduleStart[t], completed, passed,
        s.satisfied[t], daysActive[t], s.sessions.size(t), minutes, watched / 60.0, attempts, answered, s.community[t],
        statements == 0 ? 0 : (double) s.late[t] / statements, s.maxLagMs[t] / 86_400_000.0, device(t));
  }

  /** The most frequent device; on a tie the first by name. */
  private String device(int t) {
    int[] dc = s.deviceCounts[t];
    if (dc == null) {
      return null;
    }
    String best = s.devices.value(dc[0]);
    int bestCount = dc[1];
    for (int k = 2; k < dc.length; k += 2) {
      String d = s.devices.value(dc[k]);
      if (dc[k + 1] > bestCount || (dc[k + 1] == bestCount && d.compareTo(best) < 0)) {
        best = d;
        bestCount = dc[k + 1];
      }
    }
    return best;
  }

  void forEachTeacher(Consumer<Teacher> rows) {
    for (int t : teacherOrder) {
      rows.accept(teacher(t));
    }
  }

  void forEachTeacherModule(Consumer<TeacherModule> rows) {
    for (int t : teacherOrder) {
      String teacherId = s.teacherIds.value(t);
      for (int i = moduleStart[t]; i < moduleStart[t + 1]; i++) {
        int m = moduleList[i];
        double length = 0;
        double watched = 0;
        for (int j = videoStart[m]; j < videoStart[m + 1]; j++) {
          int v = videoList[j];
          if (s.watched.present(v)) {
            watched += s.watched.length(v);
            length += s.videoLength[v];
          }
        }
        String moduleId = s.moduleIds.value(LongIndex.low(s.modules.key(m)));
        rows.accept(new TeacherModule(teacherId, moduleId, EngagementMeasures.moduleNumber(moduleId), true,
            (s.moduleFlags[m] & EngagementTables.COMPLETED) != 0, (s.moduleFlags[m] & EngagementTables.PASSED) != 0,
            s.bestScore[m], s.attempts[m], s.answered[m], s.correct[m], watched,
            length > 0 ? Math.min(1, watched / length) : Double.NaN, dayStart[m + 1] - dayStart[m],
            LocalDate.ofEpochDay(s.firstDay[m])));
      }
    }
  }

  void forEachTeacherModuleDay(Consumer<TeacherModuleDay> rows) {
    for (int t : teacherOrder) {
      String teacherId = s.teacherIds.value(t);
      for (int i = moduleStart[t]; i < moduleStart[t + 1]; i++) {
        int m = moduleList[i];
        String moduleId = s.moduleIds.value(LongIndex.low(s.modules.key(m)));
        int number = EngagementMeasures.moduleNumber(moduleId);
        for (int j = dayStart[m]; j < dayStart[m + 1]; j++) {
          int d = dayList[j];
          rows.accept(new TeacherModuleDay(teacherId, moduleId, number,
              LocalDate.ofEpochDay(LongIndex.low(s.moduleDays.key(d))), s.mdStatements[d], s.mdInitialized[d],
              s.mdWatch.present(d) ? s.mdWatch.length(d) : 0, s.mdAnswered[d], s.mdCorrect[d], s.mdPassed[d],
              s.mdFailed[d], s.mdCompleted[d], s.mdCommunity[d], s.mdLate[d]));
        }
      }
    }
  }

  /** Sessions grouped by the local day they start on; the hour is that of the day's first session. */
  synchronized void forEachTeacherDay(Consumer<TeacherDay> rows) { // LocalDays keeps a cache
    long[] byDay = new long[16];
    for (int t : teacherOrder) {
      String teacherId = s.teacherIds.value(t);
      int n = s.sessions.size(t);
      if (byDay.length < n) {
        byDay = new long[n];
      }
      for (int k = 0; k < n; k++) {
        byDay[k] = LongIndex.pack(days.epochDay((long) s.sessions.start(t, k)), k);
      }
      Arrays.sort(byDay, 0, n);
      for (int i = 0; i < n; ) {
        int day = LongIndex.high(byDay[i]);
        int first = LongIndex.low(byDay[i]);
        int sessions = 0;
        long ms = 0;
        for (; i < n && LongIndex.high(byDay[i]) == day; i++) {
          int k = LongIndex.low(byDay[i]);
          sessions++;
          ms += (long) (s.sessions.end(t, k) - s.sessions.start(t, k));
        }
        int r = s.teacherDays.get(LongIndex.pack(t, day));
        rows.accept(new TeacherDay(teacherId, LocalDate.ofEpochDay(day), r < 0 ? 0 : s.dayStatements[r], sessions,
            ms / 60_000.0, days.hour((long) s.sessions.start(t, first))));
      }
    }
  }
}
