package org.learntrace.research.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The schema of one CSV table: file name, columns, primary key and foreign keys. The same object
 * drives the writer (header order), the row-by-row checks of the reader and the Frictionless
 * {@code datapackage.json}.
 *
 * @param name the resource name (file name without {@code .csv})
 * @param description what one row is
 * @param columns the columns in file order
 * @param primaryKey the columns that identify a row
 * @param foreignKeys references to other tables' primary keys
 */
public record TableSchema(String name, String description, List<Column> columns, List<String> primaryKey,
    List<ForeignKey> foreignKeys) {

  /** Copies the lists. */
  public TableSchema {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    foreignKeys = List.copyOf(foreignKeys);
  }

  /** The file name, {@code name + ".csv"}. */
  public String fileName() {
    return name + ".csv";
  }

  /** The header, in order. */
  public List<String> header() {
    List<String> h = new ArrayList<>(columns.size());
    for (Column c : columns) {
      h.add(c.name());
    }
    return h;
  }

  /** The column with this name. */
  public Column column(String columnName) {
    for (Column c : columns) {
      if (c.name().equals(columnName)) {
        return c;
      }
    }
    throw new IllegalArgumentException("table " + name + " has no column " + columnName);
  }

  /**
   * A foreign key: {@code fields} of this table reference {@code referenceFields} of
   * {@code referenceTable}.
   */
  public record ForeignKey(List<String> fields, String referenceTable, List<String> referenceFields) {
    /** Copies the lists. */
    public ForeignKey {
      fields = List.copyOf(fields);
      referenceFields = List.copyOf(referenceFields);
    }

    /** A single-column foreign key. */
    public static ForeignKey of(String field, String table, String referenceField) {
      return new ForeignKey(List.of(field), table, List.of(referenceField));
    }
  }
}
