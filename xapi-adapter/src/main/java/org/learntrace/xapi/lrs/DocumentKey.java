package org.learntrace.xapi.lrs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.learntrace.xapi.Agent;
import org.learntrace.xapi.XapiJson;

/** Which document: a state, an activity profile or an agent profile. */
public sealed interface DocumentKey {
  /** The resource path under the LRS endpoint, e.g. {@code activities/state}. */
  String resource();

  /** The query string identifying the document (or, with a null id, the collection). */
  String query();

  /**
   * A state document of an agent in an activity, optionally per registration.
   *
   * @param activityId the activity IRI
   * @param agent the agent
   * @param registration the registration, or null
   * @param stateId the state id, or null for the collection
   */
  record State(String activityId, Agent agent, UUID registration, String stateId) implements DocumentKey {
    @Override
    public String resource() {
      return "activities/state";
    }

    @Override
    public String query() {
      return param("activityId", activityId) + "&" + param("agent", XapiJson.toJson(agent))
          + (registration == null ? "" : "&" + param("registration", registration.toString()))
          + (stateId == null ? "" : "&" + param("stateId", stateId));
    }
  }

  /**
   * A profile document of an activity.
   *
   * @param activityId the activity IRI
   * @param profileId the profile id, or null for the collection
   */
  record ActivityProfile(String activityId, String profileId) implements DocumentKey {
    @Override
    public String resource() {
      return "activities/profile";
    }

    @Override
    public String query() {
      return param("activityId", activityId) + (profileId == null ? "" : "&" + param("profileId", profileId));
    }
  }

  /**
   * A profile document of an agent.
   *
   * @param agent the agent
   * @param profileId the profile id, or null for the collection
   */
  record AgentProfile(Agent agent, String profileId) implements DocumentKey {
    @Override
    public String resource() {
      return "agents/profile";
    }

    @Override
    public String query() {
      return param("agent", XapiJson.toJson(agent)) + (profileId == null ? "" : "&" + param("profileId", profileId));
    }
  }

  private static String param(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
