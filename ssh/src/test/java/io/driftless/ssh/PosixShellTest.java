package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PosixShellTest {
  private static final List<String> NASTY =
      List.of(
          "plain",
          "",
          "two words",
          "it's",
          "'",
          "''",
          "\"double\"",
          "$HOME",
          "${PATH}",
          "$(touch pwned)",
          "`touch pwned`",
          "; touch pwned",
          "a && touch pwned",
          "| touch pwned",
          "> pwned",
          "*",
          "~",
          "a=b",
          "back\\slash",
          "line\nbreak",
          "tab\there",
          "-n",
          "ünïcödé ✓");

  @TempDir Path tmp;

  /** Each argument reaches the program as exactly itself, through real shells. */
  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/bash", "/bin/dash"})
  void everyArgumentArrivesUnchanged(String shell) throws Exception {
    if (!Files.isExecutable(Path.of(shell))) {
      return;
    }
    List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
    argv.addAll(NASTY);
    Process process =
        new ProcessBuilder(shell, "-c", PosixShell.command(argv))
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();

    assertThat(output.split("\0", -1)).containsExactlyElementsOf(withEmptyTail(NASTY));
    try (var files = Files.list(tmp)) {
      assertThat(files).as("nothing was run but printf").isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\0"})
  void refusesWhatNoArgvCanCarry(String bad) {
    if (bad.isEmpty()) {
      assertThatThrownBy(() -> PosixShell.command(List.of()))
          .hasMessageContaining("at least the program");
    } else {
      assertThatThrownBy(() -> PosixShell.command(List.of("echo", "a" + bad)))
          .hasMessageContaining("NUL");
    }
  }

  private static List<String> withEmptyTail(List<String> args) {
    List<String> expected = new ArrayList<>(args);
    expected.add(""); // after the last NUL
    return expected;
  }
}
