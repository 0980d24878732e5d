package org.learntrace.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LTI-SECURITY.md, "Privacy": names, e-mail and picture claims are used for display inside the
 * platform at most; they never become part of a statement (research event) or a log line.
 */
class PrivacyTest {
  private static final List<String> PERSONAL = List.of("Rahima", "Begum", "rahima@example.org", "pics.example");
  private final LtiWorld world = new LtiWorld();
  /** Every thread's log records (HTTP client and server threads log too): a list safe to add to while read. */
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logLines.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger root = Logger.getLogger("");
  private final Level before = root.getLevel();

  PrivacyTest() {
    root.addHandler(capture);
    root.setLevel(Level.ALL);
  }

  @AfterEach
  void close() {
    root.removeHandler(capture);
    root.setLevel(before);
    world.close();
  }

  @Test
  void namesEmailsAndPicturesNeverBecomePartOfAResearchEvent() {
    new Browser().navigate(world.hostLaunch("l", world.learnerLaunch("u-5").withLineItem(10)));
    LtiLaunch launch = world.received.get(0);
    world.tool.services().publishScore(launch, launch.ags().lineItem(), new AdvantageServices.Score("u-5", 5.0, 10.0,
        "Completed", "FullyGraded", java.time.Instant.now(), null));

    assertThat(launch.person().email()).as("available for display in the tool").isEqualTo("rahima@example.org");
    List<LtiEvent> events = new ArrayList<>(world.platformEvents);
    events.addAll(world.toolEvents);
    assertThat(events).hasSizeGreaterThanOrEqualTo(4);
    for (LtiEvent e : events) {
      String asText = e.toString();
      PERSONAL.forEach(p -> assertThat(asText).as("event %s", e.getClass().getSimpleName()).doesNotContain(p));
      assertThat(asText).doesNotContain("u-5");
    }
  }

  @Test
  void namesEmailsAndPicturesNeverBecomePartOfALogLineOrAnError() {
    Browser browser = new Browser();
    browser.navigate(world.hostLaunch("l", world.learnerLaunch("u-5")));
    // A failing launch carrying the same personal claims: replay the form_post.
    String errors = browser.navigate(world.hostLaunch("l", world.learnerLaunch("u-5"))).body()
        + world.received.get(0).toString();

    PERSONAL.forEach(p -> assertThat(errors).doesNotContain(p));
    assertThat(logLines).allSatisfy(line -> PERSONAL.forEach(p -> assertThat(line).doesNotContain(p)));
  }
}
