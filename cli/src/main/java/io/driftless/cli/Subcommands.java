package io.driftless.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Every subcommand of {@code driftless}, added to the command line only when needed: picocli reads
 * the annotations of every command it is given, and doing so for all of them costs more than the
 * REST call of {@code driftless env list}. A call names one command, so only that one is read;
 * help, completion and anything unknown get the whole tree.
 */
final class Subcommands {
  /** Classes, not instances or lambdas: a class literal loads nothing it refers to. */
  private static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("server", ServerCommand.class);
    ALL.put("demo", DemoCommand.class);
    ALL.put("db", DbCommand.class);
    ALL.put("login", LoginCommand.class);
    ALL.put("source", SourceCommand.class);
    ALL.put("env", EnvCommand.class);
    ALL.put("token", TokenCommand.class);
    ALL.put("credential", CredentialCommand.class);
    ALL.put("sync", SyncCommand.class);
    ALL.put("diff", DiffCommand.class);
    ALL.put("runs", RunsCommand.class);
    ALL.put("run", RunCommand.class);
    ALL.put("rollback", RollbackCommand.class);
    ALL.put("promote", PromoteCommand.class);
    ALL.put("unpin", PinCommands.Unpin.class);
    ALL.put("suspend", PinCommands.Suspend.class);
    ALL.put("resume", PinCommands.Resume.class);
    ALL.put("apply", ApplyCommand.class);
    ALL.put("export", ExportCommand.class);
    ALL.put("audit", AuditCommand.class);
    ALL.put("render", RenderCommand.class);
    ALL.put("secrets", SecretsCommand.class);
    ALL.put("completion", CompletionCommand.class);
    ALL.put("help", CommandLine.HelpCommand.class);
  }

  private Subcommands() {}

  /** Adds the subcommand that {@code args} names, or all of them. */
  static CommandLine addTo(CommandLine root, String... args) {
    String first = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        first = arg;
        break;
      }
    }
    boolean whole = first == null || first.equals("help") || first.equals("completion");
    if (!whole && ALL.containsKey(first)) {
      root.addSubcommand(first, ALL.get(first));
    } else {
      ALL.forEach(root::addSubcommand);
    }
    return root;
  }
}
