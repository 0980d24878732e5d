package org.learntrace.xapi.mapping;

/**
 * Every IRI the mapping writes: the established ones (ADL, Video Profile, cmi5, the Tin Can
 * registry's {@code replied}) and LearnTrace's own, which the profile document
 * {@code learntrace.jsonld} defines one by one.
 */
final class Vocabulary {
  private Vocabulary() {}

  // ---- profiles cited in context.contextActivities.category ----
  static final String PROFILE = "https://learntrace.org/xapi/profile";
  static final String PROFILE_VERSION = "https://learntrace.org/xapi/profile/v1.0";
  static final String PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile";
  static final String VIDEO_PROFILE = "https://w3id.org/xapi/video";
  static final String CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  static final String MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";

  // ---- verbs ----
  static final String ADL = "http://adlnet.gov/expapi/verbs/";
  static final String LAUNCHED = ADL + "launched";
  static final String INITIALIZED = ADL + "initialized";
  static final String COMPLETED = ADL + "completed";
  static final String PASSED = ADL + "passed";
  static final String FAILED = ADL + "failed";
  static final String ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned";
  static final String WAIVED = "https://w3id.org/xapi/adl/verbs/waived";
  static final String TERMINATED = ADL + "terminated";
  static final String SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied";
  static final String PLAYED = "https://w3id.org/xapi/video/verbs/played";
  static final String PAUSED = "https://w3id.org/xapi/video/verbs/paused";
  static final String SEEKED = "https://w3id.org/xapi/video/verbs/seeked";
  static final String INTERACTED = ADL + "interacted";
  static final String ANSWERED = ADL + "answered";
  static final String ATTEMPTED = ADL + "attempted";
  static final String ATTENDED = ADL + "attended";
  static final String COMMENTED = ADL + "commented";
  static final String SHARED = ADL + "shared";
  static final String ASKED = ADL + "asked";
  /** The Tin Can registry's "replied" (a reply to a post), the established IRI in community tools. */
  static final String REPLIED = "http://id.tincanapi.com/verb/replied";

  static final String LT = "https://learntrace.org/xapi/";
  static final String LT_VERB = LT + "verbs/";
  static final String MISSED = LT_VERB + "missed";
  static final String VISITED = LT_VERB + "visited";
  static final String OBSERVED = LT_VERB + "observed";
  static final String WITHDREW_CONSENT = LT_VERB + "withdrew-consent";

  // ---- activity types ----
  static final String COURSE_TYPE = "https://w3id.org/xapi/cmi5/activitytype/course";
  static final String MODULE_TYPE = "http://adlnet.gov/expapi/activities/module";
  static final String VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video";
  static final String ASSESSMENT_TYPE = "http://adlnet.gov/expapi/activities/assessment";
  static final String INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction";
  static final String QUESTION_TYPE = "http://adlnet.gov/expapi/activities/question";
  static final String MEETING_TYPE = "http://adlnet.gov/expapi/activities/meeting";
  static final String LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson";
  static final String LT_TYPE = LT + "activity-types/";
  static final String PEER_GROUP_TYPE = LT_TYPE + "peer-group";
  static final String POST_TYPE = LT_TYPE + "post";
  static final String SURVEY_TYPE = LT_TYPE + "survey";
  static final String RUBRIC_TYPE = LT_TYPE + "rubric";
  static final String CONSENT_TYPE = LT_TYPE + "consent";
  static final String DIVISION_TYPE = LT_TYPE + "division";
  static final String DISTRICT_TYPE = LT_TYPE + "district";
  static final String UPAZILA_TYPE = LT_TYPE + "upazila";
  static final String CLUSTER_TYPE = LT_TYPE + "cluster";
  static final String SCHOOL_TYPE = LT_TYPE + "school";
  static final String STUDY_TYPE = LT_TYPE + "study";
  static final String ARM_TYPE = LT_TYPE + "study-arm";
  static final String WAVE_TYPE = LT_TYPE + "wave";

  // ---- roles (xAPI 2.0.0 relevantTypes) ----
  static final String LT_ROLE = LT + "roles/";
  static final String ROLE_TEACHER = LT_ROLE + "teacher";
  static final String ROLE_ASSESSOR = LT_ROLE + "assessor";
  static final String ROLE_CLASS = LT_ROLE + "class";

  // ---- Video Profile extensions ----
  static final String VIDEO_EXT = "https://w3id.org/xapi/video/extensions/";
  static final String TIME = VIDEO_EXT + "time";
  static final String TIME_FROM = VIDEO_EXT + "time-from";
  static final String TIME_TO = VIDEO_EXT + "time-to";
  static final String PROGRESS = VIDEO_EXT + "progress";
  static final String PLAYED_SEGMENTS = VIDEO_EXT + "played-segments";
  static final String LENGTH = VIDEO_EXT + "length";
  static final String COMPLETION_THRESHOLD = VIDEO_EXT + "completion-threshold";
  static final String SESSION_ID = VIDEO_EXT + "session-id";

  // ---- cmi5 extensions ----
  static final String CMI5_EXT = "https://w3id.org/xapi/cmi5/context/extensions/";
  static final String CMI5_SESSION = CMI5_EXT + "sessionid";
  static final String MASTERY_SCORE = CMI5_EXT + "masteryscore";
  static final String MOVEON = CMI5_EXT + "moveon";

  // ---- LearnTrace extensions ----
  static final String LT_EXT = LT + "extensions/";
  static final String DEVICE_CLASS = LT_EXT + "device-class";
  static final String NETWORK = LT_EXT + "network";
  static final String SYNCED_LATE = LT_EXT + "synced-late";
  static final String BYTES = LT_EXT + "bytes";
  static final String RECEIVED_AT = LT_EXT + "received-at";
  static final String NATURAL_KEY = LT_EXT + "natural-key";
  static final String ATTRIBUTES = LT_EXT + "attributes";
  static final String PSEUDONYM_KEY = LT_EXT + "pseudonym-key";
  static final String ROLES = LT_EXT + "roles";
  static final String CLEAR_IDS = LT_EXT + "clear-ids";
  static final String ENROLMENT = LT_EXT + "enrolment";
  static final String ATTEMPT = LT_EXT + "attempt";
  static final String INTERACTION = LT_EXT + "interaction";
  static final String DATE = LT_EXT + "date";
  static final String PAIRED_MEASURE = LT_EXT + "paired-measure";
  static final String NUMERIC_ANSWER = LT_EXT + "numeric-answer";
  static final String VISIT_PURPOSE = LT_EXT + "visit-purpose";
  static final String GENDER = LT_EXT + "gender";
  static final String GRADE = LT_EXT + "grade";
  static final String FORM = LT_EXT + "form";
  static final String ASSESSOR = LT_EXT + "assessor";
  static final String ITEM_SCORES = LT_EXT + "item-scores";
  static final String RUBRIC_VERSION = LT_EXT + "rubric-version";
  static final String INDICATOR_SCORES = LT_EXT + "indicator-scores";
}
