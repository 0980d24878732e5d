package org.learntrace.demo;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.learntrace.lti.AdvantageServices;
import org.learntrace.lti.LtiException;
import org.learntrace.lti.LtiLaunch;
import org.learntrace.lti.LtiTool;

/**
 * The external tool's activity: a ten-item addition practice quiz. A validated launch gets the quiz
 * page; the submitted answers are graded and the score goes back to the launching platform through
 * LTI Advantage AGS ({@link AdvantageServices#publishScore}: a client-credentials token, then the
 * score POST to the launch's line item). The tool keeps the launch server-side under an unguessable
 * attempt token; it knows the teacher only by the platform's opaque {@code sub}.
 */
@Path("practice")
public final class PracticeQuiz {
  /** The addends of the ten items; the answer is their sum. */
  static final int[][] ITEMS = {{3, 4}, {5, 8}, {9, 6}, {7, 7}, {12, 9}, {15, 6}, {8, 13}, {21, 14}, {36, 27}, {48, 35}};
  static final double MAXIMUM = ITEMS.length;
  static final String SUBMIT_PATH = "/practice/submit";

  private static final SecureRandom RANDOM = new SecureRandom();
  private final LtiTool tool;
  private final Clock clock;
  private final Map<String, LtiLaunch> attempts = new ConcurrentHashMap<>();

  PracticeQuiz(LtiTool tool, Clock clock) {
    this.tool = Objects.requireNonNull(tool, "tool");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The answer to a validated launch (ToolResource's {@code onLaunch}): the quiz page. */
  Response page(LtiLaunch launch) {
    if (!"LtiResourceLinkRequest".equals(launch.messageType())) {
      return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE).entity("this tool has no deep-linking picker").build();
    }
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String attempt = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    attempts.put(attempt, launch);
    StringBuilder b = new StringBuilder(2048).append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
        .append("<title>Practice quiz</title></head><body><h1>Practice quiz: addition</h1>")
        .append("<form method=\"post\" action=\"").append(SUBMIT_PATH).append("\">")
        .append("<input type=\"hidden\" name=\"attempt\" value=\"").append(attempt).append("\">");
    for (int i = 0; i < ITEMS.length; i++) {
      int sum = ITEMS[i][0] + ITEMS[i][1];
      b.append("<fieldset><legend>").append(ITEMS[i][0]).append(" + ").append(ITEMS[i][1]).append("</legend>");
      int[] choices = {sum - 1, sum, sum + 1, sum + 10};
      for (int c = 0; c < choices.length; c++) {
        int v = choices[(c + i) % choices.length];
        b.append("<label><input type=\"radio\" name=\"q").append(i + 1).append("\" value=\"").append(v).append("\">")
            .append(v).append("</label>");
      }
      b.append("</fieldset>");
    }
    return Response.ok(b.append("<button type=\"submit\">Submit</button></form></body></html>").toString(),
        MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).header("Cache-Control", "no-store").build();
  }

  /** Grades the answers and publishes the score to the platform's line item for this launch. */
  @POST
  @Path("submit")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response submit(MultivaluedMap<String, String> form) {
    String attempt = form.getFirst("attempt");
    LtiLaunch launch = attempt == null ? null : attempts.remove(attempt);
    if (launch == null) {
      return text(400, "attempt: unknown or already submitted");
    }
    if (launch.ags() == null || launch.ags().lineItem() == null) {
      return text(409, "the launch named no AGS line item: nowhere to send the score");
    }
    int given = 0;
    for (int i = 0; i < ITEMS.length; i++) {
      if (String.valueOf(ITEMS[i][0] + ITEMS[i][1]).equals(form.getFirst("q" + (i + 1)))) {
        given++;
      }
    }
    try {
      tool.services().publishScore(launch, launch.ags().lineItem(), new AdvantageServices.Score(launch.subject(),
          (double) given, MAXIMUM, "Completed", "FullyGraded", clock.instant(), null));
    } catch (LtiException e) {
      return text(502, "the platform did not take the score: " + e.rule() + ": " + e.getMessage());
    }
    return Response.ok("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Score sent</title></head><body>"
            + "<p id=\"score\" data-given=\"" + given + "\" data-maximum=\"" + (int) MAXIMUM + "\">" + given + " of "
            + (int) MAXIMUM + " correct; your score was sent to your course.</p></body></html>",
        MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
  }

  private static Response text(int status, String message) {
    return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
  }
}
