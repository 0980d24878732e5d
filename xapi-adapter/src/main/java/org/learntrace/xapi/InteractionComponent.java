package org.learntrace.xapi;

/**
 * One choice, scale point, source, target or step of an interaction activity.
 *
 * @param id the component's id, unique within its list; required
 * @param description how to show it in each language, or null
 */
public record InteractionComponent(String id, LanguageMap description) {
  /** A component with a description in one language. */
  public static InteractionComponent of(String id, String languageTag, String description) {
    return new InteractionComponent(id, LanguageMap.of(languageTag, description));
  }
}
