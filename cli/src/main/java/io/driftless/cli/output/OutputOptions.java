package io.driftless.cli.output;

import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How a command prints: {@code -o}, colour, and whether an error shows its stack trace. */
public final class OutputOptions {
  /** The process environment ({@code NO_COLOR}, {@code DRIFTLESS_*}); tests replace it. */
  public static UnaryOperator<String> environment = System::getenv;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table (default), json or yaml.")
  Output.Format format = Output.Format.table;

  @Option(names = "--no-color", description = "No colours, even on a terminal.")
  boolean noColor;

  @Option(names = "--verbose", description = "Show the cause of an error with its stack trace.")
  boolean verbose;

  public Output output(CommandSpec spec) {
    return new Output(
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        format,
        !noColor && System.console() != null && environment.apply("NO_COLOR") == null);
  }
}
