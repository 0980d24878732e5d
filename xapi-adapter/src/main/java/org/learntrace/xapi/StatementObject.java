package org.learntrace.xapi;

/**
 * What a statement is about: an {@link Activity}, an {@link Agent} or {@link Group}, a {@link
 * SubStatement} or a {@link StatementRef}.
 */
public sealed interface StatementObject permits Activity, Actor, SubStatement, StatementRef {
  /** The {@code objectType} this object is written with. */
  String objectType();
}
