package org.learntrace.research.engagement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.learntrace.research.engagement.EngagementMeasures.Teacher;
import org.learntrace.research.engagement.EngagementMeasures.TeacherDay;
import org.learntrace.research.engagement.EngagementMeasures.TeacherModule;
import org.learntrace.research.engagement.EngagementMeasures.TeacherModuleDay;

/**
 * The engagement measures as first written — a map of objects per teacher, module and day, with
 * boxed {@code LocalDate} keys — kept verbatim (bar names) as the reference that the compact
 * {@link EngagementMeasures} must agree with ({@link CompactMeasuresAgreementTest}). Too big for a
 * national study in a 1 GB heap; fine for tests.
 */
final class ReferenceEngagementMeasures {
  /** Idle time that ends a session: 30 minutes. */
  public static final long SESSION_GAP_MS = 30 * 60 * 1000L;

  private final ZoneId zone;
  private final Map<String, TeacherState> teachers = new HashMap<>();
  private long events;

  /** Measures with days in {@code zone}. */
  ReferenceEngagementMeasures(ZoneId zone) {
    this.zone = zone;
  }

  /** Adds one event. */
  public void add(EngagementEvent e) {
    events++;
    TeacherState t = teachers.computeIfAbsent(e.teacherId(), TeacherState::new);
    LocalDate day = Instant.ofEpochMilli(e.timestampMs()).atZone(zone).toLocalDate();
    t.add(e, day);
  }

  /** Merges another instance's events into this one (for parallel passes). */
  public void merge(ReferenceEngagementMeasures other) {
    events += other.events;
    for (TeacherState o : other.teachers.values()) {
      TeacherState t = teachers.get(o.id);
      if (t == null) {
        teachers.put(o.id, o);
      } else {
        t.merge(o);
      }
    }
  }

  /** Events added. */
  public long events() {
    return events;
  }

  /** Teachers seen. */
  public Set<String> teacherIds() {
    return teachers.keySet();
  }

  /** One teacher's summary, or null when the teacher has no events. */
  public Teacher teacher(String teacherId) {
    TeacherState t = teachers.get(teacherId);
    return t == null ? null : t.summary(zone);
  }

  /** Every teacher's summary, sorted by id. */
  public List<Teacher> teacherRows() {
    List<Teacher> out = new ArrayList<>();
    for (TeacherState t : teachers.values()) {
      out.add(t.summary(zone));
    }
    out.sort(Comparator.comparing(Teacher::teacherId));
    return out;
  }

  /** Per teacher × module rows, sorted. */
  public List<TeacherModule> teacherModuleRows() {
    List<TeacherModule> out = new ArrayList<>();
    for (TeacherState t : teachers.values()) {
      for (Map.Entry<String, ModuleState> m : t.modules.entrySet()) {
        ModuleState s = m.getValue();
        double length = 0;
        double watched = 0;
        for (Map.Entry<String, IntervalSet> v : s.videos.entrySet()) {
          watched += v.getValue().length();
          length += s.videoLength.getOrDefault(v.getKey(), Double.NaN);
        }
        out.add(new TeacherModule(t.id, m.getKey(), EngagementMeasures.moduleNumber(m.getKey()), true, s.completed, s.passed,
            s.bestScore, s.attempts, s.answered, s.correct, watched, length > 0 ? Math.min(1, watched / length) : Double.NaN,
            s.days.size(), s.first == null ? null : s.first));
      }
    }
    out.sort(Comparator.comparing(TeacherModule::teacherId).thenComparingInt(TeacherModule::moduleNumber)
        .thenComparing(TeacherModule::moduleId));
    return out;
  }

  /** Per teacher × module × local day rows, sorted. */
  public List<TeacherModuleDay> teacherModuleDayRows() {
    List<TeacherModuleDay> out = new ArrayList<>();
    for (TeacherState t : teachers.values()) {
      for (Map.Entry<String, ModuleState> m : t.modules.entrySet()) {
        for (Map.Entry<LocalDate, DayCounts> d : m.getValue().days.entrySet()) {
          DayCounts c = d.getValue();
          out.add(new TeacherModuleDay(t.id, m.getKey(), EngagementMeasures.moduleNumber(m.getKey()), d.getKey(), c.statements,
              c.initialized, c.watch.length(), c.answered, c.correct, c.passed, c.failed, c.completed, c.community,
              c.lateSynced));
        }
      }
    }
    out.sort(Comparator.comparing(TeacherModuleDay::teacherId).thenComparingInt(TeacherModuleDay::moduleNumber)
        .thenComparing(TeacherModuleDay::moduleId).thenComparing(TeacherModuleDay::date));
    return out;
  }

