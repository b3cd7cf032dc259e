package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftless.api.DriftlessApplication;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WindowType;

/**
 * The dashboard as people use it: many tabs of one browser at once, reloaded quickly, and tokens
 * revoked while tabs are open. A browser keeps at most six HTTP/1.1 connections per host, so one
 * event stream per tab would starve the seventh tab; the tabs share one stream instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTabsIT {
  // A keep-alive each second: a stream the browser dropped is noticed within two seconds.
  @RegisterExtension
  static final TestServer SERVER =
      new TestServer("test-config.yml", null, ConfigOverride.config("events.keepAlive", "1s"));

  private static final int TABS = 10;
  private static final String ROW = "tr[data-environment=web]";

  @RegisterExtension static final Browser browser = Browser.on(SERVER);
  private static TestGitRepo repo;

  @BeforeAll
  static void start() {
    Api api = SERVER.admin();
    repo = SERVER.repo("repo");
    repo.commit(Map.of("web/index.html", "<h1>Welcome</h1>\n"), "Welcome page");
    api.createSource("site", repo.url());
    api.createEnvironment(
        EnvironmentBody.directory("web", "site", "web", SERVER.targets().resolve("web")));
  }

  /** Each test starts from one signed-out tab. */
  @BeforeEach
  void oneSignedOutTab() {
    String keep = browser.driver.getWindowHandles().iterator().next();
    for (String handle : browser.driver.getWindowHandles()) {
      if (!handle.equals(keep)) {
        browser.driver.switchTo().window(handle);
        browser.driver.close();
      }
    }
    browser.driver.switchTo().window(keep);
    browser.open(SERVER.baseUrl() + "/signin");
    browser.driver.executeScript("sessionStorage.clear()");
    browser.open(SERVER.baseUrl() + "/signin");
    browser.assertNoErrors("sign-in");
  }

  @Test
  @Order(1)
  void tenTabsAllShowLiveUpdatesAndStillDoAfterTwentyQuickReloads() {
    String token = token("ten-tabs");
    List<String> tabs = openSignedIn(TABS, token);
    for (String tab : tabs) {
      browser.driver.switchTo().window(tab);
      browser.find("#live[data-state=live]");
      browser.find(ROW);
    }
    awaitStreams(1);

    long first = sync();
    for (String tab : tabs) {
      browser.driver.switchTo().window(tab);
      browser.findText(ROW, "#" + first);
    }
    browser.assertNoErrors("overview in ten tabs");

    // Twenty quick reloads, two in each tab, without waiting for the pages to finish rendering.
    for (int i = 0; i < 20; i++) {
      browser.driver.switchTo().window(tabs.get(i % TABS));
      browser.driver.navigate().refresh();
    }
    for (String tab : tabs) {
      browser.driver.switchTo().window(tab);
      browser.awaitRendered();
      browser.find("#live[data-state=live]");
    }
    long second = sync();
    for (String tab : tabs) {
      browser.driver.switchTo().window(tab);
      browser.findText(ROW, "#" + second);
    }
    assertThat(streams()).isEqualTo(1);
    // Every tab still reaches the API: a click to another page renders it.
    browser.find("header nav a[data-nav=sources]").click();
    browser.find("tr[data-source=site]");
    browser.screenshot("tabs-after-reloads");
  }

  @Test
  @Order(2)
  void revokingTheStreamsTokenClosesItAnotherTabsTokenTakesOverAndTheTabsSaySo() {
    String revoked = token("revoked-soon");
    String kept = token("kept");
    List<String> tabsOfRevoked = openSignedIn(3, revoked);
    browser.find("#live[data-state=live]");
    awaitStreams(1);
    List<String> tabsOfKept = openSignedIn(2, kept);
    browser.find("#live[data-state=live]");
    // The first tab's token opened the stream; the others share it.
    assertThat(streams()).isEqualTo(1);

    Instant revokedAt = Instant.now();
    Api.Reply revoke = SERVER.admin().delete("/api/v1/tokens/revoked-soon");
    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(204);
    for (String tab : tabsOfRevoked) {
      browser.driver.switchTo().window(tab);
      browser.findText("#signin-notice", "revoked");
      assertThat(browser.driver.getCurrentUrl()).endsWith("/signin");
    }
    assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Duration.ofSeconds(10));
    // The stream, closed by the server, came back with the revoked token and was refused.
    browser.expectOnlyFailures("401");
    browser.screenshot("signin-revoked");

    // The other token carries the stream now: its tabs are still live.
    long run = sync();
    for (String tab : tabsOfKept) {
      browser.driver.switchTo().window(tab);
      browser.find("#live[data-state=live]");
      browser.findText(ROW, "#" + run);
    }
    awaitStreams(1);

    // Signing out of every tab that holds the stream's token closes the stream.
    for (String tab : tabsOfKept) {
      browser.driver.switchTo().window(tab);
      browser.find("#signout").click();
      browser.find("form.signin");
    }
    awaitStreams(0);
    browser.assertNoErrors("sign-in after signing out");
  }

  /** A viewer token made for one test. */
  private static String token(String name) {
    Api.Reply issued =
        SERVER.admin().post("/api/v1/tokens", Map.of("name", name, "role", "viewer"));
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    return issued.text("token");
  }

  /**
   * Signs {@code count} tabs in with {@code token}: the current tab when it is signed out, then new
   * ones. Returns their window handles.
   */
  private static List<String> openSignedIn(int count, String token) {
    List<String> tabs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean signedOut =
          browser.driver.executeScript("return sessionStorage.getItem('driftless.token')") == null;
      if (!signedOut || !tabs.isEmpty()) {
        browser.driver.switchTo().newWindow(WindowType.TAB);
      }
      browser.signIn(SERVER.baseUrl(), token);
      browser.find(ROW);
      tabs.add(browser.driver.getWindowHandle());
    }
    return tabs;
  }

  /** Syncs the environment through the API; returns the run's id. */
  private static long sync() {
    Api api = SERVER.admin();
    Api.Reply run = api.sync("web", null);
    assertThat(run.text("status")).isIn("succeeded", "no_op");
    return run.json().path("id").asLong();
  }

  /**
   * Waits until the server holds {@code count} event streams. A stream the browser dropped is
   * noticed at the server's second keep-alive write after it.
   */
  private static void awaitStreams(int count) {
    await().atMost(Duration.ofSeconds(15)).until(() -> streams() == count);
  }

  /** The event streams open on the server. */
  private static int streams() {
    return ((DriftlessApplication) SERVER.app.getApplication()).context().events().subscribers();
  }
}
