package org.learntrace.research.data;

/**
 * A problem with one cell or row of an input file.
 *
 * @param file the file name
 * @param line the 1-based line number in the file (the header is line 1); 0 for file-level errors
 * @param column the column name, or empty for row-level errors
 * @param rule the rule broken, a stable identifier such as {@code required} or {@code type-integer}
 * @param detail what was found
 */
public record RowError(String file, long line, String column, String rule, String detail) {
  @Override
  public String toString() {
    return file + ":" + line + (column.isEmpty() ? "" : " column " + column) + ": [" + rule + "] " + detail;
  }
}
