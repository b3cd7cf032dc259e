package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages that replace curl: API tokens (created and shown once, revoked), registering and
 * changing a source and an environment through forms that show the API's validation messages beside
 * the field that caused them, and comparing two runs picked in the history.
 */
class DashboardFormsIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  @RegisterExtension static final Browser browser = Browser.on(SERVER);
  private static TestGitRepo repo;

  @BeforeAll
  static void start() {
    repo = SERVER.repo("repo");
    repo.commit(Map.of("site/index.html", "<h1>Welcome</h1>\n"), "Welcome page");
  }

  @BeforeEach
  void signedIn() {
    browser.signIn(SERVER.baseUrl(), SERVER.adminToken());
  }

  @Test
  void anAdminCreatesATokenSeesItOnceAndRevokesIt() {
    browser.find("header nav a[data-nav=tokens]").click();
    browser.find("tr[data-token=admin]");

    // The API's refusals land beside the field: a bad name, then a name taken.
    WebElement name = browser.find("#create-token input[data-field=name]");
    name.sendKeys("has spaces");
    browser.find("#create-token button[type=submit]").click();
    WebElement error = browser.findText("#create-token [data-for=name] .field-error", "token name");
    assertThat(error.isDisplayed()).isTrue();
    assertThat(name.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(name.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
    browser.expectOnlyFailures("422");
    browser.screenshot("tokens-422");
    name.clear();
    name.sendKeys("admin");
    browser.find("#create-token button[type=submit]").click();
    browser.findText("#create-token [data-for=name] .field-error", "already exists");
    browser.expectOnlyFailures("409");

    // Created: shown once, and it works.
    name.clear();
    name.sendKeys("ci-deployer");
    new Select(browser.find("#create-token select[data-field=role]")).selectByValue("operator");
    browser.find("#create-token button[type=submit]").click();
    String token = browser.find("#new-token").getAttribute("value");
    assertThat(token).startsWith("dlt_");
    assertThat(browser.find("#create-token [data-for=name] .field-error").isDisplayed()).isFalse();
    browser.findText("tr[data-token=ci-deployer]", "operator");
    assertThat(new Api(SERVER.baseUrl(), token).get("/api/v1/environments").status())
        .isEqualTo(200);
    browser.screenshot("tokens");

    // Never kept: another page and back, and it is gone; the browser's storage never held it.
    browser.find("header nav a[data-nav=audit]").click();
    browser.find("tr[data-action='token.issue']");
    browser.find("header nav a[data-nav=tokens]").click();
    browser.find("tr[data-token=ci-deployer]");
    assertThat(browser.driver.findElements(By.id("new-token"))).isEmpty();
    String stored =
        (String)
            browser.driver.executeScript(
                "return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)");
    assertThat(stored).doesNotContain(token);

    // Revoked after a confirmation: refused from then on.
    browser.find("button[data-revoke=ci-deployer]").click();
    browser.findText("dialog[open] button", "Revoke").click();
    browser.until(d -> d.findElements(By.cssSelector("tr[data-token=ci-deployer]")).isEmpty());
    assertThat(new Api(SERVER.baseUrl(), token).get("/api/v1/environments").status())
        .isEqualTo(401);
    browser.expectOnlyFailures("401"); // the test's own request with the revoked token

    // A viewer is told that tokens are for admins.
    String viewer =
        SERVER
            .admin()
            .post("/api/v1/tokens", Map.of("name", "looker", "role", "viewer"))
            .text("token");
    browser.find("#signout").click();
    browser.signIn(SERVER.baseUrl(), viewer);
    browser.find("header nav a[data-nav=tokens]").click();
    browser.findText("main .error", "Only admins manage tokens");
    assertThat(browser.find("#create-token").isDisplayed()).isFalse();
    browser.expectOnlyFailures("403");
    browser.find("#signout").click();
  }

  @Test
  void anAdminAddsRotatesAndRemovesACredentialWhoseSecretNeverComesBack() {
    String secret = "tok-ui-secret-5f0c";
    String rotated = "tok-ui-rotated-9b2e";
    browser.find("header nav a[data-nav=credentials]").click();
    browser.findText("main p.empty", "No credential");

    // A bad key is refused beside its field; only the fields of the chosen type are shown.
    Select type = new Select(browser.find("#credential-form select[data-field=type]"));
    type.selectByValue("ssh-key");
    assertThat(browser.find("#credential-form [data-for=token]").isDisplayed()).isFalse();
    browser.find("#credential-form input[data-field=name]").sendKeys("deploy");
    browser.find("#credential-form textarea[data-field=privateKey]").sendKeys("not a key");
    browser.find("#credential-form button[type=submit]").click();
    browser.findText("#credential-form [data-for=privateKey] .field-error", "SSH private key");
    browser.expectOnlyFailures("422");

    // Added: listed with its type and user, its secret emptied from the form.
    browser.find("#credential-form input[data-field=name]").clear();
    browser.find("#credential-form input[data-field=name]").sendKeys("ui-bot");
    type.selectByValue("token");
    browser.find("#credential-form input[data-field=username]").sendKeys("bot");
    browser.find("#credential-form input[data-field=token]").sendKeys(secret);
    browser.find("#credential-form button[type=submit]").click();
    // A token must say where it may be sent; the refusal stands beside that field.
    browser.findText("#credential-form [data-for=origins] .field-error", "origins is required");
    browser.expectOnlyFailures("422");
    browser
        .find("#credential-form textarea[data-field=origins]")
        .sendKeys("https://git.example.com/");
    browser.find("#credential-form input[data-field=token]").sendKeys(secret);
    browser.find("#credential-form button[type=submit]").click();
    browser.findText("tr[data-credential=ui-bot]", "token");
    browser.findText("tr[data-credential=ui-bot] td.origins", "https://git.example.com/");
    assertThat(browser.find("#credential-form input[data-field=token]").getAttribute("value"))
        .isEmpty();
    browser.screenshot("credentials");

    // Rotated in the same form: the name and type are fixed, the new secret goes in.
    browser.find("button[data-rotate=ui-bot]").click();
    browser.findText("#credential-title", "Rotate credential ui-bot");
    browser.find("#credential-form input[data-field=token]").sendKeys(rotated);
    browser.find("#credential-form button[type=submit]").click();
    browser.findText("#credential-title", "Add a credential");
    JsonNode listed = SERVER.admin().get("/api/v1/credentials/ui-bot").json();
    assertThat(listed.path("updatedAt").asText()).isNotEqualTo(listed.path("createdAt").asText());
    assertThat(browser.driver.getPageSource()).doesNotContain(secret).doesNotContain(rotated);

    // A source registered through its form refers to it by name; the credential shows its user.
    browser.find("header nav a[data-nav=sources]").click();
    browser.find("#register-source").click();
    browser.find("form.edit input[data-field=name]").sendKeys("private");
    browser.find("form.edit input[data-field=url]").sendKeys("https://git.example.com/p.git");
    new Select(browser.find("form.edit select[data-field='auth.type']"))
        .selectByValue("credential");
    browser.find("form.edit input[data-field='auth.credential']").sendKeys("ui-bot");
    browser.find("form.edit button[type=submit]").click();
    browser.findText("tr[data-source=private]", "credential ui-bot");
    browser.find("header nav a[data-nav=credentials]").click();
    browser.findText("tr[data-credential=ui-bot]", "private");
    assertThat(SERVER.admin().delete("/api/v1/sources/private").status()).isEqualTo(204);
    browser.driver.navigate().refresh();

    // Removed after a confirmation.
    browser.find("button[data-remove=ui-bot]").click();
    browser.findText("dialog[open] button", "Remove").click();
    browser.until(d -> d.findElements(By.cssSelector("tr[data-credential=ui-bot]")).isEmpty());
  }

  @Test
  void sourceAndEnvironmentAreRegisteredAndChangedThroughForms() {
    // A source: a bad name, a password in the URL, then registered.
    browser.find("header nav a[data-nav=sources]").click();
    browser.find("#register-source").click();
    WebElement name = browser.find("form.edit input[data-field=name]");
    WebElement url = browser.find("form.edit input[data-field=url]");
    name.sendKeys("My Site");
    url.sendKeys(repo.url());
    submit();
    browser.findText("[data-for=name] .field-error", "lower-case");
    browser.expectOnlyFailures("422");
    name.clear();
    name.sendKeys("site");
    url.clear();
    url.sendKeys("https://deploy:hunter2@git.example.com/site.git");
    submit();
    browser.findText("[data-for=url] .field-error", "must not contain a password");
    assertThat(url.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find("[data-for=name] .field-error").isDisplayed()).isFalse();
    browser.expectOnlyFailures("422");
    browser.screenshot("source-form-422");
    url.clear();
    url.sendKeys(repo.url());
    submit();
    browser.find("tr[data-source=site]");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/sources");
    browser.assertNoErrors("sources");

    // Changed: a webhook secret set; the URL is left as it was.
    browser.find("a[data-edit=site]").click();
    assertThat(browser.find("form.edit input[data-field=url]").getAttribute("value"))
        .isEqualTo(repo.url());
    browser.find("form.edit input[data-field=webhookSecret]").sendKeys("a-long-webhook-secret");
    submit();
    browser.findText("tr[data-source=site]", "set");
    JsonNode source = SERVER.admin().get("/api/v1/sources/site").json();
    assertThat(source.path("hasWebhookSecret").asBoolean()).isTrue();
    assertThat(source.path("url").asText()).isEqualTo(repo.url());

    // An environment: a target outside the allowed roots, a bad interval, then registered.
    browser.find("header nav a[data-nav=overview]").click();
    browser.find("#register-environment").click();
    browser.find("form.edit input[data-field=name]").sendKeys("web");
    WebElement path = browser.find("form.edit input[data-field=path]");
    path.sendKeys("site");
    WebElement root = browser.find("form.edit input[data-field='target.root']");
    root.sendKeys(SERVER.dir.resolve("elsewhere").toString());
    browser.find("form.edit input[data-field='sync.auto']").click(); // auto-sync off
    submit();
    browser.findText("[data-for='target.root'] .field-error", "not under a root the server allows");
    assertThat(root.getAttribute("aria-invalid")).isEqualTo("true");
    browser.expectOnlyFailures("422");
    browser.screenshot("environment-form-422");
    root.clear();
    root.sendKeys(SERVER.targets().resolve("web").toString());
    WebElement interval = browser.find("form.edit input[data-field='sync.interval']");
    interval.sendKeys("soon");
    submit();
    browser.findText("[data-for='sync.interval'] .field-error", "must be a duration");
    assertThat(browser.find("[data-for='target.root'] .field-error").isDisplayed()).isFalse();
    browser.expectOnlyFailures("422");
    interval.clear();
    interval.sendKeys("1h");
    submit();
    browser.until(d -> d.getCurrentUrl().endsWith("/environments/web"));
    browser.findText("h1", "web");
    browser.findText("dl.facts", "off"); // auto-sync
    browser.findText(".actions button", "Sync").click();
    browser.find("tr[data-status=succeeded]");
    browser.assertNoErrors("environment");

    // Changed: the path and the interval; what the form did not touch stays.
    browser.click("#edit"); // a live update may re-render the page after the sync
    WebElement changedPath = browser.find("form.edit input[data-field=path]");
    assertThat(changedPath.getAttribute("value")).isEqualTo("site");
    WebElement changedInterval = browser.find("form.edit input[data-field='sync.interval']");
    changedInterval.clear();
    changedInterval.sendKeys("5m");
    browser.screenshot("environment-form");
    submit();
    browser.until(d -> d.getCurrentUrl().endsWith("/environments/web"));
    browser.findText("h1", "web");
    JsonNode env = SERVER.admin().get("/api/v1/environments/web").json();
    assertThat(env.path("sync").path("interval").asText()).isEqualTo("5m");
    assertThat(env.path("sync").path("auto").asBoolean()).isFalse();
    assertThat(env.path("path").asText()).isEqualTo("site");
    assertThat(env.path("target").path("root").asText())
        .isEqualTo(SERVER.targets().resolve("web").toString());
    JsonNode audit =
        SERVER.admin().get("/api/v1/audit?object=web&action=environment.update").json();
    assertThat(audit.path("items")).isNotEmpty();
    browser.assertNoErrors("environment changed");
  }

  @Test
  void twoRunsPickedInTheHistoryAreCompared() throws Exception {
    Api api = SERVER.admin();
    api.createSource("compared", repo.url());
    api.createEnvironment(
        EnvironmentBody.directory(
            "history", "compared", "history", SERVER.targets().resolve("history")));
    repo.commit(
        Map.of("history/index.html", "<h1>One</h1>\n", "history/old.txt", "gone soon\n"),
        "History begins");
    long first = sync(api);
    repo.delete("history/old.txt");
    repo.commit(
        Map.of("history/index.html", "<h1>Two</h1>\n", "history/new.txt", "arrived\n"),
        "History goes on");
    long second = sync(api);

    browser.open(SERVER.baseUrl() + "/environments/history");
    WebElement compare = browser.find("#compare");
    assertThat(compare.isEnabled()).isFalse();
    browser.click("input[data-compare='" + second + "']");
    browser.click("input[data-compare='" + first + "']");
    browser.until(d -> compare.isEnabled());
    compare.click();

    browser.until(d -> d.getCurrentUrl().endsWith("/runs/" + first + "/compare/" + second));
    browser.findText("h1", "Compare run #" + first + " with #" + second);
    assertThat(browser.find("#compared").getText())
        .contains("1 changed, 1 added, 1 removed")
        .contains("#" + first)
        .contains("#" + second);
    WebElement changed = browser.find("details[data-key='index.html'][data-change=changed]");
    assertThat(changed.findElement(By.cssSelector(".line.del")).getText())
        .isEqualTo("-<h1>One</h1>");
    assertThat(changed.findElement(By.cssSelector(".line.add")).getText())
        .isEqualTo("+<h1>Two</h1>");
    browser.find("details[data-key='new.txt'][data-change=added]");
    browser.find("details[data-key='old.txt'][data-change=removed]");
    browser.screenshot("compare");

    // Back in the history, through the breadcrumb.
    browser.find("nav.crumbs a[href='/environments/history']").click();
    browser.find("input[data-compare='" + first + "']");
  }

  private static void submit() {
    browser.find("form.edit button[type=submit]").click();
  }

  private static long sync(Api api) {
    Api.Reply run = api.sync("history", null);
    assertThat(run.text("status")).isEqualTo("succeeded");
    return run.json().path("id").asLong();
  }
}
