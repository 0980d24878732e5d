package org.learntrace.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The "obvious Jackson mapping" of an xAPI statement: plain records and maps, serialized by a
 * default {@code ObjectMapper} through reflection. It has no validation, no IRI or language-tag
 * checks and no immutability guarantees; it is the baseline a hand-written serializer should beat.
 *
 * <p>{@code NON_NULL} is the one annotation anyone writing this mapping adds, so that absent
 * properties are omitted as xAPI expects rather than written as {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlainStatement(
    UUID id, Agent actor, Verb verb, Activity object, Result result, Context context, String timestamp) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Agent(String objectType, Account account) {}

  record Account(String homePage, String name) {}

  record Verb(String id, Map<String, String> display) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Activity(String objectType, String id, Definition definition) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Definition(Map<String, String> name, Map<String, String> description, String type) {}

  record Result(Map<String, Object> extensions) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Context(UUID registration, ContextActivities contextActivities, Map<String, Object> extensions) {}

  record ContextActivities(List<Activity> parent, List<Activity> grouping, List<Activity> category) {}
}
