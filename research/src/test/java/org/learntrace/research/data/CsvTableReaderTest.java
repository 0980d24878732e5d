package org.learntrace.research.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input rules found by {@link OutcomeTablesFuzzTest}: each bad input is one error naming its line. */
class CsvTableReaderTest {
  static List<CsvTableReader.Row> rows = new ArrayList<>();

  static CsvTableReader.ReadResult read(String csv, TableSchema schema) throws IOException {
    rows = new ArrayList<>();
    return CsvTableReader.read(new StringReader(csv), schema.fileName(), schema, rows::add);
  }

  @Test
  void anEmptyHeaderNameIsAnExtraColumnNotACrash() throws IOException {
    var r = read("class_id,,school_id,grade\nc-1,x,s-1,2\n", StudySchema.CLASSES);
    assertThat(r.errors()).isEmpty();
    assertThat(rows).extracting(row -> row.get("grade")).containsExactly("2");
  }

  @Test
  void aDuplicatedHeaderColumnIsAnError() throws IOException {
    var r = read("class_id,school_id,grade,grade\nc-1,s-1,2,3\n", StudySchema.CLASSES);
    assertThat(r.errors()).extracting(RowError::line, RowError::column, RowError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "grade", "header-duplicate-column"));
    assertThat(rows).isEmpty();
  }

  @Test
  void anUnclosedQuoteNamesTheLineItStartsOn() throws IOException {
    var r = read("class_id,school_id,grade\nc-1,s-1,2\n\"c-2,s-1,3\n", StudySchema.CLASSES);
    assertThat(r.errors()).extracting(RowError::line, RowError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "csv-syntax"));
    assertThat(rows).hasSize(1);
  }

  @Test
  void linesCountPhysicalLinesWhenACellSpansLines() throws IOException {
    var r = read("class_id,school_id,grade\n\"c-1\nsecond line\",s-1,2\nc-2,s-1,9\n", StudySchema.CLASSES);
    assertThat(r.errors()).extracting(RowError::line, RowError::column, RowError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "grade", "maximum"));
  }

  @Test
  void bytesThatAreNotUtf8AreAnEncodingErrorOnTheirLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws IOException {
    byte[] csv = "teacher_id,school_id,gender,device\nt-1,s-1,F,phone\nt-\u0001,s-1,M,tablet\n"
        .getBytes(StandardCharsets.UTF_8);
    csv[csv.length - 15] = (byte) 0xff; // the \u0001 of line 3
    java.nio.file.Path file = java.nio.file.Files.write(tmp.resolve("teachers.csv"), csv);
    List<String> ids = new ArrayList<>();
    var r = CsvTableReader.read(file, StudySchema.TEACHERS, row -> ids.add(row.get("teacher_id")));
    assertThat(r.errors()).extracting(RowError::line, RowError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "encoding"));
    assertThat(ids).containsExactly("t-1");
  }

  @Test
  void anExcelByteOrderMarkIsNotPartOfTheFirstColumnName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws IOException {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] text = "class_id,school_id,grade\nc-1,s-1,2\n".getBytes(StandardCharsets.UTF_8);
    byte[] csv = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, csv, 0, bom.length);
    System.arraycopy(text, 0, csv, bom.length, text.length);
    java.nio.file.Path file = java.nio.file.Files.write(tmp.resolve("classes.csv"), csv);
    List<String> ids = new ArrayList<>();
    var r = CsvTableReader.read(file, StudySchema.CLASSES, row -> ids.add(row.get("class_id")));
    assertThat(r.errors()).isEmpty();
    assertThat(ids).containsExactly("c-1");
  }

  @Test
  void aDateMustHaveAFourDigitYear() {
    Column c = Column.date("assessed_on", "");
    assertThat(CsvTableReader.check(c, "+10000-01-20")).startsWith("type-date ");
    assertThat(CsvTableReader.check(c, "-0001-11-02")).startsWith("type-date ");
    assertThat(CsvTableReader.check(c, "2026-02-30")).startsWith("type-date ");
    assertThat(CsvTableReader.check(c, "2026-01-20")).isNull();
  }

  @Test
  void aRowIsAsWideAsTheHeaderEvenWhenTheHeaderRepeatsAName() throws IOException {
    // a repeated name outside the schema: the header map has 4 names, the header 5 cells
    var r = read("class_id,school_id,grade,x,x\nc-1,s-1,2,7\nc-2,s-1,3,7,8\n", StudySchema.CLASSES);
    assertThat(r.errors()).extracting(RowError::line, RowError::rule)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "row-width"));
    assertThat(rows).extracting(row -> row.get("class_id")).containsExactly("c-2");
  }
}
