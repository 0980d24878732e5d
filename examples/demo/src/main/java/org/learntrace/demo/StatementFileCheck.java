package org.learntrace.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Violation;
import org.learntrace.xapi.XapiJson;
import org.learntrace.xapi.XapiVersion;

/** Validates NDJSON statements under both xAPI versions and round-trips the valid ones. */
final class StatementFileCheck {
  private final XapiVersion selected;

  StatementFileCheck(XapiVersion selected) {
    this.selected = selected;
  }

  /** One line's outcome. */
  record Line(int number, String verb, List<Violation> v103, List<Violation> v200, boolean roundTrips) {
    List<Violation> under(XapiVersion v) {
      return v == XapiVersion.V1_0_3 ? v103 : v200;
    }
  }

  /** All lines' outcomes. */
  record Report(XapiVersion selected, List<Line> lines) {
    boolean allValid() {
      return !lines.isEmpty() && lines.stream().allMatch(l -> l.under(selected).isEmpty() && l.roundTrips());
    }

    void print(String source, PrintStream out) {
      out.println("LearnTrace statement check: " + source + " (" + lines.size() + " statements)");
      out.println();
      out.printf("%5s  %-40s  %-7s  %-7s  %s%n", "line", "verb", "1.0.3", "2.0.0", "round-trip");
      for (Line l : lines) {
        out.printf("%5d  %-40s  %-7s  %-7s  %s%n", l.number(), l.verb(), mark(l.v103()), mark(l.v200()),
            l.roundTrips() ? "ok" : "-");
      }
      for (Line l : lines) {
        for (XapiVersion v : XapiVersion.values()) {
          for (Violation violation : l.under(v)) {
            out.println("  line " + l.number() + " (xAPI " + v + "): " + violation);
          }
        }
      }
      long valid = lines.stream().filter(l -> l.under(selected).isEmpty()).count();
      out.println();
      out.println(valid + " of " + lines.size() + " statements are valid xAPI " + selected
          + (allValid() ? "; every valid statement round-trips unchanged." : "."));
    }

    private static String mark(List<Violation> v) {
      return v.isEmpty() ? "valid" : v.size() + " err";
    }
  }

  Report check(List<String> lines) {
    List<Line> out = new ArrayList<>();
    int n = 0;
    for (String text : lines) {
      n++;
      if (text.isBlank()) {
        continue;
      }
      StatementValidator.Validated v103 = StatementValidator.forVersion(XapiVersion.V1_0_3).validate(text);
      StatementValidator.Validated v200 = StatementValidator.forVersion(XapiVersion.V2_0_0).validate(text);
      Statement s = v200.isValid() ? v200.statement() : v103.statement();
      boolean roundTrips = s != null && XapiJson.readStatement(XapiJson.toBytes(s)).equals(s);
      String verb = s == null || s.verb() == null ? "?" : s.verb().id();
      out.add(new Line(n, shorten(verb), v103.violations(), v200.violations(), roundTrips));
    }
    return new Report(selected, out);
  }

  private static String shorten(String iri) {
    return iri.length() <= 40 ? iri : "…" + iri.substring(iri.length() - 39);
  }
}
