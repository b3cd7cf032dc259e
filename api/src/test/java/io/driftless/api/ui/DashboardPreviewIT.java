package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.preview.PullRequests;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pull-request preview page in a real browser: a signed GitHub pull_request delivery for a real
 * Git repository whose branch touches an environment's path, then the page the pull-request comment
 * links to, reached by its deep link through the sign-in page.
 */
class DashboardPreviewIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  static final String SECRET = "whsec-dashboard-preview-51";

  @RegisterExtension static final Browser browser = Browser.on(SERVER);

  @Test
  void theCommentsLinkShowsEachEnvironmentsPlanWithItsDiff() throws Exception {
    Api api = SERVER.admin();
    PullRequests repo = SERVER.owned(new PullRequests(SERVER.dir.resolve("repo")));
    repo.commit(
        "main",
        Map.of(
            "environments/web/index.html", "<h1>Welcome</h1>\n",
            "environments/api/app.conf", "port=${PORT}\n",
            "environments/docs/index.html", "docs\n"));
    Api.Reply source =
        api.post(
            "/api/v1/sources", Map.of("name", "site", "url", repo.url(), "webhookSecret", SECRET));
    assertThat(source.status()).as(source.toString()).isEqualTo(201);
    environment(api, "web", "environments/web");
    environment(api, "api", "environments/api");
    environment(api, "docs", "environments/docs");
    Api.Reply run = api.sync("web", Map.of("reason", "first"));
    assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");

    String head =
        repo.commit(
            "feature",
            Map.of(
                "environments/web/index.html", "<h1>Hello</h1>\n",
                "environments/api/app.conf", "port=${PORT}\nhost=${UNDEFINED}\n"));
    PullRequests.Delivery delivery = repo.github("opened", 5, "feature", head, SECRET);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/webhooks/github"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
            .header("Content-Type", "application/json");
    delivery.headers().forEach(request::header);
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    JsonNode preview = awaitPreview(api, head);
    assertThat(preview.path("environments")).hasSize(2);

    // The deep link the comment carries leads through the sign-in page to the preview.
    browser.open(SERVER.baseUrl() + "/previews/site/5");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/signin");
    browser.find("#token").sendKeys(SERVER.adminToken());
    browser.find("form.signin button[type=submit]").click();
    browser.until(d -> d.getCurrentUrl().endsWith("/previews/site/5"));
    browser.awaitRendered();

    browser.findText("h1", "Preview of site #5");
    assertThat(browser.find("dl.facts").getText())
        .contains(head.substring(0, 7))
        .contains("main")
        .contains("#5");
    assertThat(browser.find("dl.facts time[datetime]").getAttribute("title")).endsWith("UTC");
    WebElement web = browser.find("section.preview-env[data-environment=web]");
    assertThat(web.getAttribute("data-result")).isEqualTo("changes");
    assertThat(web.findElement(By.cssSelector("h2 a")).getAttribute("href"))
        .endsWith("/environments/web");
    assertThat(web.getText())
        .contains("environments/web")
        .contains("1 change: 1 update")
        .contains("index.html");
    assertThat(web.findElement(By.cssSelector("pre.diff .line.add")).getText())
        .isEqualTo("+<h1>Hello</h1>");
    assertThat(web.findElement(By.cssSelector("pre.diff .line.del")).getText())
        .isEqualTo("-<h1>Welcome</h1>");
    // A malformed file fails its environment with the file and line; an untouched one is absent.
    WebElement failed =
        browser.find("section.preview-env[data-environment=api][data-result=failed]");
    assertThat(failed.findElement(By.cssSelector(".failure[role=alert]")).getText())
        .contains("render.invalid")
        .contains("undefined variable 'UNDEFINED'")
        .contains("app.conf")
        .containsPattern("line\\s+2");
    assertThat(
            browser.driver.findElements(
                By.cssSelector("section.preview-env[data-environment=docs]")))
        .isEmpty();
    browser.screenshot("preview");

    // A pull request Driftless never saw says so (the API answers 200 with no item).
    browser.open(SERVER.baseUrl() + "/previews/site/404");
    browser.findText("main p.empty", "No preview for this pull request");
    browser.screenshot("preview-missing");
  }

  private static void environment(Api api, String name, String path) {
    api.createEnvironment(
        EnvironmentBody.directory(name, "site", path, SERVER.targets().resolve(name))
            .with("variables", Map.of("values", Map.of("PORT", "80"), "files", List.of("*.conf"))));
  }

  private static JsonNode awaitPreview(Api api, String head) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      JsonNode items = api.get("/api/v1/previews?source=site&pr=5").json().path("items");
      if (items.size() == 1
          && items.get(0).path("head").asText().equals(head)
          && items.get(0).path("state").asText().equals("done")) {
        return items.get(0);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for the preview of site #5: " + items);
      }
      Thread.sleep(100);
    }
  }
}
