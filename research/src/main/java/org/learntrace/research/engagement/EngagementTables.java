package org.learntrace.research.engagement;

import java.util.Arrays;

/**
 * The state behind {@link EngagementMeasures}, as primitive columns: ids are numbered once
 * ({@link StringIndex}), days are epoch days, and each level is a table whose rows are numbered by
 * a {@link LongIndex} over a packed key — teacher × day, teacher × module, teacher × module ×
 * video, teacher × module × day. There is no object per row; interval unions (sessions, played
 * segments) are one small array per row that has any ({@link IntervalColumn}). Memory is
 * proportional to those rows, never to the number of statements.
 *
 * <p>Every update is the one the earlier map-of-objects implementation made, field by field, so
 * the measures are the same. Not thread-safe.
 */
final class EngagementTables {
  static final byte COMPLETED = 1;
  static final byte PASSED = 2;

  final StringIndex teacherIds = new StringIndex();
  final StringIndex moduleIds = new StringIndex();
  final StringIndex objectIds = new StringIndex();
  final StringIndex devices = new StringIndex();

  // per teacher (row = teacher number)
  long[] statements = new long[16];
  long[] late = new long[16];
  long[] maxLagMs = new long[16];
  int[] community = new int[16];
  boolean[] satisfied = new boolean[16];
  /** Device number, count, device number, count, … (null: no device seen). */
  int[][] deviceCounts = new int[16][];
  final IntervalColumn sessions = new IntervalColumn(EngagementMeasures.SESSION_GAP_MS);

  // per teacher × local day: key (teacher, day)
  final LongIndex teacherDays = new LongIndex();
  long[] dayStatements = new long[16];

  // per teacher × module: key (teacher, module)
  final LongIndex modules = new LongIndex();
  byte[] moduleFlags = new byte[16];
  double[] bestScore = new double[16];
  int[] attempts = new int[16];
  int[] answered = new int[16];
  int[] correct = new int[16];
  int[] firstDay = new int[16];

  // per teacher × module × video: key (teacher-module row, object)
  final LongIndex videos = new LongIndex();
  /** Union of played segments; absent when the video had only a length. */
  final IntervalColumn watched = new IntervalColumn(0);
  /** The first length seen (NaN: none). */
  double[] videoLength = new double[16];

  // per teacher × module × local day: key (teacher-module row, day)
  final LongIndex moduleDays = new LongIndex();
  long[] mdStatements = new long[16];
  int[] mdInitialized = new int[16];
  int[] mdAnswered = new int[16];
  int[] mdCorrect = new int[16];
  int[] mdPassed = new int[16];
  int[] mdFailed = new int[16];
  boolean[] mdCompleted = new boolean[16];
  int[] mdCommunity = new int[16];
  int[] mdLate = new int[16];
  final IntervalColumn mdWatch = new IntervalColumn(0);

