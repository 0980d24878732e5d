package org.learntrace.research.data;

import java.util.List;

/**
 * One column of a CSV table: its name, Frictionless type, whether it is required, its allowed
 * values or range, and what it means (for the codebook).
 *
 * @param name the header name
 * @param type a Frictionless Table Schema type: {@code string}, {@code integer}, {@code number},
 *     {@code date} or {@code boolean}
 * @param required whether an empty cell is an error
 * @param allowed the allowed values (empty: any)
 * @param min the minimum for numbers (NaN: none)
 * @param max the maximum for numbers (NaN: none)
 * @param description what the column holds, for the codebook
 */
public record Column(String name, String type, boolean required, List<String> allowed, double min, double max,
    String description) {

  /** Copies the allowed values. */
  public Column {
    allowed = List.copyOf(allowed);
  }

  /** A required string column. */
  public static Column id(String name, String description) {
    return new Column(name, "string", true, List.of(), Double.NaN, Double.NaN, description);
  }

  /** A string column. */
  public static Column text(String name, boolean required, String description) {
    return new Column(name, "string", required, List.of(), Double.NaN, Double.NaN, description);
  }

  /** A required column with a closed set of values. */
  public static Column oneOf(String name, List<String> values, String description) {
    return new Column(name, "string", true, values, Double.NaN, Double.NaN, description);
  }

  /** An integer column in {@code [min, max]}. */
  public static Column integer(String name, boolean required, double min, double max, String description) {
    return new Column(name, "integer", required, List.of(), min, max, description);
  }

  /** A number column in {@code [min, max]}. */
  public static Column number(String name, boolean required, double min, double max, String description) {
    return new Column(name, "number", required, List.of(), min, max, description);
  }

  /** A required ISO date column. */
  public static Column date(String name, String description) {
    return new Column(name, "date", true, List.of(), Double.NaN, Double.NaN, description);
  }
}
