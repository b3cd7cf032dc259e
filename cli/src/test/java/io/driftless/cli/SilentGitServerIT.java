package io.driftless.cli;

import static io.driftless.cli.testing.FaultFixtures.commitAndPush;
import static io.driftless.cli.testing.FaultFixtures.environment;
import static io.driftless.cli.testing.FaultFixtures.runs;
import static io.driftless.cli.testing.FaultFixtures.source;
import static io.driftless.cli.testing.FaultFixtures.workClone;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.cli.testing.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Git server that accepts connections, reads and never answers, with as many environments on it
 * as the scheduler has threads and a short {@code git.timeout}: each of their runs fails at the
 * timeout, and ten environments on another source keep syncing meanwhile.
 */
class SilentGitServerIT {
  private static final int THREADS = 2;
  private static final Duration GIT_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  @Test
  void runsOnASilentServerFailAtTheTimeoutWhileOtherSourcesKeepSyncing() throws Exception {
    Path bare = dir.resolve("git/healthy.git");
    Path work = workClone(bare, dir.resolve("work"));
    commitAndPush(work, "one", Map.of("site/index.html", "one\n".getBytes(UTF_8)));
    try (Silent silent = new Silent();
        ServerProcess server =
            ServerProcess.start(
                dir,
                "scheduler:\n  threads: "
                    + THREADS
                    + "\ngit:\n  allowLocalUrls: true\n  timeout: "
                    + GIT_TIMEOUT.toSeconds()
                    + "s\n")) {
      source(server, "silent", "git://127.0.0.1:" + silent.port() + "/app.git");
      source(server, "healthy", bare.toUri().toString());
      Map<String, Object> every2s = Map.of("auto", true, "interval", "2s");
      for (int i = 0; i < 10; i++) {
        environment(
            server, "ok-" + i, "healthy", "site", dir.resolve("data/targets/ok-" + i), every2s);
      }
      for (int i = 0; i < THREADS; i++) {
        environment(
            server,
            "stuck-" + i,
            "silent",
            "site",
            dir.resolve("data/targets/stuck-" + i),
            every2s);
      }
      awaitAll("one\n", Duration.ofSeconds(60));

      String two = commitAndPush(work, "two", Map.of("site/index.html", "two\n".getBytes(UTF_8)));
      Instant pushed = Instant.now();
      awaitAll("two\n", Duration.ofSeconds(45));
      System.out.println(
          "SilentGitServerIT: ten environments applied "
              + two.substring(0, 8)
              + " in "
              + Duration.between(pushed, Instant.now())
              + " beside the silent server");

      assertThat(silent.connections()).as("the silent server was asked").isPositive();
      for (int i = 0; i < THREADS; i++) {
        List<JsonNode> failed =
            runs(server, "stuck-" + i).stream()
                .filter(r -> r.path("status").asText().equals("failed"))
                .toList();
        assertThat(failed).as("stuck-%d failed runs", i).isNotEmpty();
        for (JsonNode run : failed) {
          assertThat(run.path("error").path("code").asText()).isEqualTo("git.unreachable");
          long took =
              Duration.between(
                      Instant.parse(run.path("startedAt").asText()),
                      Instant.parse(run.path("finishedAt").asText()))
                  .toMillis();
          assertThat(took)
              .as("run %s ends at the timeout", run.path("id"))
              .isBetween(GIT_TIMEOUT.toMillis() - 200, GIT_TIMEOUT.toMillis() * 4);
        }
      }
      assertThat(server.adminStatus("/healthcheck")).isEqualTo(200);
    }
  }

  private void awaitAll(String content, Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              for (int i = 0; i < 10; i++) {
                Path index = dir.resolve("data/targets/ok-" + i + "/index.html");
                if (!Files.isRegularFile(index) || !Files.readString(index).equals(content)) {
                  return false;
                }
              }
              return true;
            });
  }

  /** Accepts, reads whatever comes and never writes a byte. */
  private static final class Silent implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Silent() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::accept, "silent-git");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return held.size();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          held.add(s);
          Thread reader =
              new Thread(
                  () -> {
                    try (InputStream in = s.getInputStream()) {
                      in.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException e) {
                      // the client gave up: as expected
                    }
                  });
          reader.setDaemon(true);
          reader.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