  /** Adds one event that happened on local epoch day {@code day}. */
  void add(EngagementEvent e, int day) {
    int t = teacher(e.teacherId());
    statements[t]++;
    int td = teacherDay(t, day); // before reading the field: adding a row may replace the array
    dayStatements[td]++;
    sessions.add(t, e.timestampMs(), e.timestampMs());
    if (e.device() != null) {
      addDevice(t, devices.add(e.device()), 1);
    }
    boolean isLate = Boolean.TRUE.equals(e.syncedLate());
    if (isLate) {
      late[t]++;
    }
    if (e.storedMs() != Long.MIN_VALUE) {
      maxLagMs[t] = Math.max(maxLagMs[t], e.storedMs() - e.timestampMs());
    }
    String verb = e.verb();
    boolean isCommunity = EngagementEvent.COMMUNITY.contains(verb);
    if (isCommunity) {
      community[t]++;
    }
    if (Vocabulary.SATISFIED.equals(verb)) {
      satisfied[t] = true;
    }
    if (e.moduleId().isEmpty()) {
      return;
    }
    int m = module(t, moduleIds.add(e.moduleId()), day);
    firstDay[m] = Math.min(firstDay[m], day);
    int d = moduleDay(m, day);
    mdStatements[d]++;
    if (isLate) {
      mdLate[d]++;
    }
    if (isCommunity) {
      mdCommunity[d]++;
      return;
    }
    switch (verb) {
      case Vocabulary.INITIALIZED, Vocabulary.LAUNCHED -> mdInitialized[d]++;
      case Vocabulary.ANSWERED -> {
        mdAnswered[d]++;
        answered[m]++;
        if (Boolean.TRUE.equals(e.success())) {
          mdCorrect[d]++;
          correct[m]++;
        }
      }
      case Vocabulary.PASSED, Vocabulary.FAILED -> {
        if (Vocabulary.PASSED.equals(verb)) {
          mdPassed[d]++;
          moduleFlags[m] |= PASSED;
        } else {
          mdFailed[d]++;
        }
        attempts[m]++;
        bestScore[m] = max(bestScore[m], e.scoreScaled());
      }
      case Vocabulary.COMPLETED -> {
        if (e.objectId().equals(e.moduleId())) {
          mdCompleted[d] = true;
          moduleFlags[m] |= COMPLETED;
        }
      }
      default -> {
        if (e.playedSegments() != null) {
          int v = video(m, objectIds.add(e.objectId()));
          watched.touch(v);
          watched.addPlayedSegments(v, e.playedSegments());
          mdWatch.addPlayedSegments(d, e.playedSegments());
        }
        if (!Double.isNaN(e.videoLength())) {
          int v = video(m, objectIds.add(e.objectId()));
          if (Double.isNaN(videoLength[v])) {
            videoLength[v] = e.videoLength();
          }
        }
      }
    }
  }

  /** Adds everything {@code o} holds. */
  void merge(EngagementTables o) {
    int[] teacherOf = new int[o.teacherIds.size()];
    for (int ot = 0; ot < teacherOf.length; ot++) {
      int t = teacher(o.teacherIds.value(ot));
      teacherOf[ot] = t;
      statements[t] += o.statements[ot];
      late[t] += o.late[ot];
      maxLagMs[t] = Math.max(maxLagMs[t], o.maxLagMs[ot]);
      community[t] += o.community[ot];
      satisfied[t] |= o.satisfied[ot];
      int[] dc = o.deviceCounts[ot];
      for (int k = 0; dc != null && k < dc.length; k += 2) {
        addDevice(t, devices.add(o.devices.value(dc[k])), dc[k + 1]);
      }
      sessions.addAll(t, o.sessions, ot);
    }
    for (int r = 0; r < o.teacherDays.size(); r++) {
      long k = o.teacherDays.key(r);
      int td = teacherDay(teacherOf[LongIndex.high(k)], LongIndex.low(k));
      dayStatements[td] += o.dayStatements[r];
    }
    int[] moduleOf = new int[o.modules.size()];
    for (int om = 0; om < moduleOf.length; om++) {
      long k = o.modules.key(om);
      int m = module(teacherOf[LongIndex.high(k)], moduleIds.add(o.moduleIds.value(LongIndex.low(k))), o.firstDay[om]);
      moduleOf[om] = m;
      moduleFlags[m] |= o.moduleFlags[om];
      bestScore[m] = max(bestScore[m], o.bestScore[om]);
      attempts[m] += o.attempts[om];
      answered[m] += o.answered[om];
      correct[m] += o.correct[om];
      firstDay[m] = Math.min(firstDay[m], o.firstDay[om]);
    }
    for (int ov = 0; ov < o.videos.size(); ov++) {
      long k = o.videos.key(ov);
      int v = video(moduleOf[LongIndex.high(k)], objectIds.add(o.objectIds.value(LongIndex.low(k))));
      watched.addAll(v, o.watched, ov);
      if (Double.isNaN(videoLength[v])) {
        videoLength[v] = o.videoLength[ov];
      }
    }
    for (int od = 0; od < o.moduleDays.size(); od++) {
      long k = o.moduleDays.key(od);
      int d = moduleDay(moduleOf[LongIndex.high(k)], LongIndex.low(k));
      mdStatements[d] += o.mdStatements[od];
      mdInitialized[d] += o.mdInitialized[od];
      mdAnswered[d] += o.mdAnswered[od];
      mdCorrect[d] += o.mdCorrect[od];
      mdPassed[d] += o.mdPassed[od];
      mdFailed[d] += o.mdFailed[od];
      mdCompleted[d] |= o.mdCompleted[od];
      mdCommunity[d] += o.mdCommunity[od];
      mdLate[d] += o.mdLate[od];
      mdWatch.addAll(d, o.mdWatch, od);
    }
  }

