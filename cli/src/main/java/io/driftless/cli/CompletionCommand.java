package io.driftless.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code driftless completion bash}: the completion script, generated from the commands. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script (bash; zsh after 'autoload -U +X bashcompinit &&"
          + " bashcompinit').",
      "  source <(driftless completion bash)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash or zsh (default: ${DEFAULT-VALUE}).")
  Shell shell;

  enum Shell {
    bash,
    zsh
  }

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("driftless", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
