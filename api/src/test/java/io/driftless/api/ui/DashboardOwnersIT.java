package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.ApplyDocuments;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Environments as code on the dashboard: the overview and the sources page show who manages each
 * object (owner and file, or REST), the owner filter lists one owner's environments through the
 * server's {@code owner} query, and a config environment's page shows its scope.
 */
class DashboardOwnersIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  @RegisterExtension static final Browser browser = Browser.on(SERVER);

  private final Api api = SERVER.admin();

  private static String environment(String name) {
    return ApplyDocuments.environment(name, "owned-site", "web", SERVER.targets().resolve(name));
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

  @Test
  void aConfigEnvironmentsPageShowsItsScopeAndDeletion() {
    // A real repository, so the page's diff of the (empty) documents loads without an error.
    TestGitRepo repo = SERVER.repo("scope-repo");
    repo.commit(Map.of("driftless/README.md", "documents go here\n"), "first");
    api.createSource("scope-src", repo.url());
    String root = SERVER.targets().resolve("team-a").toString();
    api.createEnvironment(
        EnvironmentBody.config("scoped-config", "scope-src", "driftless")
            .target(
                "scope",
                Map.of(
                    "sources",
                    List.of("scope-src", "team-a-site"),
                    "roots",
                    List.of(root),
                    "namespaces",
                    List.of("team-a"),
                    "commands",
                    true))
            .target("deletion", "cascade"));
    api.createEnvironment(EnvironmentBody.config("default-config", "scope-src", "driftless"));

    browser.signIn(SERVER.baseUrl(), SERVER.adminToken());
    browser.open(SERVER.baseUrl() + "/environments/scoped-config");
    assertThat(browser.find("#scope-sources").getText()).isEqualTo("scope-src, team-a-site");
    assertThat(browser.find("#scope-roots").getText()).isEqualTo(root);
    assertThat(browser.find("#scope-namespaces").getText()).isEqualTo("team-a");
    assertThat(browser.find("#scope-commands").getText()).startsWith("allowed");
    assertThat(browser.find("#scope-deletion").getText()).startsWith("cascade");
    browser.screenshot("config-environment-scope");

    // The defaults say what they mean rather than showing nothing.
    browser.open(SERVER.baseUrl() + "/environments/default-config");
    assertThat(browser.find("#scope-sources").getText()).isEqualTo("every source");
    assertThat(browser.find("#scope-roots").getText()).isEqualTo("the server's allowed roots");
    assertThat(browser.find("#scope-namespaces").getText()).isEqualTo("any");
    assertThat(browser.find("#scope-commands").getText()).isEqualTo("not allowed");
    assertThat(browser.find("#scope-deletion").getText()).startsWith("orphan");
    browser.assertNoErrors("config environment scope");
  }

  private static List<String> names() {
    return browser.driver.findElements(By.cssSelector("table.environments tbody tr")).stream()
        .map(r -> r.getAttribute("data-environment"))
        .toList();
  }
}
