package io.driftless.api.ui;

import io.driftless.api.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through its chromedriver, both named explicitly so Selenium
 * Manager never downloads anything. Every check of a page also fails on a JavaScript error or a
 * failed request: from the browser's console log ({@code goog:loggingPrefs}, no DevTools protocol)
 * and from the server's request log.
 */
final class Browser implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Where the dashboard tests leave their screenshots. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  ChromeDriver driver;
  private final Path profile;
  private final Path requestLog;
  private final Path screenshots;
  private long requestLogSeen;

  private Browser(Path profile, Path requestLog, Path screenshots) {
    this.profile = profile;
    this.requestLog = requestLog;
    this.screenshots = screenshots;
  }

  /**
   * The browser of a test class against {@code server}, as an extension: started before the class's
   * first test (its {@code @BeforeAll} methods included), closed after its last.
   */
  static Browser on(TestServer server) {
    return new Browser(server.dir.resolve("chromium-profile"), server.requestLog(), SCREENSHOTS);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    launch();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * Starts the browser, or skips the test with a message when chromium is not installed; under
   * CI=true a missing browser fails instead, since .ci/run installs it.
   */
  static Browser start(Path profile, Path requestLog, Path screenshots) {
    Browser browser = new Browser(profile, requestLog, screenshots);
    browser.launch();
    return browser;
  }

  private void launch() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed) {
      String message =
          "browser tests need Debian's chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + "; .ci/run installs them");
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(profile.resolveSibling("chromedriver.log").toFile())
            .build();
    try {
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    driver = new ChromeDriver(service, options);
    // A page that cannot load (e.g. no connection left to the server) fails the test in time.
    driver.manage().timeouts().pageLoadTimeout(WAIT);
  }

  void open(String url) {
    driver.get(url);
    awaitRendered();
  }

  /** Waits until the dashboard has rendered its page (main is no longer busy). */
  void awaitRendered() {
    until(
        d ->
            d.findElements(By.cssSelector("main[aria-busy]")).isEmpty()
                && !d.findElements(By.cssSelector("main > *")).isEmpty());
  }

  /** Signs in through the form and waits for the page it leads to. */
  void signIn(String base, String token) {
    open(base + "/signin");
    find("#token").sendKeys(token);
    find("form.signin button[type=submit]").click();
    until(d -> !d.getCurrentUrl().endsWith("/signin"));
    awaitRendered();
  }

  <T> T until(Function<WebDriver, T> condition) {
    // A live update may replace an element between finding and reading it: look again.
    return new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  WebElement find(String css) {
    return until(d -> d.findElement(By.cssSelector(css)));
  }

  /** Clicks an element, finding it again when a live update replaced it meanwhile. */
  void click(String css) {
    until(
        d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  /** Waits for an element whose text contains {@code text}. */
  WebElement findText(String css, String text) {
    return until(
        d ->
            d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.getText().contains(text))
                .findFirst()
                .orElse(null));
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves the page as target/screenshots/{name}.png and checks it had no error. */
  Path screenshot(String name) {
    assertNoErrors(name);
    try {
      Path file = screenshots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails on any console error (uncaught exceptions, CSP violations, failed loads and fetches log
   * at SEVERE) since the last check, and on any response of 400 or more the server logged.
   */
  void assertNoErrors(String page) {
    List<String> problems = consoleProblems();
    problems.addAll(failedRequests());
    if (!problems.isEmpty()) {
      throw new AssertionError("errors on the " + page + " page:\n" + String.join("\n", problems));
    }
  }

  /**
   * The console errors and failed requests since the last check, which the test provoked (a 422 it
   * shows, a 401 of a revoked token); later checks no longer see them.
   */
  List<String> expectedFailures() {
    List<String> problems = consoleProblems();
    problems.addAll(failedRequests());
    return problems;
  }

  /**
   * Checks that the problems since the last check are all expected: each names one of {@code
   * statuses} (e.g. "422"), and there is at least one.
   */
  void expectOnlyFailures(String... statuses) {
    List<String> problems = expectedFailures();
    if (problems.isEmpty()) {
      throw new AssertionError("expected a failed request (" + String.join(", ", statuses) + ")");
    }
    for (String problem : problems) {
      boolean expected = false;
      for (String status : statuses) {
        expected |=
            problem.contains("status of " + status) || problem.contains("answered " + status);
      }
      if (!expected) {
        throw new AssertionError("unexpected: " + problem + "\nall: " + problems);
      }
    }
  }

  private List<String> consoleProblems() {
    List<String> problems = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
        problems.add("browser " + entry.getLevel() + ": " + entry.getMessage());
      }
    }
    return problems;
  }

  private static final Pattern REQUEST = Pattern.compile("\"([A-Z]+ [^\"]*)\" (\\d{3}) ");

  private List<String> failedRequests() {
    List<String> failed = new ArrayList<>();
    try {
      if (!Files.exists(requestLog)) {
        return failed;
      }
      List<String> lines = Files.readAllLines(requestLog);
      for (String line :
          lines.subList((int) Math.min(requestLogSeen, lines.size()), lines.size())) {
        Matcher m = REQUEST.matcher(line);
        if (m.find() && Integer.parseInt(m.group(2)) >= 400) {
          failed.add("server answered " + m.group(2) + " to " + m.group(1));
        }
      }
      requestLogSeen = lines.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return failed;
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.quit();
    }
  }
}
