package org.learntrace.xapi;

/**
 * The outcome of a statement: a score, success, completion, a response, a duration and
 * extensions; all optional.
 *
 * @param score a score, or null
 * @param success whether the attempt succeeded, or null
 * @param completion whether the activity was completed, or null
 * @param response the learner's response, or null
 * @param duration how long the experience took, or null
 * @param extensions extensions, or null
 */
public record Result(
    Score score,
    Boolean success,
    Boolean completion,
    String response,
    XapiDuration duration,
    Extensions extensions) {

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a result; every property is optional. */
  public static final class Builder {
    private Score score;
    private Boolean success;
    private Boolean completion;
    private String response;
    private XapiDuration duration;
    private Extensions extensions;

    private Builder() {}

    public Builder score(Score score) {
      this.score = score;
      return this;
    }

    public Builder success(Boolean success) {
      this.success = success;
      return this;
    }

    public Builder completion(Boolean completion) {
      this.completion = completion;
      return this;
    }

    public Builder response(String response) {
      this.response = response;
      return this;
    }

    public Builder duration(XapiDuration duration) {
      this.duration = duration;
      return this;
    }

    public Builder extensions(Extensions extensions) {
      this.extensions = extensions;
      return this;
    }

    public Result build() {
      return new Result(score, success, completion, response, duration, extensions);
    }
  }
}
