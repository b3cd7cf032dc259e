package io.driftless.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code driftless} command; {@link Subcommands} lists and adds its subcommands. */
@Command(
    name = "driftless",
    mixinStandardHelpOptions = true,
    versionProvider = Driftless.Version.class,
    description = "GitOps: keep environments equal to Git.")
public final class Driftless {

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The whole command tree. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /** The tree as far as {@code args} need it. */
  static CommandLine commandLine(String... args) {
    return Failures.install(Subcommands.addTo(new CommandLine(new Driftless()), args));
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
