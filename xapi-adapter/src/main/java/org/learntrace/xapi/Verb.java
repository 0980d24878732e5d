package org.learntrace.xapi;

/**
 * The action of a statement.
 *
 * @param id the verb's IRI; required
 * @param display how to show the verb in each language, or null
 */
public record Verb(String id, LanguageMap display) {
  /** The ADL verb that voids a statement. */
  public static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

  /** A verb with a display in one language. */
  public static Verb of(String id, String languageTag, String display) {
    return new Verb(id, LanguageMap.of(languageTag, display));
  }

  /** A verb without a display. */
  public static Verb of(String id) {
    return new Verb(id, null);
  }

  /** Whether this is the voiding verb. */
  public boolean isVoiding() {
    return VOIDED.equals(id);
  }
}
