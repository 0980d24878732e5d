package org.learntrace.xapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks statements against every MUST of the xAPI Data chapter that a single statement can be
 * checked for, for one xAPI version, and reports all violations at once, each with its JSON path
 * and rule.
 *
 * <p>Two entry points share one set of rules: {@link #validate(Statement)} for a statement built
 * in code (the client, before sending), and {@link #validate(JsonNode)} / {@link #validate(String)}
 * for JSON received from elsewhere (the LRS and the collector, on receipt), which also reports JSON
 * type errors, unknown properties and nulls.
 *
 * <pre>{@code
 * StatementValidator validator = StatementValidator.forVersion(XapiVersion.V2_0_0);
 * List<Violation> problems = validator.validate(statement);
 * // [$.actor: an Agent must have exactly one of mbox, mbox_sha1sum, openid and account [XAPI-00034]: found 2]
 * }</pre>
 *
 * <p>Thread-safe and cheap to share.
 */
public final class StatementValidator {
  private static final StatementValidator V1 = new StatementValidator(XapiVersion.V1_0_3);
  private static final StatementValidator V2 = new StatementValidator(XapiVersion.V2_0_0);

  private final XapiVersion version;

  private StatementValidator(XapiVersion version) {
    this.version = version;
  }

  /** The validator for {@code version}. */
  public static StatementValidator forVersion(XapiVersion version) {
    return Objects.requireNonNull(version, "version") == XapiVersion.V1_0_3 ? V1 : V2;
  }

  /** The version this validator checks against. */
  public XapiVersion version() {
    return version;
  }

  /** Every violation of {@code statement}; empty when it is valid. */
  public List<Violation> validate(Statement statement) {
    Objects.requireNonNull(statement, "statement");
    List<Violation> out = new ArrayList<>(0);
    new StatementRules(version, List.of(), out).statement(statement, JsonPath.ROOT);
    return out;
  }

  /**
   * Throws if {@code statement} is invalid; returns it otherwise.
   *
   * @throws XapiValidationException listing every violation
   */
  public Statement requireValid(Statement statement) {
    List<Violation> violations = validate(statement);
    if (!violations.isEmpty()) {
      throw new XapiValidationException(violations);
    }
    return statement;
  }

  /** Parses and checks one statement given as JSON text. */
  public Validated validate(String json) {
    JsonNode node;
    try {
      node = XapiJson.parseTree(json);
    } catch (JsonProcessingException e) {
      return Validated.malformed(e);
    }
    return validate(node);
  }

  /** Checks one statement given as a JSON tree, and reads it into the model. */
  public Validated validate(JsonNode json) {
    return check(json, JsonPath.ROOT);
  }

  /**
   * Checks a statement batch: a JSON array of statements, or a single statement. Paths of a
   * batch's violations start with the statement's index, e.g. {@code $[3].actor.mbox}.
   */
  public List<Validated> validateBatch(JsonNode json) {
    if (!json.isArray()) {
      return List.of(validate(json));
    }
    List<Validated> results = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      results.add(check(json.get(i), JsonPath.ROOT.index(i)));
    }
    return results;
  }

  private Validated check(JsonNode json, JsonPath root) {
    StatementReader reader = new StatementReader();
    Statement statement = reader.statement(json, root);
    List<Violation> violations = new ArrayList<>(reader.violations());
    if (statement != null) {
      new StatementRules(version, reader.reportedPaths(), violations).statement(statement, root);
    }
    if (!version.hasContextAgentsAndGroups()) {
      // An empty contextAgents/contextGroups is absent from the model, but the key itself is 2.0-only.
      for (String p : reader.version2Paths()) {
        if (violations.stream().noneMatch(v -> v.path().equals(p))) {
          violations.add(new Violation(p, XapiRule.VERSION_2_PROPERTY, "validating for xAPI " + version));
        }
      }
    }
    return violations.isEmpty() ? new Validated(statement, List.of()) : new Validated(null, List.copyOf(violations));
  }

  /**
   * The outcome of checking JSON: the statement when it is valid, otherwise the violations.
   *
   * @param statement the statement read, or null when there are violations
   * @param violations every violation; empty when valid
   */
  public record Validated(Statement statement, List<Violation> violations) {
    /** Whether the statement is valid. */
    public boolean isValid() {
      return violations.isEmpty();
    }

    /**
     * The statement.
     *
     * @throws XapiValidationException listing every violation, if invalid
     */
    public Statement orThrow() {
      if (!violations.isEmpty()) {
        throw new XapiValidationException(violations);
      }
      return statement;
    }

    static Validated malformed(JsonProcessingException e) {
      String where = e.getLocation() == null
          ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      String kind = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
          ? "duplicate" : "malformed";
      XapiRule rule = kind.equals("duplicate") ? XapiRule.DUPLICATE_PROPERTY : XapiRule.NOT_AN_OBJECT;
      return new Validated(null, List.of(new Violation("$", rule, e.getOriginalMessage() + where)));
    }
  }
}
