package org.learntrace.courseplayer;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, with what the player tests do to it:
 * open a page, click, read the page's state, cut and restore the network (DevTools network
 * emulation), and wait for a condition with a deadline. A missing browser or driver fails the
 * test naming the packages to install; it never skips.
 */
final class Chromium implements AutoCloseable {
  /** How long any one condition may take before the test fails: generous, for a loaded two-core machine. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  final ChromeDriver driver;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  // Selenium warns at every start that it has no DevTools bindings for this Chromium's version; the
  // tests use only chromedriver's own commands (network conditions, CDP pass-through), which need none.
  private static final java.util.logging.Logger CDP_VERSION =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION.setLevel(Level.SEVERE);
  }

  /** Starts Chromium with a fresh profile in {@code profile}. */
  static Chromium start(Path profile) {
    Path driverBinary = Path.of(System.getProperty("learntrace.chromedriver", "/usr/bin/chromedriver"));
    Path browserBinary = Path.of(System.getProperty("learntrace.chromium", "/usr/bin/chromium"));
    for (Path p : List.of(driverBinary, browserBinary)) {
      if (!Files.isExecutable(p)) {
        fail("%s not found or not executable: the course player's browser tests drive Debian's Chromium through "
            + "chromedriver. Install both with `apt-get install chromium chromium-driver` (.ci/run does), or point "
            + "-Dlearntrace.chromium and -Dlearntrace.chromedriver at other binaries.", p);
      }
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driverBinary.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browserBinary.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
        "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=800,1200");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new Chromium(new ChromeDriver(service, options));
  }

  void open(String url) {
    driver.get(url);
  }

  void click(String id) {
    driver.findElement(By.id(id)).click();
  }

  WebElement element(String id) {
    return driver.findElement(By.id(id));
  }

  /** Runs {@code script} (a function body; {@code return} its value) in the page. */
  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Runs {@code promise}, an expression giving a promise, in the page and returns what it resolves
   * to; a rejection fails the test with its message.
   */
  Object await(String promise) {
    Object result = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "Promise.resolve().then(() => " + promise + ")"
            + ".then((v) => done({ok: v}), (e) => done({error: String(e && e.stack || e)}));");
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = (Map<String, Object>) result;
    if (answer.containsKey("error")) {
      fail("the page's promise %s rejected: %s", promise, answer.get("error"));
    }
    return answer.get("ok");
  }

  /** Cuts the network as DevTools' "Offline" does: the page's requests fail and navigator.onLine is false. */
  void offline() {
    driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(true));
  }

  /** Restores the network. */
  void online() {
    driver.setNetworkConditions(new ChromiumNetworkConditions().setOffline(false)
        .setLatency(Duration.ZERO).setDownloadThroughput(-1).setUploadThroughput(-1));
  }

  /** Waits until {@code condition} gives a non-null, non-false value and returns it; fails with {@code what} and the page's console. */
  <T> T until(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100)).until(condition);
    } catch (TimeoutException e) {
      fail("waited %s for %s; the player's status was %s; browser console:%n%s", PATIENCE, what, status(), console());
      throw e;
    }
  }

  /** The sync status element's data attributes (state, queued, sent, rejected, offlineReady). */
  @SuppressWarnings("unchecked")
  Map<String, String> status() {
    try {
      return (Map<String, String>) js("const d = document.getElementById('sync-status');"
          + "return d ? Object.assign({}, d.dataset) : {};");
    } catch (RuntimeException e) {
      return Map.of("unreadable", String.valueOf(e.getMessage()));
    }
  }

  /** The browser console so far, one entry a line. */
  String console() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
          .collect(Collectors.joining("\n"));
    } catch (RuntimeException e) {
      return "(console not readable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
