package io.driftless.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.cli.testing.FaultFixtures;
import io.driftless.cli.testing.ServerProcess;
import io.driftless.engine.testing.TestGitRepo;
import io.driftless.ssh.testing.Sshd;
import io.driftless.ssh.testing.TestSshKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24: {@code kill -9} of the server process in the middle of an ssh target's apply to three
 * real OpenSSH hosts. Right after the kill every managed file on every host is one whole version
 * (staged files aside); after the restart the next run finishes the change and leaves no staged
 * file on any host.
 */
class KilledSshApplyIT {
  private static final int FILES = 1_500;
  private static final String STAGING = ".driftless-staging";

  @TempDir Path dir;

  private static Map<String, String> version(int version) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < FILES; i++) {
      String name = String.format("conf.d/%02d/f%04d.conf", i / 100, i);
      files.put("env/" + name, KilledApplyIT.content(name, version));
    }
    return files;
  }

  @Test
  void aServerKilledMidApplyLeavesWholeFilesOnEveryHostAndTheNextRunNoStaging() throws Exception {
    Assumptions.assumeTrue(
        Sshd.canMountRoots(), "three hosts at one root need root and unshare(1)");
    Path fleet = Files.createDirectories(dir.resolve("fleet"));
    TestSshKey key = TestSshKey.generate(dir.resolve("keys"), "deploy");
    List<Sshd> hosts = new ArrayList<>();
    try (TestGitRepo repo = TestGitRepo.create(dir.resolve("repo"))) {
      for (int i = 0; i < 3; i++) {
        hosts.add(Sshd.in(dir.resolve("host" + i)).authorize(key).rootMountedAt(fleet).start());
      }
      try (ServerProcess server =
          ServerProcess.start(
              dir,
              "scheduler:\n  threads: 2\ngit:\n  allowLocalUrls: true\n"
                  + "targets:\n  ssh:\n    allowedHosts: [\"127.0.0.1\"]\n    allowedRoots: ["
                  + fleet
                  + "]\n")) {
        repo.commit(version(1), "v1");
        ServerProcess.Reply credential =
            server.post(
                "/api/v1/credentials",
                Map.of(
                    "name",
                    "fleet",
                    "type",
                    "ssh-key",
                    "privateKey",
                    new String(key.privateKey(), UTF_8)));
        assertThat(credential.status()).as(credential.toString()).isEqualTo(201);
        FaultFixtures.source(server, "site", repo.url());
        StringBuilder knownHosts = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Sshd host : hosts) {
          knownHosts.append(host.knownHostsLine()).append('\n');
          names.add(host.host().toString());
        }
        ServerProcess.Reply created =
            server.post(
                "/api/v1/environments",
                Map.of(
                    "name",
                    "web",
                    "source",
                    "site",
                    "ref",
                    "main",
                    "path",
                    "env",
                    "target",
                    Map.of(
                        "type",
                        "ssh",
                        "hosts",
                        names,
                        "user",
                        hosts.get(0).user(),
                        "credential",
                        "fleet",
                        "knownHosts",
                        knownHosts.toString(),
                        "root",
                        fleet.resolve("web").toString()),
                    "sync",
                    Map.of("auto", true, "prune", true, "interval", "1h")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode v1 = FaultFixtures.finished(server, FaultFixtures.sync(server, "web"));
        assertThat(v1.path("status").asText()).as(v1.toString()).isEqualTo("succeeded");

        repo.commit(version(2), "v2");
        FaultFixtures.sync(server, "web");
        // Kill once the first rename shows on any host: the apply is under way there.
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!anyAtVersion2(hosts) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        server.kill();

        List<Integer> killed = new ArrayList<>();
        for (Sshd host : hosts) {
          killed.addAll(versions(host.root().resolve("web")).values());
        }
        assertThat(killed).hasSize(3 * FILES);
        assertThat(new TreeSet<>(killed)).as("the kill came mid-apply").contains(1, 2);
        System.out.printf(
            "killed with %d files at version 1 and %d at version 2 on three hosts%n",
            killed.stream().filter(v -> v == 1).count(),
            killed.stream().filter(v -> v == 2).count());

        server.restart();
        JsonNode run = FaultFixtures.finished(server, FaultFixtures.sync(server, "web"));
        assertThat(run.path("status").asText()).as(run.toString()).isIn("succeeded", "no_op");
        for (Sshd host : hosts) {
          Path root = host.root().resolve("web");
          Map<String, Integer> after = versions(root);
          assertThat(after).as(host.host().toString()).hasSize(FILES);
          assertThat(new TreeSet<>(after.values())).as(host.host().toString()).containsExactly(2);
          assertThat(root.resolve(STAGING)).as("staging on %s", host.host()).doesNotExist();
          assertThat(KilledApplyIT.tree(root))
              .as("no staged file left on %s", host.host())
              .noneMatch(path -> path.contains(".driftless-tmp-"));
        }
      }
    } finally {
      hosts.forEach(Sshd::close);
    }
  }

  private static boolean anyAtVersion2(List<Sshd> hosts) throws IOException {
    for (Sshd host : hosts) {
      Path first = host.root().resolve("web/conf.d/00/f0000.conf");
      if (Files.isRegularFile(first) && Files.readString(first).startsWith("version 2")) {
        return true;
      }
    }
    return false;
  }

  /** Every managed file's version on one host, checking each is whole; staged files aside. */
  private static Map<String, Integer> versions(Path root) throws IOException {
    Map<String, Integer> versions = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (String path : KilledApplyIT.tree(root)) {
      if (path.endsWith("/") || path.startsWith(STAGING + "/")) {
        continue;
      }
      Integer version = KilledApplyIT.wholeVersion(path, Files.readString(root.resolve(path)));
      if (version == null) {
        problems.add(path);
      } else {
        versions.put(path, version);
      }
    }
    assertThat(problems).as("partial or foreign files under %s", root).isEmpty();
    return versions;
  }
}
