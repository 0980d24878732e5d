package org.learntrace.xapi;

/**
 * The interaction types of xAPI activity definitions (from SCORM 2004's cmi.interactions), with
 * the component lists each may carry.
 */
public enum InteractionType {
  TRUE_FALSE("true-false"),
  CHOICE("choice", Components.CHOICES),
  FILL_IN("fill-in"),
  LONG_FILL_IN("long-fill-in"),
  MATCHING("matching", Components.SOURCE, Components.TARGET),
  PERFORMANCE("performance", Components.STEPS),
  SEQUENCING("sequencing", Components.CHOICES),
  LIKERT("likert", Components.SCALE),
  NUMERIC("numeric"),
  OTHER("other");

  /** The component list properties of an activity definition. */
  public enum Components {
    CHOICES("choices"),
    SCALE("scale"),
    SOURCE("source"),
    TARGET("target"),
    STEPS("steps");

    private final String property;

    Components(String property) {
      this.property = property;
    }

    /** The JSON property name. */
    public String property() {
      return property;
    }
  }

  private static final InteractionType[] VALUES = values();

  private final String text;
  private final Components[] allowed;

  InteractionType(String text, Components... allowed) {
    this.text = text;
    this.allowed = allowed;
  }

  /** The value as written in JSON, e.g. {@code true-false}. */
  public String text() {
    return text;
  }

  /** Whether this type may carry the given component list. */
  public boolean allows(Components components) {
    for (Components c : allowed) {
      if (c == components) {
        return true;
      }
    }
    return false;
  }

  /** The type with exactly this JSON text (case-sensitive), or null. */
  public static InteractionType fromText(String text) {
    for (InteractionType t : VALUES) {
      if (t.text.equals(text)) {
        return t;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }
}