  /**
   * The next capacity of a column holding {@code size} rows: half as big again, so that a full
   * column wastes at most a third (doubling can waste half, and the tables are most of the heap).
   */
  static int grow(int size) {
    return Math.max(16, size + (size >> 1));
  }

  static double max(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  // ---- rows, created with their columns' initial values ----

  private int teacher(String id) {
    int t = teacherIds.add(id);
    if (t == statements.length) {
      int n = grow(t);
      statements = Arrays.copyOf(statements, n);
      late = Arrays.copyOf(late, n);
      maxLagMs = Arrays.copyOf(maxLagMs, n);
      community = Arrays.copyOf(community, n);
      satisfied = Arrays.copyOf(satisfied, n);
      deviceCounts = Arrays.copyOf(deviceCounts, n);
    }
    sessions.ensure(t + 1);
    return t;
  }

  private int teacherDay(int teacher, int day) {
    int r = teacherDays.add(LongIndex.pack(teacher, day));
    if (r == dayStatements.length) {
      dayStatements = Arrays.copyOf(dayStatements, grow(r));
    }
    return r;
  }

  private int module(int teacher, int module, int day) {
    int size = modules.size();
    int m = modules.add(LongIndex.pack(teacher, module));
    if (m == size) {
      if (m == moduleFlags.length) {
        int n = grow(m);
        moduleFlags = Arrays.copyOf(moduleFlags, n);
        bestScore = Arrays.copyOf(bestScore, n);
        attempts = Arrays.copyOf(attempts, n);
        answered = Arrays.copyOf(answered, n);
        correct = Arrays.copyOf(correct, n);
        firstDay = Arrays.copyOf(firstDay, n);
      }
      bestScore[m] = Double.NaN;
      firstDay[m] = day;
    }
    return m;
  }

  private int video(int module, int object) {
    int size = videos.size();
    int v = videos.add(LongIndex.pack(module, object));
    if (v == size) {
      if (v == videoLength.length) {
        videoLength = Arrays.copyOf(videoLength, grow(v));
      }
      videoLength[v] = Double.NaN;
      watched.ensure(v + 1);
    }
    return v;
  }

  private int moduleDay(int module, int day) {
    int d = moduleDays.add(LongIndex.pack(module, day));
    if (d == mdStatements.length) {
      int n = grow(d);
      mdStatements = Arrays.copyOf(mdStatements, n);
      mdInitialized = Arrays.copyOf(mdInitialized, n);
      mdAnswered = Arrays.copyOf(mdAnswered, n);
      mdCorrect = Arrays.copyOf(mdCorrect, n);
      mdPassed = Arrays.copyOf(mdPassed, n);
      mdFailed = Arrays.copyOf(mdFailed, n);
      mdCompleted = Arrays.copyOf(mdCompleted, n);
      mdCommunity = Arrays.copyOf(mdCommunity, n);
      mdLate = Arrays.copyOf(mdLate, n);
    }
    mdWatch.ensure(d + 1);
    return d;
  }

  private void addDevice(int teacher, int device, int count) {
    int[] dc = deviceCounts[teacher];
    if (dc == null) {
      deviceCounts[teacher] = new int[] {device, count};
      return;
    }
    for (int k = 0; k < dc.length; k += 2) {
      if (dc[k] == device) {
        dc[k + 1] += count;
        return;
      }
    }
    dc = Arrays.copyOf(dc, dc.length + 2);
    dc[dc.length - 2] = device;
    dc[dc.length - 1] = count;
    deviceCounts[teacher] = dc;
  }
}
