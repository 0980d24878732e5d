package org.learntrace.research.output;

import java.util.List;
import java.util.Locale;
import org.learntrace.research.analysis.AnalysisReport;
import org.learntrace.research.analysis.AnalysisReport.Subgroup;
import org.learntrace.research.analysis.Regression;
import org.learntrace.research.analysis.StudyAnalysis;
import org.learntrace.research.linkage.LinkageReport;

/**
 * Renders the analysis as one self-contained HTML file: no scripts, no external resources, inline
 * SVG charts that scale to the screen (engagement funnel per module, dose–response, equity forest
 * plot, self-report vs logged), and the per-module view for course designers. Subgroups under
 * {@link StudyAnalysis#MIN_CELL} are suppressed.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The report as HTML. */
  public static String render(AnalysisReport r, LinkageReport link) {
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>LearnTrace study report</title><style>")
        .append("body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b}")
        .append("h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}")
        .append("table{border-collapse:collapse;width:100%;font-size:.9rem;display:block;overflow-x:auto}")
        .append("th,td{padding:.25rem .5rem;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}")
        .append("th:first-child,td:first-child{text-align:left}svg{width:100%;height:auto;max-width:40rem}")
        .append(".note{background:#fff4ce;padding:.5rem 1rem;border-left:4px solid #c90}.k{font-size:1.4rem;font-weight:600}")
        .append(".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1rem}")
        .append("</style></head><body>");
    h.append("<h1>Did the course change learning? — LearnTrace study report</h1>");
    for (String n : r.notes()) {
      h.append("<p class=\"note\">").append(esc(n)).append("</p>");
    }
    var s = r.sample();
    Regression.Coefficient t = r.ancova().coefficient(AnalysisReport.TREATMENT);
    h.append("<div class=\"grid\">")
        .append(card("Treatment effect (ANCOVA)", f2(t.estimate()) + " points",
            "95% CI " + f2(t.low()) + " to " + f2(t.high()) + ", SE clustered by school"))
        .append(card("Effect size (Hedges' g)", f2(r.ancovaEffectSd().g()),
            "CI " + f2(r.ancovaEffectSd().low()) + " to " + f2(r.ancovaEffectSd().high()) + "; " + r.ancovaEffectSd().sdUsed()))
        .append(card("Sample", s.students() + " students", s.schools() + " schools (" + s.treatedSchools() + " treated)"))
        .append(card("Linkage", pct(s.outcomeMatchRate()) + " of outcome rows",
            pct(s.engagementMatchRate()) + " of treated teachers found in the statements"))
        .append("</div>");

    h.append("<h2>Primary estimate: ANCOVA</h2><p><code>").append(esc(r.ancova().model()))
        .append("</code>. Standard errors clustered at the school (CR1, t on G − 1 df); naive SEs shown for comparison. ")
        .append("Clustered / naive SE of the treatment effect: <b>").append(f2(r.seRatio())).append("</b>. ICC at baseline ")
        .append(f3(r.iccBaseline().icc())).append(" (95% CI ").append(f3(r.iccBaseline().low())).append("–")
        .append(f3(r.iccBaseline().high())).append("), design effect ").append(f2(r.iccBaseline().designEffect()))
        .append(".</p>");
    regressionTable(h, r.ancova());
    h.append("<h2>Gains by arm</h2><table><tr><th>arm</th><th>students</th><th>schools</th><th>baseline</th><th>endline</th>")
        .append("<th>gain</th><th>gain 95% CI (clustered)</th></tr>");
    for (var a : r.arms()) {
      h.append("<tr><td>").append(a.arm()).append("</td><td>").append(a.students()).append("</td><td>").append(a.schools())
          .append("</td><td>").append(f2(a.baseline().value())).append("</td><td>").append(f2(a.endline().value()))
          .append("</td><td>").append(f2(a.gain().value())).append("</td><td>").append(f2(a.gain().low())).append(" to ")
          .append(f2(a.gain().high())).append("</td></tr>");
    }
    h.append("</table><p>Difference-in-differences (check): ");
    var dd = r.did().coefficient("treatment:endline");
    h.append(f2(dd.estimate())).append(" points, 95% CI ").append(f2(dd.low())).append(" to ").append(f2(dd.high()))
        .append(". Unadjusted endline Hedges' g ").append(f2(r.endlineDifference().g())).append(" (")
        .append(esc(r.endlineDifference().sdUsed())).append("); Hedges (2007) δ<sub>T</sub> ")
        .append(f2(r.endlineClustered().g())).append(" (CI ").append(f2(r.endlineClustered().low())).append(" to ")
        .append(f2(r.endlineClustered().high())).append(").</p>");

    if (!r.modules().isEmpty()) {
      h.append("<h2>Engagement funnel per module</h2>").append(funnel(r.modules()));
      h.append("<h2>For course designers: each module</h2><table><tr><th>module</th><th>started</th><th>completed</th>")
          .append("<th>completion</th><th>video watched</th><th>passed at 1st try</th><th>best score</th><th>days</th></tr>");
      for (var m : r.modules()) {
        if (m.started() < StudyAnalysis.MIN_CELL) {
          h.append("<tr><td>").append(m.module()).append("</td><td colspan=\"7\">suppressed (fewer than 5 teachers)</td></tr>");
          continue;
        }
        h.append("<tr><td>").append(m.module()).append("</td><td>").append(m.started()).append("</td><td>")
            .append(m.completed()).append("</td><td>").append(pct(m.completionRate())).append("</td><td>")
            .append(pct(m.meanWatchShare())).append("</td><td>").append(pct(m.firstAttemptPassRate())).append("</td><td>")
            .append(pct(m.meanBestScore())).append("</td><td>").append(f2(m.meanDaysActive())).append("</td></tr>");
      }
      h.append("</table>");
    }
    if (r.dose() != null) {
      var c = r.dose().coefficient("modules_completed");
      h.append("<h2>Dose–response (treated arm, correlational)</h2><p>Each module completed by the teacher (platform log, ")
          .append("never self-report) goes with ").append(f3(c.estimate())).append(" endline points (95% CI ")
          .append(f3(c.low())).append(" to ").append(f3(c.high()))
          .append("), adjusting for baseline. Teachers choose how much to engage, so this is an association, not an effect.</p>")
          .append(dose(r.doseBins()));
    }
    h.append("<h2>Equity: treatment effect by subgroup</h2>").append(forest(r.equityEffects(), t.estimate()));
    if (!r.equityEngagement().isEmpty()) {
      h.append("<h3>Access: modules completed by treated teachers</h3><table><tr><th>group</th><th>teachers</th>")
          .append("<th>mean</th><th>95% CI</th></tr>");
      for (Subgroup g : r.equityEngagement()) {
        h.append("<tr><td>").append(esc(g.dimension() + ": " + g.level())).append("</td>");
        if (g.suppressed()) {
          h.append("<td colspan=\"3\">suppressed (fewer than 5)</td></tr>");
        } else {
          h.append("<td>").append(g.n()).append("</td><td>").append(f2(g.estimate().value())).append("</td><td>")
              .append(f2(g.estimate().low())).append(" to ").append(f2(g.estimate().high())).append("</td></tr>");
        }
      }
      h.append("</table>");
    }
    if (r.selfReport() != null) {
      var g = r.selfReport();
      h.append("<h2>Self-report vs platform log</h2><p>").append(g.teachers()).append(" teachers reported completing ")
          .append(f2(g.meanReported())).append(" modules on average; the platform logged ").append(f2(g.meanLogged()))
          .append(". Gap ").append(f2(g.gap().value())).append(" modules (95% CI ").append(f2(g.gap().low())).append(" to ")
          .append(f2(g.gap().high())).append("); correlation ").append(f2(g.correlation())).append(".</p>")
          .append(selfReport(g));
    }
    if (r.cost() != null) {
      var c = r.cost();
      h.append("<h2>Cost-effectiveness</h2><table><tr><th>measure</th><th>value</th></tr>")
          .append(row("total cost (US$, range)", usd(c.totalUsd()) + " (" + usd(c.lowUsd()) + "–" + usd(c.highUsd()) + ")"))
          .append(row("per teacher reached (" + c.teachersReached() + ")", usd(c.perTeacherReached())))
          .append(row("per completer (" + c.completers() + ")", usd(c.perCompleter())))
          .append(row("per student (" + c.students() + ")", usd(c.perStudent())))
          .append(row("SD gained per US$100 per student", f3(c.sdPer100()) + " (" + f3(c.sdPer100Low()) + " to "
              + f3(c.sdPer100High()) + ")"))
          .append("</table><h3>Sensitivity: one ledger line at its low / high value</h3><table><tr><th>item</th>")
          .append("<th>SD per $100 at low</th><th>at high</th></tr>");
      for (var x : c.sensitivity()) {
        h.append("<tr><td>").append(esc(x.item())).append("</td><td>").append(f3(x.sdPer100AtLow())).append("</td><td>")
            .append(f3(x.sdPer100AtHigh())).append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<h2>Linkage</h2><p>").append(link.outcomeRowsResolved()).append(" of ").append(link.outcomeRows())
        .append(" outcome rows resolved to exactly one school; ").append(link.studentsBothWaves())
        .append(" students have both waves, ").append(link.studentsOneWave()).append(" only one. ")
        .append(link.rowErrorCount()).append(" row errors, ").append(link.problemCount())
        .append(" linkage problems (see linkage_problems.csv). ").append(link.statementTeachersUnmatched())
        .append(" teachers in the statements are not in teachers.csv.</p>");
    h.append("<p><small>Generated by LearnTrace research. Estimates that need mixed models, CR2 or wild-cluster bootstrap, ")
        .append("IRT or multiple imputation: use the CSV exports and datapackage.json in R or Stata.</small></p></body></html>");
    return h.toString();
  }

  private static void regressionTable(StringBuilder h, Regression r) {
    h.append("<table><tr><th>term</th><th>estimate</th><th>SE naive</th><th>SE clustered</th><th>95% CI</th><th>p</th></tr>");
    for (var c : r.coefficients()) {
      h.append("<tr><td>").append(esc(c.term())).append("</td><td>").append(f3(c.estimate())).append("</td><td>")
          .append(f3(c.seNaive())).append("</td><td>").append(f3(c.seClustered())).append("</td><td>").append(f3(c.low()))
          .append(" to ").append(f3(c.high())).append("</td><td>").append(p(c.p())).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static String funnel(List<AnalysisReport.ModuleView> modules) {
    int max = modules.stream().mapToInt(AnalysisReport.ModuleView::started).max().orElse(1);
    int rowH = 26;
    int height = 30 + rowH * modules.size();
    // 60 px of labels, 320 px of bars, and room after the longest bar for "started/completed".
    StringBuilder s = new StringBuilder("<svg viewBox=\"0 0 460 " + height + "\" role=\"img\" aria-label=\"Teachers who "
        + "started and completed each module\">");
    s.append("<text x=\"60\" y=\"14\" font-size=\"11\"><tspan fill=\"#9bb7d4\">■ started</tspan> <tspan fill=\"#1f5f99\">■ completed</tspan></text>");
    int y = 24;
    for (var m : modules) {
      boolean sup = m.started() < StudyAnalysis.MIN_CELL;
      double ws = sup ? 0 : 320.0 * m.started() / max;
      double wc = sup ? 0 : 320.0 * m.completed() / max;
      s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\">Module %d</text>", y + 15, m.module()))
          .append(String.format(Locale.ROOT, "<rect x=\"60\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"#9bb7d4\"/>", y, ws))
          .append(String.format(Locale.ROOT, "<rect x=\"60\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"#1f5f99\"/>", y, wc))
          .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>", 64 + ws, y + 14,
              sup ? "suppressed" : m.completed() + "/" + m.started()));
      y += rowH;
    }
    return s.append("</svg>").toString();
  }

  private static String dose(List<AnalysisReport.DoseBin> bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int maxM = 1;
    for (var b : bins) {
      if (b.students() >= StudyAnalysis.MIN_CELL) {
        lo = Math.min(lo, b.meanGain());
        hi = Math.max(hi, b.meanGain());
      }
      maxM = Math.max(maxM, b.modules());
    }
    if (lo > hi) {
      return "<p>All cells suppressed.</p>";
    }
    lo = Math.min(lo, 0);
    hi = Math.max(hi, lo + 1e-9);
    StringBuilder s = new StringBuilder("<svg viewBox=\"0 0 400 220\" role=\"img\" aria-label=\"Mean gain by modules completed\">");
    s.append("<line x1=\"40\" y1=\"190\" x2=\"390\" y2=\"190\" stroke=\"#444\"/><line x1=\"40\" y1=\"10\" x2=\"40\" y2=\"190\" stroke=\"#444\"/>");
    s.append("<text x=\"200\" y=\"215\" font-size=\"11\" text-anchor=\"middle\">modules completed by the teacher (logged)</text>");
    s.append(String.format(Locale.ROOT, "<text x=\"36\" y=\"14\" font-size=\"10\" text-anchor=\"end\">%.1f</text>", hi));
    s.append(String.format(Locale.ROOT, "<text x=\"36\" y=\"190\" font-size=\"10\" text-anchor=\"end\">%.1f</text>", lo));
    for (var b : bins) {
      double x = 50 + 330.0 * b.modules() / maxM;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"203\" font-size=\"10\" text-anchor=\"middle\">%d</text>", x, b.modules()));
      if (b.students() < StudyAnalysis.MIN_CELL) {
        continue;
      }
      double y = 190 - 175 * (b.meanGain() - lo) / (hi - lo);
      double rad = 2 + Math.min(10, Math.sqrt(b.students()) / 2);
      s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#1f5f99\" fill-opacity=\".7\">"
          + "<title>%d modules: mean gain %.2f (%d students)</title></circle>", x, y, rad, b.modules(), b.meanGain(), b.students()));
    }
    return s.append("</svg>").toString();
  }

  private static String forest(List<Subgroup> groups, double overall) {
    List<Subgroup> shown = groups.stream().filter(g -> !g.suppressed() && !Double.isNaN(g.estimate().low())).toList();
    if (shown.isEmpty()) {
      return "<p>No subgroup large enough to show.</p>";
    }
    double lo = Math.min(0, shown.stream().mapToDouble(g -> g.estimate().low()).min().orElse(0));
    double hi = Math.max(0, shown.stream().mapToDouble(g -> g.estimate().high()).max().orElse(1));
    int rowH = 22;
    int height = 30 + rowH * shown.size();
    StringBuilder s = new StringBuilder("<svg viewBox=\"0 0 400 " + height + "\" role=\"img\" aria-label=\"Treatment effect by subgroup with 95% intervals\">");
    double x0 = 150;
    double w = 240;
    java.util.function.DoubleUnaryOperator x = v -> x0 + w * (v - lo) / (hi - lo);
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>", x.applyAsDouble(0),
        x.applyAsDouble(0), height - 10));
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c90\" stroke-dasharray=\"3\"/>",
        x.applyAsDouble(overall), x.applyAsDouble(overall), height - 10));
    int y = 24;
    for (Subgroup g : shown) {
      s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"10\">%s (n=%d)</text>", y + 4,
          esc(g.dimension() + ": " + g.level()), g.n()))
          .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1f5f99\" stroke-width=\"2\"/>",
              x.applyAsDouble(g.estimate().low()), y, x.applyAsDouble(g.estimate().high()), y))
          .append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"7\" height=\"7\" fill=\"#1f5f99\"/>",
              x.applyAsDouble(g.estimate().value()) - 3.5, y - 3));
      y += rowH;
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">0</text>",
        x.applyAsDouble(0), height - 1));
    return s.append("</svg><p><small>Points: ANCOVA treatment effect in test points within the subgroup; lines: 95% CI "
        + "clustered by school; dashed: overall estimate. Subgroups under 5 students suppressed.</small></p>").toString();
  }

  private static String selfReport(AnalysisReport.SelfReportGap g) {
    double max = Math.max(g.meanReported(), g.meanLogged()) * 1.15;
    double wl = 300 * g.meanLogged() / max;
    double wr = 300 * g.meanReported() / max;
    return "<svg viewBox=\"0 0 400 80\" role=\"img\" aria-label=\"Mean modules completed: logged vs self-reported\">"
        + String.format(Locale.ROOT, "<text x=\"0\" y=\"24\" font-size=\"11\">logged</text><rect x=\"80\" y=\"10\" "
            + "width=\"%.1f\" height=\"22\" fill=\"#1f5f99\"/><text x=\"%.1f\" y=\"26\" font-size=\"11\">%.2f</text>",
            wl, 84 + wl, g.meanLogged())
        + String.format(Locale.ROOT, "<text x=\"0\" y=\"60\" font-size=\"11\">self-report</text><rect x=\"80\" y=\"46\" "
            + "width=\"%.1f\" height=\"22\" fill=\"#c90\"/><text x=\"%.1f\" y=\"62\" font-size=\"11\">%.2f</text>",
            wr, 84 + wr, g.meanReported())
        + "</svg>";
  }

  private static String card(String title, String big, String small) {
    return "<div><div>" + esc(title) + "</div><div class=\"k\">" + esc(big) + "</div><div><small>" + esc(small)
        + "</small></div></div>";
  }

  private static String row(String k, String v) {
    return "<tr><td>" + esc(k) + "</td><td>" + esc(v) + "</td></tr>";
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String p(double v) {
    return Double.isNaN(v) ? "–" : v < 0.001 ? "&lt;0.001" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String usd(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "$%,.2f", v);
  }
}
