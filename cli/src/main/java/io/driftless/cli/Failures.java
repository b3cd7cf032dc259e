package io.driftless.cli;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.cli.client.CliException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * How every command fails: one line on standard error that says what is wrong and what to do, and
 * an exit code; the stack trace only with {@code --verbose}.
 */
final class Failures {
  private Failures() {}

  static CommandLine install(CommandLine cli) {
    cli.setExecutionExceptionHandler(Failures::execution);
    cli.setParameterExceptionHandler(Failures::parameter);
    return cli;
  }

  private static int execution(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int code = e instanceof CliException c ? c.exitCode() : CliException.ERROR;
    err.println(cmd.getColorScheme().errorText("error: ") + message);
    if (verbose(parsed)) {
      e.printStackTrace(err);
    } else if (!(e instanceof CliException) && !(e instanceof InvalidFieldException)) {
      err.println("(run again with --verbose for the details)");
    }
    err.flush();
    return code;
  }

  private static int parameter(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String guess = "";
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      guess =
          "did you mean "
              + String.join(
                  " or ", u.getSuggestions().subList(0, Math.min(2, u.getSuggestions().size())))
              + "? ";
    }
    err.println(
        cmd.getColorScheme().errorText("error: ")
            + e.getMessage()
            + " ("
            + guess
            + "see '"
            + cmd.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return CliException.ERROR;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
