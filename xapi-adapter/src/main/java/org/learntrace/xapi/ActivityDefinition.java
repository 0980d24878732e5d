package org.learntrace.xapi;

import java.util.List;

/**
 * Metadata of an activity. Every property is optional; lists are never null (empty when absent).
 * Interaction properties ({@code interactionType}, {@code correctResponsesPattern} and the
 * component lists) describe quiz items.
 *
 * @param name name per language, or null
 * @param description description per language, or null
 * @param type the activity type IRI, or null
 * @param moreInfo an IRL for a human-readable description, or null
 * @param interactionType the interaction type, or null
 * @param correctResponsesPattern the patterns of correct responses, or null when absent (an empty
 *     list means no response is correct)
 * @param choices choices for {@code choice} and {@code sequencing}
 * @param scale scale points for {@code likert}
 * @param source sources for {@code matching}
 * @param target targets for {@code matching}
 * @param steps steps for {@code performance}
 * @param extensions extensions, or null
 */
public record ActivityDefinition(
    LanguageMap name,
    LanguageMap description,
    String type,
    String moreInfo,
    InteractionType interactionType,
    List<String> correctResponsesPattern,
    List<InteractionComponent> choices,
    List<InteractionComponent> scale,
    List<InteractionComponent> source,
    List<InteractionComponent> target,
    List<InteractionComponent> steps,
    Extensions extensions) {

  /** Copies the lists; null component lists become empty. */
  public ActivityDefinition {
    correctResponsesPattern = correctResponsesPattern == null ? null : List.copyOf(correctResponsesPattern);
    choices = copy(choices);
    scale = copy(scale);
    source = copy(source);
    target = copy(target);
    steps = copy(steps);
  }

  /** Whether this definition describes an interaction: an interaction type or any interaction list. */
  public boolean hasInteractionProperties() {
    return interactionType != null
        || correctResponsesPattern != null
        || !choices.isEmpty()
        || !scale.isEmpty()
        || !source.isEmpty()
        || !target.isEmpty()
        || !steps.isEmpty();
  }

  /** The component list named by {@code which}. */
  public List<InteractionComponent> components(InteractionType.Components which) {
    return switch (which) {
      case CHOICES -> choices;
      case SCALE -> scale;
      case SOURCE -> source;
      case TARGET -> target;
      case STEPS -> steps;
    };
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Builds a definition; every property is optional. */
  public static final class Builder {
    private LanguageMap name;
    private LanguageMap description;
    private String type;
    private String moreInfo;
    private InteractionType interactionType;
    private List<String> correctResponsesPattern;
    private List<InteractionComponent> choices;
    private List<InteractionComponent> scale;
    private List<InteractionComponent> source;
    private List<InteractionComponent> target;
    private List<InteractionComponent> steps;
    private Extensions extensions;

    private Builder() {}

    public Builder name(LanguageMap name) {
      this.name = name;
      return this;
    }

    public Builder description(LanguageMap description) {
      this.description = description;
      return this;
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder moreInfo(String moreInfo) {
      this.moreInfo = moreInfo;
      return this;
    }

    public Builder interactionType(InteractionType interactionType) {
      this.interactionType = interactionType;
      return this;
    }

    public Builder correctResponsesPattern(List<String> patterns) {
      this.correctResponsesPattern = patterns;
      return this;
    }

    public Builder choices(List<InteractionComponent> choices) {
      this.choices = choices;
      return this;
    }

    public Builder scale(List<InteractionComponent> scale) {
      this.scale = scale;
      return this;
    }

    public Builder source(List<InteractionComponent> source) {
      this.source = source;
      return this;
    }

    public Builder target(List<InteractionComponent> target) {
      this.target = target;
      return this;
    }

    public Builder steps(List<InteractionComponent> steps) {
      this.steps = steps;
      return this;
    }

    public Builder extensions(Extensions extensions) {
      this.extensions = extensions;
      return this;
    }

    public ActivityDefinition build() {
      return new ActivityDefinition(
          name, description, type, moreInfo, interactionType, correctResponsesPattern, choices,
          scale, source, target, steps, extensions);
    }
  }
}
