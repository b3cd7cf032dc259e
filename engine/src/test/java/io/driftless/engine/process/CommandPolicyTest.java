package io.driftless.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandPolicyTest {
  @TempDir Path dir;

  private static CommandSpec command(String... argv) {
    return new CommandSpec(List.of(argv), Duration.ofSeconds(5));
  }

  private static String refusal(CommandPolicy policy, CommandSpec command) {
    try {
      policy.check("target.postApply", command);
      return "allowed";
    } catch (CommandRefusedException e) {
      assertThat(e.details())
          .containsEntry("field", "target.postApply")
          .containsEntry("setting", "commands");
      assertThat(e.code()).isEqualTo("command.refused");
      return e.getMessage();
    }
  }

  @Test
  void offByDefaultEveryCommandIsRefusedNamingTheFieldAndTheSetting() {
    assertThat(refusal(CommandPolicy.off(), CommandSpec.shell("nginx -s reload")))
        .isEqualTo(
            "target.postApply `nginx -s reload` would run nginx, but commands are off on this"
                + " server; set commands.enabled: true and list nginx in commands.allowed to allow"
                + " it");
    assertThat(refusal(CommandPolicy.off(), command("/usr/bin/true", "x"))).contains("are off");
  }

  /** Each row: allowed programs (space-separated), the command as one string, the outcome. */
  @ParameterizedTest(name = "[{0}] admits `{1}`: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nginx            | nginx -s reload                  | allowed",
        "nginx            | /usr/sbin/nginx -s reload        | which commands.allowed does not list",
        "/usr/sbin/nginx  | /usr/sbin/nginx -s reload        | allowed",
        "/usr/sbin/nginx  | /usr/sbin/../sbin/nginx          | allowed",
        "/usr/sbin/nginx  | nginx -s reload                  | which commands.allowed does not list",
        "nginx            | nginxx                           | which commands.allowed does not list",
        "nginx            | ./reload.sh                      | by a relative path, which never runs",
        "reload.sh        | ./reload.sh                      | by a relative path, which never runs",
        "nginx            | bin/reload                       | by a relative path, which never runs",
        "nginx            | nginx -s reload; rm -rf /        | would run /bin/sh",
        "nginx            | nginx $(id)                      | would run /bin/sh",
        "nginx            | nginx -c \"a b\"                 | would run /bin/sh",
        "nginx            | FOO=1 nginx                      | would run FOO=1",
        "sh               | nginx -s reload; echo done       | allowed",
        "/bin/sh          | test -f $DRIFTLESS_TARGET_ROOT/x | allowed",
        "sh               | nginx -s reload                  | would run nginx",
        "echo nginx       | echo reloaded nginx              | allowed",
      })
  void anAllowListAdmitsExactlyWhatItNames(String allowed, String line, String outcome) {
    CommandPolicy policy = new CommandPolicy(true, List.of(allowed.split(" ")), "/usr/bin:/bin");

    String refusal = refusal(policy, CommandSpec.shell(line));

    if (outcome.equals("allowed")) {
      assertThat(refusal).isEqualTo("allowed");
    } else {
      assertThat(refusal).startsWith("target.postApply `" + line + "`").contains(outcome);
    }
  }

  @Test
  void anArgvIsCheckedByItsFirstWordAndNeverGoesThroughAShell() {
    CommandPolicy policy = CommandPolicy.allowing("echo");

    assertThat(refusal(policy, command("echo", "$(id); rm -rf /"))).isEqualTo("allowed");
    assertThat(policy.argv("target.postApply", command("echo", "$(id)"), null))
        .containsExactly(resolved("echo"), "$(id)");
    assertThat(refusal(policy, command("sh", "-c", "echo hi"))).contains("does not list");
  }

  @Test
  void plainWordsRunWithoutAShellAndTheProgramResolvedOnTheSearchPath() {
    CommandPolicy policy = CommandPolicy.allowing("echo", "sh");

    assertThat(policy.argv("target.postApply", CommandSpec.shell("echo reloaded  nginx"), null))
        .containsExactly(resolved("echo"), "reloaded", "nginx");
    assertThat(policy.argv("target.postApply", CommandSpec.shell("echo $HOME"), null))
        .containsExactly("/bin/sh", "-c", "echo $HOME");
  }

  @Test
  void aBareNameIsNeverFoundInARelativeEntryOfThePath() throws Exception {
    Path planted = Files.createDirectories(dir.resolve("checkout"));
    executable(planted.resolve("deploy-hook"));
    CommandPolicy policy = new CommandPolicy(true, List.of("deploy-hook"), ".:checkout::/bin");

    assertThat(policy.searchPathVariable()).isEqualTo("/bin");
    assertThatThrownBy(
            () -> policy.argv("target.postApply", CommandSpec.shell("deploy-hook"), planted))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("not found on the server's PATH (/bin)");
  }

  @Test
  void aProgramThatLiesInTheTargetRootIsNeverRun() throws Exception {
    Path root = Files.createDirectories(dir.resolve("targets/web"));
    Path script = executable(root.resolve("reload.sh"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("reload"), script);
    CommandPolicy byPath = new CommandPolicy(true, List.of(script.toString()), "/bin");
    CommandPolicy byName = new CommandPolicy(true, List.of("reload"), bin.toString());

    assertThatThrownBy(
            () -> byPath.argv("target.postApply", CommandSpec.shell(script.toString()), root))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("lies in " + root)
        .hasMessageContaining("a file from Git is never run");
    assertThatThrownBy(() -> byName.argv("target.healthCheck", CommandSpec.shell("reload"), root))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessageContaining("would run " + link);
  }

  @Test
  void everyCommandOfAnEnvironmentIsChecked() {
    CommandPolicy policy = CommandPolicy.allowing("nginx");
    Environment render =
        environment(
            new RendererSpec.Command(command("kustomize", "build", ".")),
            TargetSpec.Directory.at(Path.of("/srv/web")));
    Environment health =
        environment(
            RendererSpec.files(),
            new TargetSpec.Directory(
                Path.of("/srv/web"),
                CommandSpec.shell("nginx -s reload"),
                CommandSpec.shell("curl -fsS http://localhost/"),
                null));

    assertThatThrownBy(() -> policy.check(render))
        .isInstanceOfSatisfying(
            CommandRefusedException.class,
            e -> assertThat(e.details()).containsEntry("field", "renderCommand"));
    assertThatThrownBy(() -> policy.check(health))
        .isInstanceOfSatisfying(
            CommandRefusedException.class,
            e ->
                assertThat(e.details())
                    .containsEntry("field", "target.healthCheck")
                    .containsEntry("command", "curl"));
    policy.check(environment(RendererSpec.files(), TargetSpec.Directory.at(Path.of("/srv/web"))));
  }

  @Test
  void theAllowListHoldsAbsolutePathsOrBareNames() {
    assertThatThrownBy(() -> new CommandPolicy(true, List.of("bin/reload"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("commands.allowed holds absolute paths or bare program names, not: bin/reload");
    assertThatThrownBy(() -> new CommandPolicy(true, List.of(" nginx"), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new CommandPolicy(true, null, null).searchPathVariable())
        .isEqualTo(CommandPolicy.DEFAULT_PATH);
  }

  private static Environment environment(RendererSpec renderer, TargetSpec target) {
    return new Environment(
        EnvironmentName.of("web"),
        SourceName.of("site"),
        "main",
        "",
        renderer,
        null,
        target,
        null,
        null);
  }

  private static String resolved(String program) {
    for (String dir : CommandPolicy.allowing().searchPathVariable().split(":")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(program + " is not on this machine's PATH");
  }

  private static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\necho ran\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
