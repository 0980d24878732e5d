package org.learntrace.xapi.mapping;

/**
 * Every IRI the mapping writes: the established ones (ADL, Video Profile, cmi5, the Tin Can
 * registry's {@code replied}) and LearnTrace's own, which the profile document
 * {@code learntrace.jsonld} defines one by one.
 */
public final class Vocabulary {
  private Vocabulary() {}

  // ---- profiles cited in context.contextActivities.category ----
  public static final String PROFILE = "https://learntrace.org/xapi/profile";
  public static final String PROFILE_VERSION = "https://learntrace.org/xapi/profile/v1.0";
  public static final String PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile";
  public static final String VIDEO_PROFILE = "https://w3id.org/xapi/video";
  public static final String CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  public static final String MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";

  // ---- verbs ----
  public static final String ADL = "http://adlnet.gov/expapi/verbs/";
  public static final String LAUNCHED = ADL + "launched";
  public static final String INITIALIZED = ADL + "initialized";
  public static final String COMPLETED = ADL + "completed";
  public static final String PASSED = ADL + "passed";
  public static final String FAILED = ADL + "failed";
  public static final String ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned";
  public static final String WAIVED = "https://w3id.org/xapi/adl/verbs/waived";
  public static final String TERMINATED = ADL + "terminated";
  public static final String SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied";
  public static final String PLAYED = "https://w3id.org/xapi/video/verbs/played";
  public static final String PAUSED = "https://w3id.org/xapi/video/verbs/paused";
  public static final String SEEKED = "https://w3id.org/xapi/video/verbs/seeked";
  public static final String INTERACTED = ADL + "interacted";
  public static final String ANSWERED = ADL + "answered";
  public static final String ATTEMPTED = ADL + "attempted";
  public static final String ATTENDED = ADL + "attended";
  public static final String COMMENTED = ADL + "commented";
  public static final String SHARED = ADL + "shared";
  public static final String ASKED = ADL + "asked";
  /** The Tin Can registry's "replied" (a reply to a post), the established IRI in community tools. */
  public static final String REPLIED = "http://id.tincanapi.com/verb/replied";

  public static final String LT = "https://learntrace.org/xapi/";
  public static final String LT_VERB = LT + "verbs/";
  public static final String MISSED = LT_VERB + "missed";
  public static final String VISITED = LT_VERB + "visited";
  public static final String OBSERVED = LT_VERB + "observed";
  public static final String WITHDREW_CONSENT = LT_VERB + "withdrew-consent";

  // ---- activity types ----
  public static final String COURSE_TYPE = "https://w3id.org/xapi/cmi5/activitytype/course";
  public static final String MODULE_TYPE = "http://adlnet.gov/expapi/activities/module";
  public static final String VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video";
  public static final String ASSESSMENT_TYPE = "http://adlnet.gov/expapi/activities/assessment";
  public static final String INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction";
  public static final String QUESTION_TYPE = "http://adlnet.gov/expapi/activities/question";
  public static final String MEETING_TYPE = "http://adlnet.gov/expapi/activities/meeting";
  public static final String LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson";
  public static final String LT_TYPE = LT + "activity-types/";
  public static final String PEER_GROUP_TYPE = LT_TYPE + "peer-group";
  public static final String POST_TYPE = LT_TYPE + "post";
  public static final String SURVEY_TYPE = LT_TYPE + "survey";
  public static final String RUBRIC_TYPE = LT_TYPE + "rubric";
  public static final String CONSENT_TYPE = LT_TYPE + "consent";
  public static final String DIVISION_TYPE = LT_TYPE + "division";
  public static final String DISTRICT_TYPE = LT_TYPE + "district";
  public static final String UPAZILA_TYPE = LT_TYPE + "upazila";
  public static final String CLUSTER_TYPE = LT_TYPE + "cluster";
  public static final String SCHOOL_TYPE = LT_TYPE + "school";
  public static final String STUDY_TYPE = LT_TYPE + "study";
  public static final String ARM_TYPE = LT_TYPE + "study-arm";
  public static final String WAVE_TYPE = LT_TYPE + "wave";

  // ---- roles (xAPI 2.0.0 relevantTypes) ----
  public static final String LT_ROLE = LT + "roles/";
  public static final String ROLE_TEACHER = LT_ROLE + "teacher";
  public static final String ROLE_ASSESSOR = LT_ROLE + "assessor";
  public static final String ROLE_CLASS = LT_ROLE + "class";

  // ---- Video Profile extensions ----
  public static final String VIDEO_EXT = "https://w3id.org/xapi/video/extensions/";
  public static final String TIME = VIDEO_EXT + "time";
  public static final String TIME_FROM = VIDEO_EXT + "time-from";
  public static final String TIME_TO = VIDEO_EXT + "time-to";
  public static final String PROGRESS = VIDEO_EXT + "progress";
  public static final String PLAYED_SEGMENTS = VIDEO_EXT + "played-segments";
  public static final String LENGTH = VIDEO_EXT + "length";
  public static final String COMPLETION_THRESHOLD = VIDEO_EXT + "completion-threshold";
  public static final String SESSION_ID = VIDEO_EXT + "session-id";

  // ---- cmi5 extensions ----
  public static final String CMI5_EXT = "https://w3id.org/xapi/cmi5/context/extensions/";
  public static final String CMI5_SESSION = CMI5_EXT + "sessionid";
  public static final String MASTERY_SCORE = CMI5_EXT + "masteryscore";
  public static final String MOVEON = CMI5_EXT + "moveon";

  // ---- LearnTrace extensions ----
  public static final String LT_EXT = LT + "extensions/";
  public static final String DEVICE_CLASS = LT_EXT + "device-class";
  public static final String NETWORK = LT_EXT + "network";
  public static final String SYNCED_LATE = LT_EXT + "synced-late";
  public static final String BYTES = LT_EXT + "bytes";
  public static final String RECEIVED_AT = LT_EXT + "received-at";
  public static final String NATURAL_KEY = LT_EXT + "natural-key";
  public static final String ATTRIBUTES = LT_EXT + "attributes";
  public static final String PSEUDONYM_KEY = LT_EXT + "pseudonym-key";
  public static final String ROLES = LT_EXT + "roles";
  public static final String CLEAR_IDS = LT_EXT + "clear-ids";
  public static final String ENROLMENT = LT_EXT + "enrolment";
  public static final String ATTEMPT = LT_EXT + "attempt";
  public static final String INTERACTION = LT_EXT + "interaction";
  public static final String DATE = LT_EXT + "date";
  public static final String PAIRED_MEASURE = LT_EXT + "paired-measure";
  public static final String NUMERIC_ANSWER = LT_EXT + "numeric-answer";
  public static final String VISIT_PURPOSE = LT_EXT + "visit-purpose";
  public static final String GENDER = LT_EXT + "gender";
  public static final String GRADE = LT_EXT + "grade";
  public static final String FORM = LT_EXT + "form";
  public static final String ASSESSOR = LT_EXT + "assessor";
  public static final String ITEM_SCORES = LT_EXT + "item-scores";
  public static final String RUBRIC_VERSION = LT_EXT + "rubric-version";
  public static final String INDICATOR_SCORES = LT_EXT + "indicator-scores";
}
