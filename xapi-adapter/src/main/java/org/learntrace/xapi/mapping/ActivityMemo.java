package org.learntrace.xapi.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import org.learntrace.xapi.Activity;

/**
 * The activities a mapper has already built, by kind and ids: a course, module, study or video
 * has one IRI and one definition for a given (immutable) catalog, so it is built once and shared
 * by every statement that names it. Activities are immutable, so sharing them is safe; the memo is
 * bounded, so that a stream of ever-new ids cannot grow it without limit.
 */
final class ActivityMemo {
  static final int MAX_ENTRIES = 8192;

  private record Key(String kind, String course, String id) {}

  private final Cache<Key, Activity> activities =
      Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).build();

  /**
   * The activity for {@code (kind, course, id)}, made by {@code make} the first time; a failure
   * of {@code make} (an id that cannot be represented) is thrown and nothing is remembered.
   */
  Activity get(String kind, String course, String id, Supplier<Activity> make) {
    return activities.get(new Key(kind, course, id), k -> make.get());
  }

  long size() {
    activities.cleanUp();
    return activities.estimatedSize();
  }
}
