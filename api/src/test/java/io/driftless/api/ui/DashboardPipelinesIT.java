package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.FakeGitHost;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pipelines page: the chain dev → staging → prod drawn from the promotion rules, each stage
 * with its revision, and the Promote button between two stages promoting through the API (a commit
 * into staging, a pull request on the GitHub stand-in into prod), then showing the promotion and
 * its pull request.
 */
class DashboardPipelinesIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();
  @RegisterExtension static final Browser browser = Browser.on(SERVER);
  static final String TOKEN = "ghp_pipelinesTokenNeverShown0123456789";
  static final FakeGitHost HOST = FakeGitHost.serving(Map.of("github", TOKEN));

  private final Api api = SERVER.admin();

  @AfterAll
  static void stop() {
    HOST.close();
  }

  @Test
  void thePipelinesPageDrawsTheChainAndItsPromoteButtonPromotes() {
    TestGitRepo repo = SERVER.repo("pipe");
    String first =
        repo.commit(
                Map.of(
                    "envs/dev/VERSION", "1\n",
                    "envs/staging/VERSION", "0\n",
                    "envs/prod/VERSION", "0\n"),
                "Release 1")
            .value();
    api.createSource("pipe", repo.url());
    api.setHost("pipe", "github", HOST.url(), "acme/pipe", TOKEN);
    api.createEnvironment(env("dev", null, null));
    api.createEnvironment(env("staging", "dev", "commit"));
    api.createEnvironment(env("prod", "staging", "pull-request"));
    for (String name : List.of("dev", "staging", "prod")) {
      api.syncSucceeded(name, Map.of("reason", "first"));
    }

    browser.signIn(SERVER.baseUrl(), SERVER.adminToken());
    browser.find("header nav a[data-nav=pipelines]").click();
    WebElement pipeline = browser.find("section.pipeline");
    assertThat(
            pipeline.findElements(By.cssSelector("li.stage")).stream()
                .map(s -> s.getAttribute("data-environment"))
                .toList())
        .containsExactly("dev", "staging", "prod");
    assertThat(browser.find("li.stage[data-environment=dev] .revision").getText())
        .isEqualTo(first.substring(0, 7));
    browser.findText("li.link[data-promotion-into=staging]", "No promotion yet");

    // Promote dev into staging: a commit on the branch, shown as merged.
    promoteInBrowser("staging", "ship release 1 to staging");
    browser.find("li.link[data-promotion-into=staging] .promotion[data-state=merged]");
    JsonNode toStaging = newest("staging");
    assertThat(toStaging.path("reason").asText()).isEqualTo("ship release 1 to staging");
    assertThat(toStaging.path("revision").asText()).isEqualTo(first);
    browser.screenshot("pipelines-merged");

    // Staging applies it; then promote staging into prod: a pull request, linked.
    api.syncSucceeded("staging", Map.of("reason", "apply the promotion"));
    browser.find("header nav a[data-nav=overview]").click();
    browser.find("header nav a[data-nav=pipelines]").click();
    browser.find("li.link[data-promotion-into=staging] .promotion[data-state=applied]");
    promoteInBrowser("prod", "ship release 1 to prod");
    WebElement pr =
        browser.find(
            "li.link[data-promotion-into=prod] .promotion[data-state=open] a.pull-request");
    FakeGitHost.Pull pull = HOST.pulls("github", "acme/pipe").get(0);
    assertThat(pr.getText()).contains("#" + pull.number());
    assertThat(pr.getAttribute("href"))
        .isEqualTo(newest("prod").path("pullRequest").path("url").asText());
    browser.screenshot("pipelines");
    browser.assertNoErrors("pipelines");
  }

  private void promoteInBrowser(String into, String reason) {
    browser.find("button.promote[data-into=" + into + "]").click();
    browser.find("dialog[open] textarea#reason").sendKeys(reason);
    browser.findText("dialog[open] button", "Promote").click();
  }

  private JsonNode newest(String environment) {
    return api.get("/api/v1/promotions?environment=" + environment).json().path("items").get(0);
  }

  private static EnvironmentBody env(String name, String from, String via) {
    EnvironmentBody body =
        EnvironmentBody.directory(name, "pipe", "envs/" + name, SERVER.targets().resolve(name));
    return from == null ? body : body.with("promotion", Map.of("from", from, "via", via));
  }
}
