package io.driftless.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessesTest {
  @TempDir Path dir;

  private ProcessSpec shell(String script, Duration timeout) {
    return ProcessSpec.merged(
        "test",
        List.of("/bin/sh", "-c", script),
        dir,
        Map.of("PATH", "/usr/bin:/bin", "ONLY", "this"),
        timeout,
        OutputCapture.tail(1024));
  }

  @Test
  void runsInItsDirectoryWithOnlyTheGivenEnvironment() {
    ProcessResult result =
        LocalProcesses.run(shell("pwd; env | sort; exit 3", Duration.ofSeconds(10)));

    assertThat(result.ending()).isEqualTo(ProcessResult.Ending.EXITED);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.stdout().text().lines().toList())
        .contains(dir.toString(), "ONLY=this", "PATH=/usr/bin:/bin")
        .noneMatch(line -> line.startsWith("JAVA_HOME=") || line.equals("HOME=" + home()));
    assertThat(result.stderr()).isNull();
  }

  @Test
  void everyProcessGetsAFreshEmptyHomeRemovedWhenItEnds() {
    ProcessSpec inHome =
        ProcessSpec.merged(
            "test",
            List.of("/bin/sh", "-c", "pwd; echo \"$HOME\"; ls -A; touch left-behind"),
            null,
            Map.of(),
            Duration.ofSeconds(10),
            OutputCapture.tail(1024));

    List<String> first = LocalProcesses.run(inHome).stdout().text().lines().toList();
    List<String> second = LocalProcesses.run(inHome).stdout().text().lines().toList();

    assertThat(first).hasSize(2).as("it runs in its home, which is empty");
    assertThat(first.get(0)).isEqualTo(first.get(1)).isNotEqualTo(home());
    assertThat(Path.of(first.get(0)).getFileName().toString()).startsWith("driftless-home-");
    assertThat(second).hasSize(2).doesNotContain(first.get(0));
    assertThat(Path.of(first.get(0))).doesNotExist();
    assertThat(Path.of(second.get(0))).doesNotExist();
  }

  private static String home() {
    return System.getProperty("user.home");
  }

  @Test
  void mergesOrSeparatesStandardError() {
    ProcessResult merged =
        LocalProcesses.run(shell("echo out; echo err >&2", Duration.ofSeconds(10)));
    ProcessResult separate =
        LocalProcesses.run(
            new ProcessSpec(
                "test",
                List.of("/bin/sh", "-c", "echo out; echo err >&2"),
                dir,
                Map.of(),
                Duration.ofSeconds(10),
                OutputCapture.head(1024),
                OutputCapture.tail(1024)));

    assertThat(merged.stdout().text()).contains("out\n").contains("err\n");
    assertThat(separate.stdout().text()).isEqualTo("out\n");
    assertThat(separate.stderr().text()).isEqualTo("err\n");
    assertThat(separate.succeeded()).isTrue();
  }

  @Test
  void aProgramThatCannotStartEndsAsNotStarted() {
    ProcessResult result =
        LocalProcesses.run(
            ProcessSpec.merged(
                "test",
                List.of(dir.resolve("missing").toString()),
                dir,
                Map.of(),
                Duration.ofSeconds(10),
                OutputCapture.tail(1024)));

    assertThat(result.ending()).isEqualTo(ProcessResult.Ending.NOT_STARTED);
    assertThat(result.exitCode()).isEqualTo(ProcessResult.NOT_STARTED);
    assertThat(result.startFailure()).contains("missing");
  }

  @Test
  void aTimeoutKillsTheWholeTreeQuickly() throws Exception {
    long start = System.nanoTime();

    ProcessResult result =
        LocalProcesses.run(
            shell("echo started; sleep 30 & echo $! > sleep.pid; wait", Duration.ofMillis(500)));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.ending()).isEqualTo(ProcessResult.Ending.TIMED_OUT);
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.stdout().text()).isEqualTo("started\n");
    long sleepPid = Long.parseLong(Files.readString(dir.resolve("sleep.pid")).trim());
    assertThat(Processes.awaitGone(sleepPid)).as("the background sleep was killed too").isTrue();
  }

  @Test
  void anInterruptKillsTheTreeAndKeepsTheFlag() throws Exception {
    AtomicReference<ProcessResult> result = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              result.set(
                  LocalProcesses.run(
                      shell("sleep 30 & echo $! > sleep.pid; wait", Duration.ofSeconds(60))));
              flag.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    Path pidFile = dir.resolve("sleep.pid");
    for (int i = 0; i < 250 && (!Files.exists(pidFile) || Files.size(pidFile) == 0); i++) {
      Thread.sleep(20);
    }
    caller.interrupt();
    caller.join(10_000);

    assertThat(result.get().ending()).isEqualTo(ProcessResult.Ending.INTERRUPTED);
    assertThat(flag.get()).isTrue();
    long sleepPid = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(Processes.awaitGone(sleepPid)).isTrue();
  }

  @Test
  void killTreeKillsChildrenOfChildren() throws Exception {
    Process process =
        new ProcessBuilder("/bin/sh", "-c", "sh -c 'sleep 30 & echo $! > deep.pid; wait' & wait")
            .directory(dir.toFile())
            .start();
    Path pidFile = dir.resolve("deep.pid");
    for (int i = 0; i < 250 && (!Files.exists(pidFile) || Files.size(pidFile) == 0); i++) {
      Thread.sleep(20);
    }

    ProcessTree.kill(process.toHandle());

    assertThat(process.isAlive()).isFalse();
    assertThat(Processes.awaitGone(Long.parseLong(Files.readString(pidFile).trim()))).isTrue();
  }
}
