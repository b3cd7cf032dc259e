package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.ssh.testing.TestSshKey;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hosts that die or hang in the middle of an operation: every such failure is typed and comes
 * within the operation timeout, and a file is never left partial at its name.
 */
class HostFailureIT extends OneHostTestBase {
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(3);

  /** What a failure may take beyond the timeout: scheduling, the kill itself. */
  private static final Duration SLACK = Duration.ofSeconds(2);

  @Override
  SshTimeouts timeouts() {
    return new SshTimeouts(Duration.ofSeconds(3), OPERATION_TIMEOUT);
  }

  @Test
  void aHostKilledDuringAReadFailsItAtOnce() throws Exception {
    Path big = sshd.root().resolve("big");
    try (var out = Files.newOutputStream(big)) {
      byte[] chunk = new byte[1024 * 1024];
      for (int i = 0; i < 64; i++) {
        out.write(chunk);
      }
    }
    InputStream in = session.files().read(root.child("big"), Long.MAX_VALUE);
    assertThat(in.readNBytes(100_000)).hasSize(100_000);

    sshd.kill();
    long killed = System.nanoTime();

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOfSatisfying(
            ConnectionLostException.class,
            e -> {
              assertThat(e.host()).isEqualTo(sshd.host());
              assertThat(e.code()).isEqualTo("ssh.connection_lost");
              assertThat(e.operation()).isEqualTo("read");
            })
        .hasMessageContaining(sshd.host().toString());
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(OPERATION_TIMEOUT);
  }

  @Test
  void aHostKilledDuringAWriteKeepsTheOldFileWholeAtItsName() throws Exception {
    Files.writeString(sshd.root().resolve("app.conf"), "old\n");
    files().mkdir(root.child(".staging"), 0700);
    CompletableFuture<Long> killedAt = new CompletableFuture<>();
    InputStream endless =
        new InputStream() {
          private long sent;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            if (sent > 1024 * 1024 && !killedAt.isDone()) {
              sshd.kill();
              killedAt.complete(System.nanoTime());
            }
            sent += length;
            return length;
          }
        };

    assertThatThrownBy(
            () ->
                files().writeNew(root.resolve(".staging/app.conf"), endless, 0644, Long.MAX_VALUE))
        .isInstanceOf(ConnectionLostException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - killedAt.get())).isLessThan(OPERATION_TIMEOUT);
    assertThat(sshd.root().resolve("app.conf")).hasContent("old\n");
    // The partial file stays at its staging name, for the next run to clean up.
    assertThat(sshd.root().resolve(".staging/app.conf")).exists();
  }

  @Test
  void aHostKilledWhileACommandRunsFailsTheCommandAtOnce() throws Exception {
    CompletableFuture<Long> killedAt =
        CompletableFuture.supplyAsync(
            () -> {
              sleep(1000);
              sshd.kill();
              return System.nanoTime();
            });

    assertThatThrownBy(() -> session.exec(List.of("sleep", "60"), Duration.ofSeconds(60), 1024))
        .isInstanceOfSatisfying(
            ConnectionLostException.class, e -> assertThat(e.operation()).isEqualTo("exec sleep"))
        .hasMessageContaining("outcome is unknown");

    assertThat(Duration.ofNanos(System.nanoTime() - killedAt.get(5, TimeUnit.SECONDS)))
        .isLessThan(OPERATION_TIMEOUT);
  }

  @Test
  void aHungHostTimesOutWithinTheOperationTimeoutAndIsReconnectedLater() throws Exception {
    files().lstat(root);
    sshd.freeze();
    long start = System.nanoTime();
    try {
      assertThatThrownBy(() -> files().lstat(root.child("anything")))
          .isInstanceOfSatisfying(
              SshTimeoutException.class,
              e -> {
                assertThat(e.timeout()).isEqualTo(OPERATION_TIMEOUT);
                assertThat(e.operation()).isEqualTo("lstat");
                assertThat(e.code()).isEqualTo("ssh.timeout");
              })
          .hasMessageContaining(sshd.host().toString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(OPERATION_TIMEOUT, OPERATION_TIMEOUT.plus(SLACK));
      assertThat(session.isOpen()).isFalse();
    } finally {
      sshd.thaw();
    }

    SshSession again = sessions.session(sshd.host());
    assertThat(again.files().lstat(root)).isPresent();
    assertThat(sessions.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void aHungHostFailsToConnectWithinTheConnectTimeout() throws Exception {
    sessions.close();
    sessions =
        sshd.sessions(
            TestSshKey.generate(tmp.resolve("keys"), "k2"),
            new SshTimeouts(Duration.ofSeconds(2), OPERATION_TIMEOUT));
    sshd.freeze();
    long start = System.nanoTime();
    try {
      assertThatThrownBy(() -> sessions.session(sshd.host()))
          .isInstanceOf(HostUnreachableException.class)
          .hasMessageContaining(sshd.host().toString());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(Duration.ofSeconds(2).plus(SLACK));
    } finally {
      sshd.thaw();
    }
  }

  private RemoteFiles files() {
    return session.files();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
