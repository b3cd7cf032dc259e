package io.driftless.engine.target.directory;

import static io.driftless.engine.target.directory.DirectoryFixtures.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.testing.MutableClock;
import io.driftless.engine.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTargetCommandsTest {
  @TempDir Path tmp;
  private Path allowed;
  private Path root;
  private MutableClock clock;
  private DirectoryTargetFactory factory;

  @BeforeEach
  void setUp() throws IOException {
    allowed = Files.createDirectory(tmp.resolve("allowed"));
    root = Files.createDirectory(allowed.resolve("site")).toRealPath();
    clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    // Waiting between health checks moves the test clock instead of sleeping.
    factory =
        new DirectoryTargetFactory(
            List.of(allowed),
            CommandPolicy.allowing("sh", "echo"),
            clock,
            Seams.DEFAULT.withSleeper(clock::advance, Duration.ofSeconds(1)));
  }

  private DirectoryTarget open(CommandSpec postApply, CommandSpec healthCheck, Duration timeout) {
    return factory.open(
        environment(new TargetSpec.Directory(root, postApply, healthCheck, timeout)));
  }

  private static CommandSpec shell(String command, Duration timeout) {
    return new CommandSpec(List.of(command), timeout);
  }

  @Test
  void postApplyRunsInAFreshEmptyHomeNeverTheRootWithOnlyPathHomeAndRoot() throws Exception {
    Files.writeString(root.resolve("app.conf"), "from Git\n");
    DirectoryTarget target =
        open(
            shell(
                "pwd; echo \"root=$DRIFTLESS_TARGET_ROOT\"; echo \"home=$HOME\"; ls -A; env | sort;"
                    + " echo oops >&2; exit 3",
                Duration.ofSeconds(10)),
            null,
            null);

    CommandResult result = target.postApply().orElseThrow();

    assertThat(result.name()).isEqualTo("postApply");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.timedOut()).isFalse();
    assertThat(result.succeeded()).isFalse();
    List<String> lines = result.output().lines().toList();
    Path home = Path.of(lines.get(0));
    assertThat(home).isNotEqualTo(root);
    assertThat(home.getFileName().toString()).startsWith("driftless-home-");
    assertThat(lines.get(1)).isEqualTo("root=" + root);
    assertThat(lines.get(2)).isEqualTo("home=" + home);
    assertThat(lines.subList(3, lines.size()))
        .as("the home is empty, and the environment is PATH, HOME and the root (and the shell's)")
        .filteredOn(line -> !line.matches("(PWD|OLDPWD|SHLVL|_)=.*"))
        .containsExactly(
            "DRIFTLESS_TARGET_ROOT=" + root,
            "HOME=" + home,
            "PATH=" + CommandPolicy.allowing().searchPathVariable(),
            "oops");
    assertThat(home).as("removed when the command ended").doesNotExist();
  }

  @Test
  void aScriptFromGitInTheRootIsNeverRun() throws Exception {
    Path script = root.resolve("reload.sh");
    Files.writeString(script, "#!/bin/sh\ntouch \"$DRIFTLESS_TARGET_ROOT/ran\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    DirectoryTargetFactory byPath =
        new DirectoryTargetFactory(
            List.of(allowed), CommandPolicy.allowing("sh", script.toString()), clock);

    assertThatThrownBy(() -> open(shell("./reload.sh", Duration.ofSeconds(5)), null, null))
        .isInstanceOfSatisfying(
            CommandRefusedException.class,
            e ->
                assertThat(e)
                    .hasMessageContaining("by a relative path, which never runs")
                    .satisfies(
                        r -> assertThat(r.details()).containsEntry("field", "target.postApply")));
    assertThatThrownBy(
            () ->
                byPath.open(
                    environment(
                        new TargetSpec.Directory(
                            root, null, shell(script.toString(), Duration.ofSeconds(5)), null))))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("a file from Git is never run");
    CommandResult bySh =
        open(new CommandSpec(List.of("sh", "reload.sh"), Duration.ofSeconds(5)), null, null)
            .postApply()
            .orElseThrow();
    assertThat(bySh.succeeded()).as("sh looks for reload.sh in its empty home").isFalse();
    assertThat(root.resolve("ran")).doesNotExist();
  }

  @Test
  void withCommandsOffOpeningATargetWithACommandIsRefusedNamingTheField() {
    DirectoryTargetFactory off = new DirectoryTargetFactory(List.of(allowed), clock);

    assertThatThrownBy(
            () ->
                off.open(
                    environment(
                        new TargetSpec.Directory(
                            root, null, shell("true", Duration.ofSeconds(5)), null))))
        .isInstanceOfSatisfying(
            CommandRefusedException.class,
            e ->
                assertThat(e.details())
                    .containsEntry("field", "target.healthCheck")
                    .containsEntry("command", "true"));
    assertThat(off.open(environment(TargetSpec.Directory.at(root))).postApply()).isEmpty();
  }

  @Test
  void postApplyAcceptsAnArgv() {
    DirectoryTarget target =
        open(new CommandSpec(List.of("echo", "a b", "$HOME"), Duration.ofSeconds(10)), null, null);

    assertThat(target.postApply().orElseThrow().output()).isEqualTo("a b $HOME\n");
  }

  @Test
  void withoutPostApplyNothingRuns() {
    assertThat(open(null, null, null).postApply()).isEqualTo(Optional.empty());
  }

  @Test
  void keepsTheTailOfLongOutput() {
    DirectoryTarget target =
        open(
            shell(
                "head -c 200000 /dev/zero | tr '\\0' a; echo; echo the-end",
                Duration.ofSeconds(10)),
            null,
            null);

    String output = target.postApply().orElseThrow().output();

    assertThat(output).startsWith("[... ").contains(" bytes cut ...]\n").endsWith("a\nthe-end\n");
    assertThat(output.length()).isLessThan(CommandRunner.OUTPUT_LIMIT + 100);
  }

  @Test
  void aTimeoutKillsTheWholeProcessTreeQuickly() throws Exception {
    DirectoryTarget target =
        open(
            shell(
                "echo started; sleep 30 & echo $! > \"$DRIFTLESS_TARGET_ROOT/sleep.pid\"; wait",
                Duration.ofMillis(500)),
            null,
            null);
    long start = System.nanoTime();

    CommandResult result = target.postApply().orElseThrow();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.output()).isEqualTo("started\n");
    long sleepPid = Long.parseLong(Files.readString(root.resolve("sleep.pid")).trim());
    assertThat(Processes.awaitGone(sleepPid)).as("the background sleep was killed too").isTrue();
  }

  @Test
  void healthyWithoutAHealthCheck() {
    HealthReport report = open(null, null, null).health(Duration.ofSeconds(5));

    assertThat(report.health()).isEqualTo(Health.HEALTHY);
    assertThat(report.message()).isEqualTo("no health check configured");
  }

  @Test
  void aHealthCheckThatFailsThenSucceedsIsHealthy() {
    DirectoryTarget target =
        open(
            null,
            shell(
                "cd \"$DRIFTLESS_TARGET_ROOT\"; if [ -f ready ]; then echo up; exit 0; fi; touch ready;"
                    + " echo down; exit 1",
                Duration.ofSeconds(10)),
            Duration.ofSeconds(30));

    HealthReport report = target.health(target.healthTimeout());

    assertThat(report.health()).isEqualTo(Health.HEALTHY);
    assertThat(report.message()).contains("after 2 attempts");
    assertThat(report.output()).isEqualTo("up\n");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:01Z"));
  }

  @Test
  void aHealthCheckThatNeverPassesIsDegradedAtTheTimeout() {
    DirectoryTarget target =
        open(null, shell("echo not ready; exit 2", Duration.ofSeconds(10)), Duration.ofSeconds(3));

    HealthReport report = target.health(Duration.ofMillis(3500));

    assertThat(report.health()).isEqualTo(Health.DEGRADED);
    assertThat(report.message())
        .isEqualTo("health check did not pass within PT3.5S (4 attempts; last exited 2)");
    assertThat(report.output()).isEqualTo("not ready\n");
    assertThat(target.healthTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aHangingHealthCheckIsCutByItsOwnTimeout() {
    DirectoryTarget target =
        open(null, shell("echo checking; sleep 30", Duration.ofMillis(300)), null);

    HealthReport report = target.health(Duration.ofMillis(500));

    assertThat(report.health()).isEqualTo(Health.DEGRADED);
    assertThat(report.message()).contains("timed out");
    assertThat(report.output()).isEqualTo("checking\n");
  }
}
