package org.learntrace.research.engagement;

/**
 * The IRIs LearnTrace statements use (DOMAIN.md §3), shared by the synthetic generator and the
 * engagement measures so that both speak the same vocabulary.
 */
public final class Vocabulary {
  private Vocabulary() {}

  public static final String ADL = "http://adlnet.gov/expapi/verbs/";
  public static final String INITIALIZED = ADL + "initialized";
  public static final String TERMINATED = ADL + "terminated";
  public static final String COMPLETED = ADL + "completed";
  public static final String PASSED = ADL + "passed";
  public static final String FAILED = ADL + "failed";
  public static final String ANSWERED = ADL + "answered";
  public static final String COMMENTED = ADL + "commented";
  public static final String SHARED = ADL + "shared";
  public static final String ASKED = ADL + "asked";
  public static final String REPLIED = ADL + "replied";
  public static final String SCORED = ADL + "scored";
  public static final String SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied";
  public static final String ABANDONED = "https://w3id.org/xapi/adl/verbs/abandoned";
  public static final String LAUNCHED = ADL + "launched";
  /** The Tin Can registry's "replied", which the SDK's xAPI mapping (EventMapper) writes for replies. */
  public static final String TINCAN_REPLIED = "http://id.tincanapi.com/verb/replied";

  public static final String VIDEO_PLAYED = "https://w3id.org/xapi/video/verbs/played";
  public static final String VIDEO_PAUSED = "https://w3id.org/xapi/video/verbs/paused";
  public static final String VIDEO_SEEKED = "https://w3id.org/xapi/video/verbs/seeked";
  public static final String VIDEO_PROFILE = "https://w3id.org/xapi/video";
  public static final String VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video";
  public static final String VIDEO_EXT = "https://w3id.org/xapi/video/extensions/";
  public static final String EXT_TIME = VIDEO_EXT + "time";
  public static final String EXT_PROGRESS = VIDEO_EXT + "progress";
  public static final String EXT_PLAYED_SEGMENTS = VIDEO_EXT + "played-segments";
  public static final String EXT_LENGTH = VIDEO_EXT + "length";
  public static final String EXT_SESSION_ID = VIDEO_EXT + "session-id";

  public static final String MODULE_TYPE = "http://adlnet.gov/expapi/activities/module";
  public static final String COURSE_TYPE = "http://adlnet.gov/expapi/activities/course";
  public static final String ASSESSMENT_TYPE = "http://adlnet.gov/expapi/activities/assessment";
  public static final String INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction";

  public static final String LT = "https://learntrace.org/";
  public static final String PROFILE = LT + "xapi/profile";
  public static final String LT_EXT = LT + "xapi/extensions/";
  public static final String EXT_DEVICE = LT_EXT + "device-class";
  public static final String EXT_NETWORK = LT_EXT + "network";
  public static final String EXT_SYNCED_LATE = LT_EXT + "synced-late";
  public static final String EXT_BYTES = LT_EXT + "bytes";
  public static final String EXT_ITEM_SCORES = LT_EXT + "item-scores";
  /**
   * When the platform received the statement (the SDK's {@code Occurrence.receivedAt}, written by
   * EventMapper): days after the timestamp for offline syncers, whenever the LRS happened to store it.
   */
  public static final String EXT_RECEIVED_AT = LT_EXT + "received-at";

  public static final String TEACHER_SPACE = "https://muktopaath.gov.bd/id/teachers";
  public static final String STUDENT_SPACE = LT + "id/students";
  public static final String CLASS_SPACE = LT + "id/classes";
  public static final String ASSESSOR_SPACE = LT + "id/assessors";
  public static final String SCHOOLS = LT + "id/schools/";
  public static final String UPAZILAS = LT + "id/upazilas/";
  public static final String DISTRICTS = LT + "id/districts/";
  public static final String DIVISIONS = LT + "id/divisions/";
  public static final String STUDY = LT + "studies/ags-2026";
  public static final String COURSE = LT + "ags/course";
  public static final String MODULE_PREFIX = COURSE + "/module/";
  public static final String ROLE_CLASS_TEACHER = LT + "xapi/roles/class-teacher";
  public static final String ROLE_ASSESSED_CLASS = LT + "xapi/roles/assessed-class";
}
