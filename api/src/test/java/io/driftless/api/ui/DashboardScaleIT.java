package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The overview over more environments than a page holds: the server paginates and filters (the
 * browser never holds them all), and a run started elsewhere updates its row live.
 */
class DashboardScaleIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  private static final int ENVIRONMENTS = 120;
  private static final String ROWS = "tr[data-environment]";

  @RegisterExtension static final Browser browser = Browser.on(SERVER);

  @Test
  void overviewPagesFiltersAndUpdatesLive() {
    Api api = SERVER.admin();
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"))) {
      repo.commit(Map.of("fleet/app.conf", "replicas = 3\n"), "Fleet config");
      api.createSource("fleet", repo.url());
      api.createSource("other", repo.url());
      for (int i = 0; i < ENVIRONMENTS; i++) {
        register(api, String.format("fleet-%03d", i), "fleet");
      }
      register(api, "lonely", "other");
      api.sync("fleet-007", null);

      browser.signIn(SERVER.baseUrl(), SERVER.adminToken());
      browser.findText("tr[data-environment=fleet-007] td", "Synced");
      assertThat(rows()).hasSize(50);
      assertThat(rows().get(0).getAttribute("data-environment")).isEqualTo("fleet-000");
      browser.screenshot("overview-many");

      // Pages come from the server, 50 at a time.
      browser.findText("nav.pager button", "Next").click();
      browser.find("tr[data-environment=fleet-050]");
      assertThat(rows()).hasSize(50);
      browser.findText("nav.pager button", "Next").click();
      browser.find("tr[data-environment=fleet-100]");
      assertThat(rows()).hasSize(21); // fleet-100..119 and lonely
      browser.findText("nav.pager button", "Previous").click();
      browser.find("tr[data-environment=fleet-050]");

      // Search by name prefix, filter by status and by source: each a server query.
      browser.find("#search").sendKeys("fleet-11");
      browser.until(d -> rows().size() == 10);
      assertThat(rows().get(0).getAttribute("data-environment")).isEqualTo("fleet-110");
      assertThat(browser.driver.getCurrentUrl()).contains("prefix=fleet-11");
      browser.find("#search").clear();
      browser.find("#search").sendKeys("fleet-00");
      browser.until(d -> rows().size() == 10);
      new Select(browser.find("#status")).selectByValue("synced");
      browser.until(d -> rows().size() == 1);
      assertThat(rows().get(0).getAttribute("data-environment")).isEqualTo("fleet-007");
      new Select(browser.find("#status")).selectByValue("");
      browser.until(d -> rows().size() == 10);
      browser.find("#search").clear();
      new Select(browser.find("#source")).selectByValue("other");
      browser.until(d -> rows().size() == 1);
      assertThat(rows().get(0).getAttribute("data-environment")).isEqualTo("lonely");
      new Select(browser.find("#source")).selectByValue("");
      browser.find("#search").sendKeys("fleet-00");
      browser.until(d -> rows().size() == 10);
      browser.assertNoErrors("overview (filters)");

      // A sync started elsewhere (here: the API) shows up in its row without a reload.
      browser.driver.executeScript("window.__samePage = true");
      String before = browser.find("tr[data-environment=fleet-003]").getText();
      assertThat(before).contains("never");
      api.sync("fleet-003", null);
      browser.findText("tr[data-environment=fleet-003] td", "Synced");
      assertThat(browser.find("tr[data-environment=fleet-003]").getText())
          .contains("Fleet config")
          .contains("succeeded");
      assertThat((Boolean) browser.driver.executeScript("return window.__samePage === true"))
          .isTrue();
      browser.screenshot("overview-live");
    }
  }

  private static List<WebElement> rows() {
    return browser.driver.findElements(By.cssSelector(ROWS));
  }

  private static void register(Api api, String name, String source) {
    Path root = SERVER.targets().resolve(name);
    api.createEnvironment(EnvironmentBody.directory(name, source, "fleet", root));
  }
}
