package org.learntrace.research.linkage;

import java.util.List;
import org.learntrace.research.data.CsvTableReader.ReadResult;
import org.learntrace.research.data.RowError;

/**
 * How well the study's files linked: per-file read results, rows that broke a foreign key or
 * could not be resolved to exactly one school, and match rates.
 *
 * @param reads what each file's read found
 * @param problems linkage problems, each naming file, line, column and rule (the first 1000)
 * @param problemCount all linkage problems
 * @param outcomeRows assessment rows that passed the row checks
 * @param outcomeRowsResolved rows resolved to exactly one school
 * @param studentsBothWaves students with a resolved baseline and endline
 * @param studentsOneWave students with only one resolved wave
 * @param teachersInLinks teachers in {@code teachers.csv}
 * @param treatedTeachers teachers in treated schools
 * @param treatedTeachersWithStatements treated teachers with at least one engagement statement
 * @param statementTeachers distinct teachers in the statements
 * @param statementTeachersUnmatched of those, teachers not in {@code teachers.csv}
 * @param selfReportsMatched self-report rows whose teacher is in {@code teachers.csv}
 */
public record LinkageReport(
    List<ReadResult> reads,
    List<RowError> problems,
    long problemCount,
    long outcomeRows,
    long outcomeRowsResolved,
    long studentsBothWaves,
    long studentsOneWave,
    long teachersInLinks,
    long treatedTeachers,
    long treatedTeachersWithStatements,
    long statementTeachers,
    long statementTeachersUnmatched,
    long selfReportsMatched) {

  /** Copies the lists. */
  public LinkageReport {
    reads = List.copyOf(reads);
    problems = List.copyOf(problems);
  }

  /** Share of checked outcome rows that resolved to one school. */
  public double outcomeMatchRate() {
    return outcomeRows == 0 ? Double.NaN : (double) outcomeRowsResolved / outcomeRows;
  }

  /** Share of treated teachers found in the statements. */
  public double engagementMatchRate() {
    return treatedTeachers == 0 ? Double.NaN : (double) treatedTeachersWithStatements / treatedTeachers;
  }

  /** Row errors across all files. */
  public long rowErrorCount() {
    return reads.stream().mapToLong(ReadResult::errorCount).sum();
  }

  /** Whether nothing was rejected or unresolved. */
  public boolean clean() {
    return problemCount == 0 && rowErrorCount() == 0;
  }
}
