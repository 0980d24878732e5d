package org.learntrace.sdk;

import java.nio.file.Path;

/**
 * Why a policy file was rejected. The last good policy of that course stays in force.
 *
 * @param file the file
 * @param line the 1-based line of the problem, or 0 if unknown
 * @param column the 1-based column, or 0 if unknown
 * @param field the dotted path of the offending field, e.g. {@code defaults.families.video.rate}
 * @param message what rule was broken, with the offending value
 */
public record PolicyProblem(Path file, int line, int column, String field, String message) {

  @Override
  public String toString() {
    return file.getFileName() + " line " + line + ", column " + column + ", field " + field + ": " + message;
  }
}
