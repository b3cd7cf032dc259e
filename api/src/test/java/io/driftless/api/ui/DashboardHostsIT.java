package io.driftless.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.Processes;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An ssh environment's page in a real browser shows a table of its hosts, each with its state after
 * the last run and the revision last applied there (here both fail: their names do not resolve, so
 * neither has one), and how many are in each state.
 */
class DashboardHostsIT {
  @RegisterExtension
  static final TestServer SERVER = new TestServer("ssh-targets-config.yml", null);

  @RegisterExtension static final Browser browser = Browser.on(SERVER);

  @Test
  void anSshEnvironmentsPageListsEachHostWithItsState() throws Exception {
    Api admin = SERVER.admin();
    Path key = SERVER.dir.resolve("hosts-key");
    Processes.run(
        new ProcessBuilder(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString()));
    admin.createCredential("fleet", "ssh-key", "privateKey", Files.readString(key));
    String[] hostKey = Files.readString(Path.of(key + ".pub")).split(" ");
    TestGitRepo repo = SERVER.repo("hosts-repo");
    repo.commit(Map.of("web/nginx.conf", "worker_processes 2;\n"), "first");
    admin.createSource("site", repo.url());
    Api.Reply created =
        admin.post(
            "/api/v1/environments",
            Map.of(
                "name",
                "edge",
                "source",
                "site",
                "ref",
                "main",
                "path",
                "web",
                "target",
                Map.of(
                    "type",
                    "ssh",
                    "hosts",
                    List.of("web1.fleet.example", "web2.fleet.example:2200"),
                    "user",
                    "deploy",
                    "credential",
                    "fleet",
                    "knownHosts",
                    "*.fleet.example " + hostKey[0] + " " + hostKey[1],
                    "root",
                    "/srv/fleet/web")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Reply run = admin.sync("edge", Map.of());
    assertThat(run.text("status")).as(run.toString()).isEqualTo("failed");

    browser.signIn(SERVER.baseUrl(), SERVER.adminToken());
    browser.open(SERVER.baseUrl() + "/environments/edge");
    browser.until(
        d -> !d.findElements(org.openqa.selenium.By.cssSelector("#hosts tr[data-host]")).isEmpty());
    browser.screenshot("environment-hosts");

    assertThat(browser.find("#hosts-summary").getText())
        .isEqualTo("0 synced, 0 drifted, 0 out of sync, 2 failed");
    for (String host : List.of("web1.fleet.example:22", "web2.fleet.example:2200")) {
      assertThat(browser.find("#hosts tr[data-host='" + host + "']").getAttribute("data-state"))
          .as(host)
          .isEqualTo("failed");
      // Never reached, so no revision was ever applied there.
      assertThat(browser.find("#hosts tr[data-host='" + host + "'] td:last-child").getText())
          .as(host)
          .isEqualTo("-");
    }
  }
}
