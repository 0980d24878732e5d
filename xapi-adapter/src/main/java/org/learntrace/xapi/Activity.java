package org.learntrace.xapi;

/**
 * A thing with which a learner interacts: a course, module, video, quiz item, lesson or school.
 *
 * <pre>{@code
 * Activity video = Activity.builder("https://muktopaath.gov.bd/ags/m3/video/1")
 *     .name(LanguageMap.of("en-US", "Counting objects", "bn-BD", "বস্তু গণনা"))
 *     .type("https://w3id.org/xapi/video/activity-type/video")
 *     .build();
 * }</pre>
 *
 * @param id the activity's IRI; required
 * @param definition metadata, or null
 */
public record Activity(String id, ActivityDefinition definition) implements StatementObject {

  /** An activity with an id and no definition. */
  public static Activity of(String id) {
    return new Activity(id, null);
  }

  /** A builder for an activity with a definition. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  @Override
  public String objectType() {
    return "Activity";
  }

  /** Builds an activity and its definition in one chain. */
  public static final class Builder {
    private final String id;
    private final ActivityDefinition.Builder definition = ActivityDefinition.builder();
    private boolean hasDefinition;

    private Builder(String id) {
      this.id = id;
    }

    /** Sets the definition's name. */
    public Builder name(LanguageMap name) {
      definition.name(name);
      hasDefinition = true;
      return this;
    }

    /** Sets the definition's description. */
    public Builder description(LanguageMap description) {
      definition.description(description);
      hasDefinition = true;
      return this;
    }

    /** Sets the definition's activity type IRI. */
    public Builder type(String type) {
      definition.type(type);
      hasDefinition = true;
      return this;
    }

    /** Sets the definition's moreInfo IRL. */
    public Builder moreInfo(String moreInfo) {
      definition.moreInfo(moreInfo);
      hasDefinition = true;
      return this;
    }

    /** Sets the definition's extensions. */
    public Builder extensions(Extensions extensions) {
      definition.extensions(extensions);
      hasDefinition = true;
      return this;
    }

    /** The activity; with no definition unless a definition property was set. */
    public Activity build() {
      return new Activity(id, hasDefinition ? definition.build() : null);
    }
  }
}
