package org.learntrace.lrs;

import java.util.UUID;

/** Statement JSON for tests, each with fresh identifiers unless given. */
final class TestStatements {
  private TestStatements() {}

  static String agent(String name) {
    return "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://muktopaath.gov.bd/teachers\",\"name\":\"" + name + "\"}}";
  }

  static String uniqueName() {
    return "t-" + UUID.randomUUID();
  }

  static String statement(UUID id, String actorJson, String verb, String activity) {
    return "{" + (id == null ? "" : "\"id\":\"" + id + "\",") + "\"actor\":" + actorJson
        + ",\"verb\":{\"id\":\"" + verb + "\",\"display\":{\"en-US\":\"did\",\"bn-BD\":\"করেছে\"}}"
        + ",\"object\":{\"objectType\":\"Activity\",\"id\":\"" + activity + "\",\"definition\":{\"name\":{\"en-US\":\"Module 3\"}}}}";
  }

  static String withContext(UUID id, String actorJson, String verb, String activity, String contextJson) {
    String s = statement(id, actorJson, verb, activity);
    return s.substring(0, s.length() - 1) + ",\"context\":" + contextJson + "}";
  }

  static String voiding(UUID id, UUID target) {
    return "{\"id\":\"" + id + "\",\"actor\":" + agent("admin") + ",\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\"},"
        + "\"object\":{\"objectType\":\"StatementRef\",\"id\":\"" + target + "\"}}";
  }
}
