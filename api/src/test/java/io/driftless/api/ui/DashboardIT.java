package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser against the whole server, a real Git repository and a directory
 * target: an operator signs in, sees the demo environment, syncs it and watches the run finish
 * live, opens the run and its diff, rolls back with a reason, and finds the pin and the audit
 * entry. Screenshots of each page land in target/screenshots/.
 */
class DashboardIT {
  @RegisterExtension static final TestServer SERVER = TestServer.withCommands("echo");

  @RegisterExtension static final Browser browser = Browser.on(SERVER);

  @Test
  void operatorSyncsWatchesLiveRollsBackAndFindsTheAuditEntry() throws Exception {
    Api api = SERVER.admin();
    Path target = SERVER.targets().resolve("demo");
    TestGitRepo repo = SERVER.repo("repo");
    String first =
        repo.commit(
                Map.of(
                    "environments/demo/index.html", "<h1>Welcome</h1>\n",
                    "environments/demo/nginx.conf", "worker_processes 1;\n"),
                "Welcome page")
            .value();
    api.createSource("demo", repo.url());
    api.createEnvironment(
        EnvironmentBody.directory("demo", "demo", "environments/demo", target)
            .target("postApply", Map.of("argv", List.of("echo reloaded nginx")))
            .sync(Map.of("auto", false, "prune", true, "interval", "1h")));
    Api.Reply firstRun = api.sync("demo", Map.of("reason", "first"));
    assertThat(firstRun.text("status")).isEqualTo("succeeded");
    long firstRunId = firstRun.json().path("id").asLong();
    // Neighbours with other statuses, so the overview shows more than one kind.
    register(api, "canary", "environments/missing", SERVER.targets().resolve("canary"));
    assertThat(api.sync("canary", null).text("status")).isEqualTo("failed");
    register(api, "prod", "environments/demo", SERVER.targets().resolve("prod"));
    assertThat(
            api.post("/api/v1/environments/prod/suspend", Map.of("reason", "release freeze"))
                .status())
        .isEqualTo(200);
    String second =
        repo.commit(
                Map.of("environments/demo/index.html", "<h1><b>Welcome</b></h1>\n"),
                "Greet in bold")
            .value();

    // Sign in: a direct link is remembered and reached once the token is accepted.
    browser.open(SERVER.baseUrl() + "/environments/demo");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/signin");
    browser.find("#token").sendKeys(SERVER.adminToken());
    browser.screenshot("signin");
    browser.find("form.signin button[type=submit]").click();
    browser.until(d -> d.getCurrentUrl().endsWith("/environments/demo"));
    browser.awaitRendered();
    assertThat(
            (String)
                browser.driver.executeScript("return sessionStorage.getItem('driftless.token')"))
        .isEqualTo(SERVER.adminToken());
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(SERVER.adminToken());

    // Overview: the demo environment, synced at the first commit.
    browser.find("header nav a[data-nav=overview]").click();
    WebElement row = browser.find("tr[data-environment=demo]");
    browser.findText("tr[data-environment=demo] td", "Synced");
    assertThat(row.getText())
        .contains(first.substring(0, 7))
        .contains("Welcome page")
        .contains("Test")
        .contains("#" + firstRunId);
    browser.find("#live[data-state=live]");
    browser.findText("tr[data-environment=canary] td", "Failed");
    browser.findText("tr[data-environment=prod] td", "Suspended");
    browser.screenshot("overview");

    // Environment: Git vs live shows the new commit's change before anything is applied.
    row.findElement(By.linkText("demo")).click();
    browser.findText("#live-diff", "<b>Welcome</b>");
    assertThat(browser.find("#live-diff pre.diff .line.add").getText())
        .isEqualTo("+<h1><b>Welcome</b></h1>");
    assertThat(browser.find("#live-diff pre.diff .line.del").getText())
        .isEqualTo("-<h1>Welcome</h1>");
    assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>Welcome</h1>\n");
    browser.screenshot("environment");

    // Sync, and see the run finish live: the page is not reloaded, the event stream tells it.
    browser.driver.executeScript("window.__samePage = true");
    // From the keyboard: the buttons are real buttons.
    browser.findText(".actions button", "Sync").sendKeys(Keys.ENTER);
    WebElement activity = browser.findText("#activity", "succeeded");
    String finished = activity.getText();
    assertThat(finished).matches("Run #\\d+ succeeded\\.");
    long syncRunId = Long.parseLong(finished.replaceAll("\\D", ""));
    assertThat((Boolean) browser.driver.executeScript("return window.__samePage === true"))
        .isTrue();
    browser.find("tr[data-run='" + syncRunId + "'][data-status=succeeded]");
    browser.findText("#live-diff", "Live matches Git");
    assertThat(Files.readString(target.resolve("index.html")))
        .isEqualTo("<h1><b>Welcome</b></h1>\n");
    browser.screenshot("environment-synced");

    // The run: its phases with durations, the plan, and the coloured per-file diff.
    browser.find("tr[data-run='" + syncRunId + "'] a").click();
    browser.findText("h1", "Run #" + syncRunId);
    browser.find("ol.timeline li[data-phase=apply] .took");
    assertThat(browser.driver.findElements(By.cssSelector("ol.timeline li"))).hasSizeGreaterThan(3);
    browser.findText("table.plan td", "index.html");
    assertThat(browser.find("#diffs pre.diff .line.add").getText())
        .isEqualTo("+<h1><b>Welcome</b></h1>");
    assertThat(browser.find("#diffs pre.diff .line.del").getText()).isEqualTo("-<h1>Welcome</h1>");
    assertThat(browser.find("dl.facts").getText()).contains(second.substring(0, 7));
    assertThat(browser.find("details.hook").getText())
        .contains("postApply")
        .contains("reloaded nginx");
    browser.screenshot("run");

    // Roll back to the first run with a reason; the environment is pinned at the first commit.
    browser.find("nav.crumbs a[href='/environments/demo']").click();
    browser.find("button[data-rollback='" + firstRunId + "']").click();
    WebElement reason = browser.find("dialog[open] textarea#reason");
    reason.sendKeys("bold greeting breaks the kiosk");
    browser.screenshot("rollback-dialog");
    browser.findText("dialog[open] button", "Roll back").click();
    // The rollback run appears in the history and finishes there, live.
    browser.find("tr[data-trigger=rollback][data-status=succeeded]");
    WebElement pin = browser.find("#pin");
    assertThat(pin.getText()).contains("pinned").contains(first.substring(0, 7));
    browser.findText(".title .badge", "Pinned");
    browser.find(".actions").findElement(By.xpath(".//button[text()='Unpin']"));
    assertThat(Files.readString(target.resolve("index.html"))).isEqualTo("<h1>Welcome</h1>\n");
    browser.screenshot("environment-pinned");

    // The overview says Pinned too.
    browser.find("header nav a[data-nav=overview]").click();
    browser.findText("tr[data-environment=demo] td", "Pinned");
    browser.screenshot("overview-pinned");

    // The audit log has the rollback with who and why.
    browser.find("header nav a[data-nav=audit]").click();
    WebElement entry = browser.find("tr[data-action='environment.rollback']");
    assertThat(entry.getText())
        .contains("admin")
        .contains("environment demo")
        .contains("bold greeting breaks the kiosk");
    browser.screenshot("audit");

    // Sources.
    browser.find("header nav a[data-nav=sources]").click();
    assertThat(browser.find("tr[data-source=demo]").getText()).contains(repo.url());
    browser.screenshot("sources");

    // A phone: the overview still reads, without a horizontal scroll of the page.
    browser.size(390, 844);
    browser.find("header nav a[data-nav=overview]").click();
    browser.find("tr[data-environment=demo]");
    Long overflow =
        (Long)
            browser.driver.executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
    assertThat(overflow).isLessThanOrEqualTo(0L);
    browser.screenshot("overview-phone");
    browser.size(1280, 900);
  }

