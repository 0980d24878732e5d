package org.learntrace.research.engagement;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Engagement measures per teacher, module and day (DOMAIN.md §1), computed in one pass over
 * {@link EngagementEvent}s in any order.
 *
 * <p>Memory is bounded by the number of distinct teacher × module × local-day keys, videos and
 * sessions, never by the number of statements: watch time is the union of played segments per
 * teacher and video; sessions are maximal runs of events with idle gaps of at most
 * {@link #SESSION_GAP_MS} (an order-independent interval merge of event times); days are local
 * dates in the configured zone (Asia/Dhaka by default). The state is primitive columns keyed by
 * numbered ids and epoch days — no object per teacher, module or day — so a national course
 * (245,000 teachers, 10 million statements) needs a few hundred megabytes.
 *
 * <p>Rows come out sorted (teachers by id, modules by number then id, days by date), one at a time
 * through the {@code forEach…} methods, or collected into lists by the {@code …Rows} methods (which
 * hold every row at once: for small studies and tests). Sums over a teacher's modules and videos
 * are taken in that order, so the figures do not depend on how statements were split between
 * threads.
 *
 * <p>Not thread-safe while events are added: feed it from one thread, or give each thread its own
 * and {@link #merge}. Once the last event is in, any number of threads may read rows at once.
 */
public final class EngagementMeasures {
  /** Idle time that ends a session: 30 minutes. */
  public static final long SESSION_GAP_MS = 30 * 60 * 1000L;

  private final ZoneId zone;
  private final LocalDays days;
  private final EngagementTables tables = new EngagementTables();
  private long events;
  /** The sorted view, built on first query after the last change. */
  private EngagementRows rows;

  /** Measures with days in {@code zone}. */
  public EngagementMeasures(ZoneId zone) {
    this.zone = zone;
    this.days = new LocalDays(zone);
  }

  /** The zone of the local days. */
  public ZoneId zone() {
    return zone;
  }

  /** Adds one event. */
  public void add(EngagementEvent e) {
    events++;
    rows = null;
    tables.add(e, days.epochDay(e.timestampMs()));
  }

  /**
   * Merges another instance's events into this one (for parallel passes). {@code other} must use
   * the same zone and is left unchanged.
   */
  public void merge(EngagementMeasures other) {
    if (!other.zone.equals(zone)) {
      throw new IllegalArgumentException("cannot merge measures in " + other.zone + " into measures in " + zone);
    }
    events += other.events;
    rows = null;
    tables.merge(other.tables);
  }

  /** Events added. */
  public long events() {
    return events;
  }

  /** Teachers seen (an unmodifiable view). */
  public Set<String> teacherIds() {
    return tables.teacherIds.asSet();
  }

  /** Module ids seen (an unmodifiable view). */
  public Set<String> moduleIds() {
    return tables.moduleIds.asSet();
  }

  /** One teacher's summary, or null when the teacher has no events. */
  public Teacher teacher(String teacherId) {
    int t = tables.teacherIds.get(teacherId);
    return t < 0 ? null : rows().teacher(t);
  }

  /** Every teacher's summary, sorted by id. */
  public void forEachTeacher(Consumer<Teacher> action) {
    rows().forEachTeacher(action);
  }

  /** Per teacher × module rows, sorted by teacher id, module number and module id. */
  public void forEachTeacherModule(Consumer<TeacherModule> action) {
    rows().forEachTeacherModule(action);
  }

  /** Per teacher × module × local day rows, sorted by teacher, module and date. */
  public void forEachTeacherModuleDay(Consumer<TeacherModuleDay> action) {
    rows().forEachTeacherModuleDay(action);
  }

  /** Per teacher × local day rows (sessions and time on platform), sorted by teacher and date. */
  public void forEachTeacherDay(Consumer<TeacherDay> action) {
    rows().forEachTeacherDay(action);
  }

  /** Every teacher's summary, sorted by id (all in memory at once; see {@link #forEachTeacher}). */
  public List<Teacher> teacherRows() {
    List<Teacher> out = new ArrayList<>();
    forEachTeacher(out::add);
    return out;
  }

  /** Per teacher × module rows, sorted (all in memory at once; see {@link #forEachTeacherModule}). */
  public List<TeacherModule> teacherModuleRows() {
    List<TeacherModule> out = new ArrayList<>();
    forEachTeacherModule(out::add);
    return out;
  }

  /** Per teacher × module × local day rows, sorted (all in memory at once; see {@link #forEachTeacherModuleDay}). */
  public List<TeacherModuleDay> teacherModuleDayRows() {
    List<TeacherModuleDay> out = new ArrayList<>();
    forEachTeacherModuleDay(out::add);
    return out;
  }

  /** Per teacher × local day rows, sorted (all in memory at once; see {@link #forEachTeacherDay}). */
  public List<TeacherDay> teacherDayRows() {
    List<TeacherDay> out = new ArrayList<>();
    forEachTeacherDay(out::add);
    return out;
  }

  private synchronized EngagementRows rows() {
    if (rows == null) {
      rows = new EngagementRows(tables, zone);
    }
    return rows;
  }

  /** The number at the end of a module id ({@code .../module/3} → 3), or {@link Integer#MAX_VALUE}. */
  public static int moduleNumber(String moduleId) {
    int end = moduleId.length();
    int start = end;
    while (start > 0 && Character.isDigit(moduleId.charAt(start - 1))) {
      start--;
    }
    if (start == end || end - start > 9) {
      return Integer.MAX_VALUE;
    }
    return Integer.parseInt(moduleId.substring(start, end));
  }

  /**
   * One teacher over the whole course.
   *
   * @param minutesOnPlatform the summed length of sessions (first to last event of each)
   * @param videoMinutes the union of played segments, summed over videos
   * @param lateShare share of statements flagged synced-late
   * @param maxSyncLagDays the longest stored − timestamp delay, days
   * @param device the most frequent device class, or null
   */
  public record Teacher(String teacherId, long statements, int modulesStarted, int modulesCompleted, int modulesPassed,
      boolean courseSatisfied, int daysActive, int sessions, double minutesOnPlatform, double videoMinutes,
      int quizAttempts, int itemsAnswered, int communityActions, double lateShare, double maxSyncLagDays,
      String device) {}

  /** One teacher × module. {@code watchShare} is the union of played segments over the videos' length. */
  public record TeacherModule(String teacherId, String moduleId, int moduleNumber, boolean started, boolean completed,
      boolean passed, double bestScore, int quizAttempts, int itemsAnswered, int itemsCorrect, double videoSeconds,
      double watchShare, int daysActive, LocalDate firstDay) {}

  /** One teacher × module × local day. */
  public record TeacherModuleDay(String teacherId, String moduleId, int moduleNumber, LocalDate date, long statements,
      int initialized, double videoSeconds, int itemsAnswered, int itemsCorrect, int quizPassed, int quizFailed,
      boolean completed, int communityActions, int lateSynced) {}

  /** One teacher × local day: sessions started that day, their minutes and the local hour of the first. */
  public record TeacherDay(String teacherId, LocalDate date, long statements, int sessions, double minutes,
      int firstHour) {}
}
