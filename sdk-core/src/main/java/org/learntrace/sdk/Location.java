package org.learntrace.sdk;

/**
 * Where in the school system: division &gt; district &gt; upazila &gt; cluster &gt; school &gt; class.
 * Any level may be null.
 *
 * <p>Divisions, districts, upazilas and clusters are public geography and are sent as given.
 * School codes and class ids are on the never-send list in clear: the pipeline pseudonymises them
 * like person ids (id spaces {@link #SCHOOL_ID_SPACE} and {@link #CLASS_ID_SPACE}).
 *
 * @param division the division
 * @param district the district
 * @param upazila the upazila
 * @param cluster the cluster
 * @param school the school code (pseudonymised before sending)
 * @param classId the class id (pseudonymised before sending)
 */
public record Location(
    String division, String district, String upazila, String cluster, String school, String classId) {

  public static final String SCHOOL_ID_SPACE = "urn:learntrace:id:school";
  public static final String CLASS_ID_SPACE = "urn:learntrace:id:class";

  /** A location down to a class. */
  public static Location ofClass(
      String division, String district, String upazila, String cluster, String school, String classId) {
    return new Location(division, district, upazila, cluster, school, classId);
  }
}
