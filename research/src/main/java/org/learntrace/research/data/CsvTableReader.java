package org.learntrace.research.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.learntrace.research.internal.KeyIndex;

/**
 * Reads a CSV table row by row, checking every cell against its {@link TableSchema}: required
 * cells, types, allowed values, ranges, duplicate primary keys. Rows with any error are reported
 * and not passed on; the rest reach the consumer as {@link Row}s. Memory is bounded by the set of
 * primary keys seen, held compactly ({@link KeyIndex}).
 */
public final class CsvTableReader {
  private CsvTableReader() {}

  /** Errors kept in full per table; past this only the count grows. */
  public static final int MAX_ERRORS_KEPT = 1000;

  /**
   * Reads {@code file} against {@code schema}.
   *
   * @return the outcome: rows read, rows accepted, errors
   * @throws IOException if the file cannot be read
   */
  public static ReadResult read(Path file, TableSchema schema, Consumer<Row> rows) throws IOException {
    try (Reader r = new StrictUtf8Reader(Files.newInputStream(file))) {
      return read(r, file.getFileName().toString(), schema, rows);
    }
  }

  /**
   * Reads CSV text from {@code reader}; {@code fileName} names it in errors. Text that cannot be
   * decoded or parsed ends the read with one {@code encoding} or {@code csv-syntax} error naming
   * its line; rows before it have been passed on, none after it are.
   */
  public static ReadResult read(Reader reader, String fileName, TableSchema schema, Consumer<Row> rows) throws IOException {
    List<RowError> errors = new ArrayList<>();
    long[] errorCount = {0};
    Consumer<RowError> report = e -> {
      errorCount[0]++;
      if (errors.size() < MAX_ERRORS_KEPT) {
        errors.add(e);
      }
    };
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setAllowMissingColumnNames(true).get();
    long read = 0;
    long accepted = 0;
    LineCountingReader counted = new LineCountingReader(withoutByteOrderMark(reader));
    // the physical line (1-based) the next record starts on: records may span lines in quotes
    long nextLine = 1;
    try (CSVParser parser = CSVParser.parse(counted, format)) {
      List<String> header = parser.getHeaderNames();
      int[] index = new int[schema.columns().size()];
      boolean headerOk = true;
      for (int c = 0; c < index.length; c++) {
        Column col = schema.columns().get(c);
        index[c] = header.indexOf(col.name());
        if (index[c] < 0) {
          headerOk = false;
          report.accept(new RowError(fileName, 1, col.name(), "header-missing-column",
              "the header has no column '" + col.name() + "'; found " + header));
        } else if (header.lastIndexOf(col.name()) != index[c]) {
          headerOk = false;
          report.accept(new RowError(fileName, 1, col.name(), "header-duplicate-column",
              "the header has column '" + col.name() + "' more than once; found " + header));
        }
      }
      if (!headerOk) {
        return new ReadResult(fileName, 0, 0, errorCount[0], errors);
      }
      nextLine = parser.getCurrentLineNumber() + 1;
      java.util.Map<String, Integer> byName = new java.util.HashMap<>();
      for (int c = 0; c < index.length; c++) {
        byName.put(schema.columns().get(c).name(), c);
      }
      KeyIndex keys = new KeyIndex();
      int[] keyCols = schema.primaryKey().stream().mapToInt(k -> schema.header().indexOf(k)).toArray();
      for (CSVRecord rec : parser) {
        read++;
        long line = nextLine;
        nextLine = parser.getCurrentLineNumber() + 1;
        String[] cells = new String[index.length];
        boolean ok = true;
        // not rec.isConsistent(): that compares with the header map, where a repeated name counts once
        if (rec.size() != header.size()) {
          report.accept(new RowError(fileName, line, "", "row-width",
              "row has " + rec.size() + " cells, header has " + header.size()));
          continue;
        }
        for (int c = 0; c < index.length; c++) {
          Column col = schema.columns().get(c);
          String raw = rec.get(index[c]);
          String v = StudySchema.MISSING_VALUES.contains(raw) ? null : raw;
          cells[c] = v;
          String problem = check(col, v);
          if (problem != null) {
            ok = false;
            report.accept(new RowError(fileName, line, col.name(), problem.substring(0, problem.indexOf(' ')),
                problem.substring(problem.indexOf(' ') + 1)));
          }
        }
        if (ok && keyCols.length > 0) {
          String key;
          if (keyCols.length == 1) {
            key = String.valueOf(cells[keyCols[0]]); // as unique as the cell plus a separator, without a copy
          } else {
            StringBuilder b = new StringBuilder();
            for (int kc : keyCols) {
              b.append(cells[kc]).append('\u0000');
            }
            key = b.toString();
          }
          int seen = keys.size();
          if (keys.add(key) < seen) {
            ok = false;
            report.accept(new RowError(fileName, line, String.join("+", schema.primaryKey()), "duplicate-key",
                "primary key " + key.replace('\u0000', ' ').trim() + " appeared on an earlier line"));
          }
        }
        if (ok) {
          accepted++;
          rows.accept(new Row(schema, byName, cells, fileName, line));
        }
      }
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      // commons-csv reports syntax errors as IOExceptions (CSVException), wrapped when iterating
      Throwable cause = e;
      while ((cause instanceof java.io.UncheckedIOException || cause instanceof IllegalStateException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof java.nio.charset.CharacterCodingException) {
        report.accept(new RowError(fileName, counted.line(), "", "encoding",
            "the file is not UTF-8 text (" + cause + "); the rest of the file was not read"));
      } else if (cause instanceof IOException && !(cause instanceof org.apache.commons.csv.CSVException)) {
        throw (IOException) cause; // the file cannot be read, not bad CSV
      } else {
        report.accept(new RowError(fileName, nextLine, "", "csv-syntax",
            String.valueOf(cause.getMessage()) + "; the rest of the file was not read"));
      }
    }
    return new ReadResult(fileName, read, accepted, errorCount[0], errors);
  }

  /**
   * The text without a leading U+FEFF: Excel's "CSV UTF-8" export starts the file with a byte
   * order mark, which would otherwise become part of the first column's name.
   */
  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    java.io.PushbackReader r = new java.io.PushbackReader(reader, 1);
    int first = r.read();
    if (first >= 0 && first != '\uFEFF') {
      r.unread(first);
    }
    return r;
  }