  private static void register(Api api, String name, String path, Path root) {
    api.createEnvironment(EnvironmentBody.directory(name, "demo", path, root));
  }

  /** The guard itself: a JavaScript error and a failed request are both caught. */
  @Test
  void aJavaScriptErrorOrAFailedRequestFailsThePage() {
    browser.open(SERVER.baseUrl() + "/signin");
    browser.assertNoErrors("sign-in");

    browser.driver.executeScript("setTimeout(() => { throw new Error('boom in the page'); })");
    assertThat(errorsUntil("boom in the page")).contains("browser SEVERE");

    browser.driver.executeAsyncScript(
        "const done = arguments[0];"
            + " fetch('/api/v1/no-such-thing').then(() => done(), () => done());");
    assertThat(errorsUntil("server answered 404 to GET /api/v1/no-such-thing"))
        .contains("browser SEVERE");
  }

  /** The errors reported until one contains {@code expected} (both logs are read each time). */
  private static String errorsUntil(String expected) {
    StringBuilder seen = new StringBuilder();
    browser.until(
        d -> {
          try {
            browser.assertNoErrors("test");
          } catch (AssertionError e) {
            seen.append(e.getMessage()).append('\n');
          }
          return seen.toString().contains(expected);
        });
    return seen.toString();
  }
}
