package org.learntrace.xapi;

/**
 * One way in which a statement breaks the xAPI Data chapter.
 *
 * @param path where, as a JSON path from the statement root, e.g. {@code $.context.team.member[1].mbox}
 * @param rule which requirement
 * @param detail what was found there, e.g. {@code was "http://x"}; may be empty
 */
public record Violation(String path, XapiRule rule, String detail) {
  /** {@code $.actor.mbox: mbox must be a mailto IRI ... [XAPI-00038]: was "x"}. */
  @Override
  public String toString() {
    return path + ": " + rule.text() + " [" + rule.id() + "]" + (detail.isEmpty() ? "" : ": " + detail);
  }
}