  /** Per teacher × local day rows (sessions and time on platform), sorted. */
  public List<TeacherDay> teacherDayRows() {
    List<TeacherDay> out = new ArrayList<>();
    for (TeacherState t : teachers.values()) {
      Map<LocalDate, long[]> byDay = new TreeMap<>();
      for (int k = 0; k < t.sessions.size(); k++) {
        LocalDate day = Instant.ofEpochMilli((long) t.sessions.start(k)).atZone(zone).toLocalDate();
        long[] acc = byDay.computeIfAbsent(day, x -> new long[3]);
        acc[0]++;
        acc[1] += (long) (t.sessions.end(k) - t.sessions.start(k));
        if (acc[0] == 1) {
          acc[2] = Instant.ofEpochMilli((long) t.sessions.start(k)).atZone(zone).getHour();
        }
      }
      for (Map.Entry<LocalDate, long[]> e : byDay.entrySet()) {
        out.add(new TeacherDay(t.id, e.getKey(), t.statementsByDay.getOrDefault(e.getKey(), 0L), (int) e.getValue()[0],
            e.getValue()[1] / 60_000.0, (int) e.getValue()[2]));
      }
    }
    out.sort(Comparator.comparing(TeacherDay::teacherId).thenComparing(TeacherDay::date));
    return out;
  }

  private static final class DayCounts {
    long statements;
    int initialized;
    int answered;
    int correct;
    int passed;
    int failed;
    boolean completed;
    int community;
    int lateSynced;
    final IntervalSet watch = new IntervalSet(0);

    void merge(DayCounts o) {
      statements += o.statements;
      initialized += o.initialized;
      answered += o.answered;
      correct += o.correct;
      passed += o.passed;
      failed += o.failed;
      completed |= o.completed;
      community += o.community;
      lateSynced += o.lateSynced;
      for (int k = 0; k < o.watch.size(); k++) {
        watch.add(o.watch.start(k), o.watch.end(k));
      }
    }
  }

  private static final class ModuleState {
    final Map<LocalDate, DayCounts> days = new TreeMap<>();
    final Map<String, IntervalSet> videos = new HashMap<>(2);
    final Map<String, Double> videoLength = new HashMap<>(2);
    boolean completed;
    boolean passed;
    double bestScore = Double.NaN;
    int attempts;
    int answered;
    int correct;
    LocalDate first;

    void merge(ModuleState o) {
      for (Map.Entry<LocalDate, DayCounts> d : o.days.entrySet()) {
        DayCounts mine = days.get(d.getKey());
        if (mine == null) {
          days.put(d.getKey(), d.getValue());
        } else {
          mine.merge(d.getValue());
        }
      }
      for (Map.Entry<String, IntervalSet> v : o.videos.entrySet()) {
        IntervalSet mine = videos.computeIfAbsent(v.getKey(), x -> new IntervalSet(0));
        for (int k = 0; k < v.getValue().size(); k++) {
          mine.add(v.getValue().start(k), v.getValue().end(k));
        }
      }
      o.videoLength.forEach(videoLength::putIfAbsent);
      completed |= o.completed;
      passed |= o.passed;
      bestScore = max(bestScore, o.bestScore);
      attempts += o.attempts;
      answered += o.answered;
      correct += o.correct;
      if (o.first != null && (first == null || o.first.isBefore(first))) {
        first = o.first;
      }
    }
  }

