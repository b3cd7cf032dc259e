package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands over SSH exec on a real OpenSSH server. */
class SshExecIT extends OneHostTestBase {
  @Test
  void returnsTheExitCodeAndBothOutputStreams() {
    ExecResult result =
        session.exec(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), TIMEOUT, 1024);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.timedOut()).isFalse();
    assertThat(result.output()).contains("out\n").contains("err\n");
    CommandResult recorded = result.toCommandResult("healthCheck");
    assertThat(recorded.name()).isEqualTo("healthCheck");
    assertThat(recorded.exitCode()).isEqualTo(3);
    assertThat(recorded.succeeded()).isFalse();
  }

  @Test
  void eachArgumentReachesTheRemoteProgramUnchangedAndNothingElseRuns() throws Exception {
    Path marker = sshd.root().resolve("pwned");
    List<String> args =
        List.of(
            "two words",
            "it's",
            "$(touch " + marker + ")",
            "`touch " + marker + "`",
            "; touch " + marker,
            "*",
            "",
            "line\nbreak");
    List<String> argv = new ArrayList<>(List.of("printf", "[%s]\\n"));
    argv.addAll(args);

    ExecResult result = session.exec(argv, TIMEOUT, 4096);

    StringBuilder expected = new StringBuilder();
    args.forEach(arg -> expected.append('[').append(arg).append("]\n"));
    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).isEqualTo(expected.toString());
    assertThat(marker).doesNotExist();
  }

  @Test
  void aCommandPastItsTimeoutIsKilledWithItsChildrenAndReturns() throws Exception {
    Path pids = sshd.root().resolve("pids");
    String script = "sleep 300 & echo $! > " + pids + "; echo $$ >> " + pids + "; wait";

    long start = System.nanoTime();
    ExecResult result = session.exec(List.of("sh", "-c", script), Duration.ofSeconds(2), 1024);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
    // Both the shell and the background sleep it started are gone (sshd runs locally here).
    List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
    assertThat(started).hasSize(2);
    for (long pid : started) {
      waitUntilGone(pid);
    }
    // The session is still good for the next command.
    assertThat(session.exec(List.of("true"), TIMEOUT, 64).succeeded()).isTrue();
  }

  @Test
  void outputIsCutToItsLastBytes() {
    ExecResult result =
        session.exec(
            List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' a; echo; echo LAST WORDS"),
            TIMEOUT,
            1000);

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).startsWith("[... ").contains(" bytes cut ...]\n");
    assertThat(result.output()).endsWith("aaa\nLAST WORDS\n");
    assertThat(result.output().length()).isLessThan(1100);
  }

  @Test
  void aCommandGetsNoInput() {
    ExecResult result = session.exec(List.of("cat"), Duration.ofSeconds(5), 64);

    assertThat(result.timedOut()).isFalse();
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void aCommandEndedByASignalSaysWhich() {
    ExecResult result = session.exec(List.of("sh", "-c", "kill -TERM $$"), TIMEOUT, 64);

    assertThat(result.exitSignal()).isEqualTo("TERM");
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.toCommandResult("postApply").output()).contains("signal TERM");
  }

  private static void waitUntilGone(long pid) throws Exception {
    for (int i = 0; i < 50 && running(pid); i++) {
      Thread.sleep(100);
    }
    assertThat(running(pid)).as("process %d is gone", pid).isFalse();
  }

  /** Alive and not a zombie (in a container, nobody may reap an orphan). */
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    try {
      String text = Files.readString(stat);
      return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }
}
