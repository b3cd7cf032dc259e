package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Environments as code on the dashboard: the overview and the sources page show who manages each
 * object (owner and file, or REST), and the owner filter lists one owner's environments through the
 * server's {@code owner} query.
 */
class DashboardOwnersIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  @RegisterExtension static final Browser browser = Browser.on(SERVER);

  private final Api api = SERVER.admin();

  private static String environment(String name) {
    return "apiVersion: driftless.io/v1\n"
        + "kind: Environment\n"
        + "name: "
        + name
        + "\nsource: owned-site\nref: main\npath: web\n"
        + "target: {type: directory, root: "
        + SERVER.targets().resolve(name)
        + "}\n"
        + "sync: {auto: false, interval: 1h}\n";
  }

  @Test
  void theOverviewShowsWhoManagesEachEnvironmentAndFiltersByOwner() {
    Api.Reply applied =
        api.post(
            "/api/v1/apply",
            Map.of(
                "owner",
                "team-ui",
                "files",
                Map.of(
                    "sources.yaml",
                    "apiVersion: driftless.io/v1\nkind: Source\nname: owned-site\n"
                        + "url: https://git.example.com/owned.git\n",
                    "envs/web.yaml",
                    environment("owned-web") + "---\n" + environment("owned-api"))));
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    api.createEnvironment(
        EnvironmentBody.directory(
            "by-rest", "owned-site", "web", SERVER.targets().resolve("by-rest")));

    browser.signIn(SERVER.baseUrl(), SERVER.adminToken());
    WebElement owned = browser.find("tr[data-environment=owned-web] td.managed-by");
    assertThat(owned.getAttribute("data-owner")).isEqualTo("team-ui");
    assertThat(owned.getText()).contains("team-ui").contains("envs/web.yaml");
    assertThat(browser.find("tr[data-environment=by-rest] td.managed-by").getText())
        .isEqualTo("REST");
    browser.screenshot("overview-managed-by");

    // The owner filter is a server query; the URL keeps it.
    browser.find("#owner").sendKeys("team-ui");
    browser.until(d -> names().equals(List.of("owned-api", "owned-web")));
    assertThat(browser.driver.getCurrentUrl()).contains("owner=team-ui");
    browser.find("#owner").clear();
    browser.find("#owner").sendKeys("nobody");
    browser.findText("main p.empty", "No environment matches these filters.");

    // An owner's name links to its listing; the sources page shows the source's owner too.
    browser.open(SERVER.baseUrl() + "/");
    browser.find("tr[data-environment=owned-web] td.managed-by a").click();
    browser.until(d -> names().equals(List.of("owned-api", "owned-web")));
    browser.find("header nav a[data-nav=sources]").click();
    WebElement source = browser.find("tr[data-source=owned-site] td.managed-by");
    assertThat(source.getText()).contains("team-ui").contains("sources.yaml");
    browser.assertNoErrors("managed by");
  }

  private static List<String> names() {
    return browser.driver.findElements(By.cssSelector("table.environments tbody tr")).stream()
        .map(r -> r.getAttribute("data-environment"))
        .toList();
  }
}