  /**
   * Decodes UTF-8 strictly, like {@link Files#newBufferedReader(Path)}, but hands out the text
   * before a malformed byte before failing, so that the failure can be placed on its line.
   */
  private static final class StrictUtf8Reader extends Reader {
    private final java.io.InputStream in;
    private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    private final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8192).flip();
    private final java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(8192).flip();
    private java.nio.charset.CoderResult error;
    private boolean eof;
    private boolean flushed;

    StrictUtf8Reader(java.io.InputStream in) {
      this.in = in;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (!chars.hasRemaining()) {
        if (error != null) {
          error.throwException();
        }
        if (flushed) {
          return -1;
        }
        fill();
      }
      int n = Math.min(len, chars.remaining());
      chars.get(buf, off, n);
      return n;
    }

    private void fill() throws IOException {
      chars.clear();
      if (!eof) {
        bytes.compact();
        int r = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (r < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + r);
        }
        bytes.flip();
      }
      java.nio.charset.CoderResult cr = decoder.decode(bytes, chars, eof);
      if (cr.isError()) {
        error = cr;
      } else if (eof && cr.isUnderflow()) {
        decoder.flush(chars);
        flushed = true;
      }
      chars.flip();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Counts the physical lines ({@code \n}, {@code \r} or {@code \r\n}) of the characters it has delivered. */
  private static final class LineCountingReader extends java.io.FilterReader {
    private long breaks;
    private boolean afterCr;

    LineCountingReader(Reader in) {
      super(in);
    }

    /** The 1-based line of the next character. */
    long line() {
      return breaks + 1;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        count(buf[off + i]);
      }
      return n;
    }

