package org.learntrace.xapi.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The activity IRIs of one platform and their inverse. Every local id becomes one path segment,
 * percent-encoded (UTF-8) outside the unreserved characters, so that any id, Bangla or with a
 * slash, gives a valid IRI and reads back unchanged.
 *
 * <pre>
 * {base}/courses/{course}                                   course
 * {base}/courses/{course}/modules/{module}                  module
 * {base}/courses/{course}/videos/{video}                    video (unless the video is already an IRI)
 * {base}/courses/{course}/quizzes/{quiz}[/items/{item}]     quiz, item
 * {base}/courses/{course}/surveys/{survey}[/questions/{q}]  survey, question
 * {base}/courses/{course}/survey-questions/{q}              question of no named survey
 * {base}/courses/{course}/groups/{group}, /posts/{post}     peer group, post
 * {base}/courses/{course}/training-sessions/{session}       training session (/training when unnamed)
 * {base}/courses/{course}/instruments/{instrument}/waves/{wave}, /rubrics/{rubric}, /arms/{arm}
 * {base}/courses/{course}/consent[/{scope}]                 consent
 * {base}/studies/{study}, /waves/{wave}, /divisions/{d}, /districts/{d}, /upazilas/{u},
 * {base}/clusters/{c}, /schools/{school pseudonym}, /lessons/{class}/{date} or /lessons/{statement id}
 * </pre>
 */
final class Iris {
  private final String base;

  Iris(CourseCatalog catalog) {
    this.base = catalog.platformIri();
  }

  String course(String course) {
    return base + "/courses/" + encode(course);
  }

  String inCourse(String course, String collection, String id) {
    return course(course) + "/" + collection + "/" + encode(id);
  }

  String topLevel(String collection, String id) {
    return platformPrefix(collection) + encode(id);
  }

  String platformPrefix(String collection) {
    return base + "/" + collection + "/";
  }

  /** The video's IRI: the id itself when it is an absolute IRI outside our own video space. */
  String video(String course, String video) {
    String prefix = course(course) + "/videos/";
    if (looksLikeIri(video) && !video.startsWith(prefix)) {
      return video;
    }
    return prefix + encode(video);
  }

  String videoId(String course, String iri) {
    String id = localId(iri, course(course) + "/videos/");
    return id != null ? id : iri;
  }

  /** The course id of a course IRI, or null. */
  String courseId(String iri) {
    return localId(iri, base + "/courses/");
  }

  /** The id after {@code prefix} when {@code iri} is {@code prefix} plus exactly one segment; else null. */
  static String localId(String iri, String prefix) {
    if (iri == null || !iri.startsWith(prefix) || iri.indexOf('/', prefix.length()) >= 0) {
      return null;
    }
    return decode(iri.substring(prefix.length()));
  }

  static String encode(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(bytes.length + 8);
    boolean dotsOnly = !id.isEmpty() && id.chars().allMatch(c -> c == '.');
    for (byte x : bytes) {
      int c = x & 0xff;
      boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '~' || (c == '.' && !dotsOnly);
      if (unreserved) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length()) {
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi << 4 | lo);
          i += 2;
          continue;
        }
      }
      byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      out.write(raw, 0, raw.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** An RFC 3987 absolute IRI by its scheme, and nothing that would make it invalid in xAPI. */
  static boolean looksLikeIri(String s) {
    int colon = s.indexOf(':');
    if (colon < 1 || colon == s.length() - 1 || !Character.isLetter(s.charAt(0)) || s.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f || "<>\"{}|\\^`".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
