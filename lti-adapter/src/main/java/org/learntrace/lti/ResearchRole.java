package org.learntrace.lti;

import java.util.List;

/** The role a launch gives its user in research data. */
public enum ResearchRole {
  TEACHER,
  LEARNER,
  OBSERVER;

  /**
   * Maps LTI roles (LIS v2 vocabulary, full URIs or the short forms of LTI 1.1) to a research role:
   * any teaching role wins, then any learner role; everything else (mentors, guests, unknown roles)
   * is an observer, so a launch never claims more than it shows.
   */
  public static ResearchRole of(List<String> roles) {
    boolean learner = false;
    for (String r : roles) {
      String name = shortName(r);
      switch (name) {
        case "Instructor", "TeachingAssistant", "ContentDeveloper", "Faculty", "Administrator" -> {
          return TEACHER;
        }
        case "Learner", "Student" -> learner = true;
        default -> { }
      }
    }
    return learner ? LEARNER : OBSERVER;
  }

  private static String shortName(String role) {
    String r = role.trim();
    int hash = r.lastIndexOf('#');
    if (hash >= 0) {
      r = r.substring(hash + 1);
    }
    int slash = r.lastIndexOf('/');
    if (slash >= 0) {
      r = r.substring(slash + 1);
    }
    return r.startsWith("urn:lti:role:ims/lis/") ? r.substring("urn:lti:role:ims/lis/".length()) : r;
  }
}
