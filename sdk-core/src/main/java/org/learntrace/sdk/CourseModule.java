package org.learntrace.sdk;

import java.util.Objects;

/**
 * A course and, optionally, one of its modules: the key a policy is looked up by.
 *
 * @param course the course id, e.g. {@code ags}; required
 * @param module the module id, e.g. {@code m3}, or null for course-level events
 */
public record CourseModule(String course, String module) {

  /** Checks the course. */
  public CourseModule {
    Objects.requireNonNull(course, "course");
  }

  public static CourseModule of(String course, String module) {
    return new CourseModule(course, module);
  }

  public static CourseModule course(String course) {
    return new CourseModule(course, null);
  }
}