    private void count(char c) {
      if (c == '\n') {
        if (!afterCr) {
          breaks++;
        }
        afterCr = false;
      } else if (c == '\r') {
        breaks++;
        afterCr = true;
      } else {
        afterCr = false;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      char[] buf = new char[(int) Math.min(n, 8192)];
      long skipped = 0;
      while (skipped < n) {
        int k = read(buf, 0, (int) Math.min(buf.length, n - skipped));
        if (k < 0) {
          break;
        }
        skipped += k;
      }
      return skipped;
    }
  }

  private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** Returns "rule detail" when the value breaks a rule, else null. */
  static String check(Column col, String v) {
    if (v == null) {
      return col.required() ? "required the cell is empty or NA" : null;
    }
    switch (col.type()) {
      case "integer" -> {
        long x;
        try {
          x = Long.parseLong(v);
        } catch (NumberFormatException e) {
          return "type-integer '" + v + "' is not an integer";
        }
        return range(col, x, v);
      }
      case "number" -> {
        double x;
        try {
          x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          return "type-number '" + v + "' is not a number";
        }
        if (!Double.isFinite(x)) {
          return "type-number '" + v + "' is not finite";
        }
        return range(col, x, v);
      }
      case "date" -> {
        // yyyy-mm-dd only: LocalDate also takes signed years past 9999 ("+10000-01-20"), which no
        // xAPI timestamp (years 0000-9999) can carry
        if (v.length() != 10 || !ISO_DATE.matcher(v).matches()) {
          return "type-date '" + v + "' is not an ISO date (yyyy-mm-dd)";
        }
        try {
          LocalDate.parse(v);
        } catch (DateTimeParseException e) {
          return "type-date '" + v + "' is not an ISO date (yyyy-mm-dd)";
        }
        return null;
      }
      default -> {
        if (!col.allowed().isEmpty() && !col.allowed().contains(v)) {
          return "enum '" + v + "' is not one of " + col.allowed();
        }
        return null;
      }
    }
  }

  private static String range(Column col, double x, String v) {
    if (!Double.isNaN(col.min()) && x < col.min()) {
      return "minimum " + v + " is below " + fmt(col.min());
    }
    if (!Double.isNaN(col.max()) && x > col.max()) {
      return "maximum " + v + " is above " + fmt(col.max());
    }
    return null;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /**
   * One accepted row, with typed accessors by column name. Missing cells are null.
   */
  public static final class Row {
    private final TableSchema schema;
    private final java.util.Map<String, Integer> byName;
    private final String[] cells;
    private final String file;
    private final long line;

    Row(TableSchema schema, java.util.Map<String, Integer> byName, String[] cells, String file, long line) {
      this.schema = schema;
      this.byName = byName;
      this.cells = cells;
      this.file = file;
      this.line = line;
    }

    /** The file the row came from. */
    public String file() {
      return file;
    }

    /** The row's line number in the file. */
    public long line() {
      return line;
    }

    /** The cell, or null when missing. */
    public String get(String column) {
      Integer i = byName.get(column);
      if (i == null) {
        throw new IllegalArgumentException("table " + schema.name() + " has no column " + column);
      }
      return cells[i];
    }

    /** The cell at a column position (schema order). */
    public String get(int columnIndex) {
      return cells[columnIndex];
    }

    /** The integer cell, or {@code missing} when empty. */
    public int getInt(String column, int missing) {
      String v = get(column);
      return v == null ? missing : Integer.parseInt(v);
    }

    /** The number cell, or NaN when empty. */
    public double getDouble(String column) {
      String v = get(column);
      return v == null ? Double.NaN : Double.parseDouble(v);
    }
  }

  /**
   * What one read did.
   *
   * @param file the file name
   * @param rows data rows read
   * @param accepted rows without errors
   * @param errorCount all errors found
   * @param errors the first {@link #MAX_ERRORS_KEPT} errors
   */
  public record ReadResult(String file, long rows, long accepted, long errorCount, List<RowError> errors) {
    /** Copies the errors. */
    public ReadResult {
      errors = List.copyOf(errors);
    }
  }
}