  private static double max(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static final class TeacherState {
    final String id;
    final Map<String, ModuleState> modules = new HashMap<>();
    final IntervalSet sessions = new IntervalSet(SESSION_GAP_MS);
    final Map<LocalDate, Long> statementsByDay = new HashMap<>();
    final Map<String, Integer> devices = new HashMap<>(2);
    long statements;
    long late;
    long maxLagMs;
    int community;
    boolean satisfied;

    TeacherState(String id) {
      this.id = id;
    }

    void add(EngagementEvent e, LocalDate day) {
      statements++;
      statementsByDay.merge(day, 1L, Long::sum);
      sessions.add(e.timestampMs(), e.timestampMs());
      if (e.device() != null) {
        devices.merge(e.device(), 1, Integer::sum);
      }
      boolean isLate = Boolean.TRUE.equals(e.syncedLate());
      if (isLate) {
        late++;
      }
      if (e.storedMs() != Long.MIN_VALUE) {
        maxLagMs = Math.max(maxLagMs, e.storedMs() - e.timestampMs());
      }
      String verb = e.verb();
      boolean isCommunity = EngagementEvent.COMMUNITY.contains(verb);
      if (isCommunity) {
        community++;
      }
      if (Vocabulary.SATISFIED.equals(verb)) {
        satisfied = true;
      }
      if (e.moduleId().isEmpty()) {
        return;
      }
      ModuleState m = modules.computeIfAbsent(e.moduleId(), x -> new ModuleState());
      if (m.first == null || day.isBefore(m.first)) {
        m.first = day;
      }
      DayCounts d = m.days.computeIfAbsent(day, x -> new DayCounts());
      d.statements++;
      if (isLate) {
        d.lateSynced++;
      }
      if (isCommunity) {
        d.community++;
        return;
      }
      switch (verb) {
        case Vocabulary.INITIALIZED, Vocabulary.LAUNCHED -> d.initialized++;
        case Vocabulary.ANSWERED -> {
          d.answered++;
          m.answered++;
          if (Boolean.TRUE.equals(e.success())) {
            d.correct++;
            m.correct++;
          }
        }
        case Vocabulary.PASSED, Vocabulary.FAILED -> {
          boolean pass = Vocabulary.PASSED.equals(verb);
          if (pass) {
            d.passed++;
            m.passed = true;
          } else {
            d.failed++;
          }
          m.attempts++;
          m.bestScore = max(m.bestScore, e.scoreScaled());
        }
        case Vocabulary.COMPLETED -> {
          if (e.objectId().equals(e.moduleId())) {
            d.completed = true;
            m.completed = true;
          }
        }
        default -> {
          if (e.playedSegments() != null) {
            IntervalSet v = m.videos.computeIfAbsent(e.objectId(), x -> new IntervalSet(0));
            v.addPlayedSegments(e.playedSegments());
            d.watch.addPlayedSegments(e.playedSegments());
          }
          if (!Double.isNaN(e.videoLength())) {
            m.videoLength.putIfAbsent(e.objectId(), e.videoLength());
          }
        }
      }
    }

    void merge(TeacherState o) {
      statements += o.statements;
      late += o.late;
      maxLagMs = Math.max(maxLagMs, o.maxLagMs);
      community += o.community;
      satisfied |= o.satisfied;
      o.statementsByDay.forEach((k, v) -> statementsByDay.merge(k, v, Long::sum));
      o.devices.forEach((k, v) -> devices.merge(k, v, Integer::sum));
      for (int k = 0; k < o.sessions.size(); k++) {
        sessions.add(o.sessions.start(k), o.sessions.end(k));
      }
      for (Map.Entry<String, ModuleState> m : o.modules.entrySet()) {
        ModuleState mine = modules.get(m.getKey());
        if (mine == null) {
          modules.put(m.getKey(), m.getValue());
        } else {
          mine.merge(m.getValue());
        }
      }
    }

    Teacher summary(ZoneId zone) {
      int started = modules.size();
      int completed = 0;
      int passed = 0;
      int attempts = 0;
      int answered = 0;
      double watched = 0;
      Set<LocalDate> days = new HashSet<>(statementsByDay.keySet());
      for (ModuleState m : modules.values()) {
        completed += m.completed ? 1 : 0;
        passed += m.passed ? 1 : 0;
        attempts += m.attempts;
        answered += m.answered;
        for (IntervalSet v : m.videos.values()) {
          watched += v.length();
        }
      }
      double minutes = 0;
      for (int k = 0; k < sessions.size(); k++) {
        minutes += (sessions.end(k) - sessions.start(k)) / 60_000.0;
      }
      String device = devices.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
          .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
      return new Teacher(id, statements, started, completed, passed, satisfied, days.size(), sessions.size(), minutes,
          watched / 60.0, attempts, answered, community, statements == 0 ? 0 : (double) late / statements,
          maxLagMs / 86_400_000.0, device);
    }
  }
}
