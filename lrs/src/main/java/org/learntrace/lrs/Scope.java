package org.learntrace.lrs;

import java.util.Locale;

/** The xAPI authorization scopes a credential can hold (xAPI 1.0.3 Communication §4.2). */
public enum Scope {
  /** Write any statement. */
  STATEMENTS_WRITE("statements/write"),
  /** Read any statement. */
  STATEMENTS_READ("statements/read"),
  /** Read the statements this credential wrote (its authority). */
  STATEMENTS_READ_MINE("statements/read/mine"),
  /** Read and write the state resource. */
  STATE("state"),
  /** Define activities and actors (the LRS keeps the definitions sent in statements). */
  DEFINE("define"),
  /** Read and write the activity and agent profile resources. */
  PROFILE("profile"),
  /** Read everything. */
  ALL_READ("all/read"),
  /** Do anything. */
  ALL("all");

  private final String text;

  Scope(String text) {
    this.text = text;
  }

  /** The scope as xAPI writes it, e.g. {@code statements/read/mine}. */
  public String text() {
    return text;
  }

  /** The scope written {@code text}, case-insensitively. */
  public static Scope parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Scope s : values()) {
      if (s.text.equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown xAPI scope \"" + text + "\"; expected one of statements/write, "
        + "statements/read, statements/read/mine, state, define, profile, all/read, all");
  }

  @Override
  public String toString() {
    return text;
  }
}
