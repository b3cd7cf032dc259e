package io.driftless.cli;

import static io.driftless.cli.OfflineCommandsTest.assertOneLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.Processes;
import io.driftless.engine.testing.TestGitRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code env add --target ssh}: the hosts, login, pinned keys and rollout reach the server. */
class SshEnvCommandIT {
  @RegisterExtension static final TestServer SERVER = new TestServer("cli-ssh-config.yml", null);

  @Test
  void anSshEnvironmentIsRegisteredShownAndRefusedOutsideTheAllowedHosts() throws Exception {
    Path key = SERVER.dir.resolve("fleet-key");
    Processes.run(
        new ProcessBuilder(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key.toString()));
    assertThat(
            SERVER
                .admin()
                .post(
                    "/api/v1/credentials",
                    Map.of("name", "fleet", "type", "ssh-key", "privateKey", Files.readString(key)))
                .status())
        .isEqualTo(201);
    String[] hostKey = Files.readString(Path.of(key + ".pub")).split(" ");
    Path knownHosts = SERVER.dir.resolve("known_hosts");
    Files.writeString(knownHosts, "*.fleet.example " + hostKey[0] + " " + hostKey[1] + "\n");
    Cli cli = Cli.admin(SERVER);
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"))) {
      repo.commit(Map.of("envs/edge/nginx.conf", "worker_processes 2;\n"), "first");
      assertThat(cli.run("source", "add", "web", repo.url()).exit()).isZero();

      Cli.Result added =
          cli.expect(
              0,
              sshEnv(
                  "edge",
                  "web1.fleet.example,web2.fleet.example:2200",
                  "/srv/fleet/edge",
                  knownHosts,
                  "--path",
                  "envs/edge",
                  "--batches",
                  "1,25%,100%",
                  "--stop-on-failure",
                  "--no-auto"));
      assertThat(added.out()).contains("ssh /srv/fleet/edge on 2 hosts");
      Cli.Result shown = cli.run("env", "show", "edge");
      assertThat(shown.out())
          .as(shown.toString())
          .contains("web1.fleet.example, web2.fleet.example:2200")
          .contains("deploy")
          .contains("fleet")
          .contains("batches 1,25%,100%, 10 at once, stop on failure");

      // Neither name resolves: a sync fails both hosts, and show lists each host's state.
      Api.Reply run = SERVER.admin().sync("edge", Map.of());
      assertThat(run.json().path("status").asText()).as(run.toString()).isEqualTo("failed");
      Cli.Result hosts = cli.run("env", "show", "edge");
      assertThat(hosts.out())
          .as(hosts.toString())
          .contains("0 synced, 0 drifted, 0 out of sync, 2 failed")
          .containsPattern("host web1\\.fleet\\.example:22: +failed at -")
          .containsPattern("host web2\\.fleet\\.example:2200: +failed at -");

      Cli.Result outside =
          cli.expect(2, sshEnv("db", "db1.elsewhere.example", "/srv/fleet/db", knownHosts));
      assertThat(outside.err())
          .contains("host db1.elsewhere.example:22 is not one the server allows")
          .contains("targets.ssh.allowedHosts");
      assertOneLine(outside);

      Cli.Result incomplete = cli.expect(2, "env", "add", "db", "--source", "web", "--host", "x");
      assertThat(incomplete.err())
          .contains("an ssh target needs --user, --credential, --known-hosts, --root");
    }
  }

  /** {@code env add NAME} of an ssh target on {@code hosts}, as deploy with the fleet key. */
  private static String[] sshEnv(
      String name, String hosts, String root, Path knownHosts, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "env",
                "add",
                name,
                "--source",
                "web",
                "--target",
                "ssh",
                "--host",
                hosts,
                "--user",
                "deploy",
                "--credential",
                "fleet",
                "--known-hosts",
                knownHosts.toString(),
                "--root",
                root));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
