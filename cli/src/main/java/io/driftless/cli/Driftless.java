package io.driftless.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code driftless} command. */
@Command(
    name = "driftless",
    mixinStandardHelpOptions = true,
    versionProvider = Driftless.Version.class,
    description = "GitOps: keep environments equal to Git.",
    subcommands = {
      ServerCommand.class,
      DemoCommand.class,
      DbCommand.class,
      LoginCommand.class,
      SourceCommand.class,
      EnvCommand.class,
      TokenCommand.class,
      SyncCommand.class,
      DiffCommand.class,
      RunsCommand.class,
      RunCommand.class,
      RollbackCommand.class,
      PinCommands.Unpin.class,
      PinCommands.Suspend.class,
      PinCommands.Resume.class,
      AuditCommand.class,
      RenderCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Driftless {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return Failures.install(new CommandLine(new Driftless()));
  }

  /** The version from the jar's manifest, or {@code dev} when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Driftless.class.getPackage().getImplementationVersion();
      return new String[] {"driftless " + (v == null ? "dev" : v)};
    }
  }
}
