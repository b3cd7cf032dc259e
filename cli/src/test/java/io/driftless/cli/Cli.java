package io.driftless.cli;

import io.driftless.api.testing.TestServer;
import io.dropwizard.testing.ConfigOverride;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the driftless command in the test process, as a user would type it. */
final class Cli {
  private final List<String> common;

  Cli(String... common) {
    this.common = List.of(common);
  }

  /** The server the CLI tests run against: {@code cli-test-config.yml} with {@code overrides}. */
  static TestServer server(ConfigOverride... overrides) {
    return new TestServer("cli-test-config.yml", null, overrides);
  }

  /** The command as the server's admin runs it. */
  static Cli admin(TestServer server) {
    return new Cli("--server", server.baseUrl(), "--token", server.adminToken());
  }

  /** The same command line plus more options on every call. */
  Cli with(String... more) {
    List<String> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return new Cli(all.toArray(String[]::new));
  }

  /** One invocation: the exit code and what went to standard output and standard error. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Driftless.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    // Options go after the subcommand path, which is every leading word without a dash.
    int at = 0;
    while (at < all.size() && !all.get(at).startsWith("-") && isCommand(all.subList(0, at + 1))) {
      at++;
    }
    all.addAll(at, common);
    int exit = cli.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }

  /**
   * Runs {@code args} and fails the test, showing the result, unless it exited with {@code exit}.
   */
  Result expect(int exit, String... args) {
    Result result = run(args);
    if (result.exit() != exit) {
      throw new AssertionError("expected exit " + exit + ": " + args[0] + "\n" + result);
    }
    return result;
  }

  private static final picocli.CommandLine TREE = Driftless.commandLine();

  private static boolean isCommand(List<String> words) {
    var cli = TREE;
    for (String w : words) {
      cli = cli.getSubcommands().get(w);
      if (cli == null) {
        return false;
      }
    }
    return true;
  }
}
