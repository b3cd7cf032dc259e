package io.driftless.engine.process;

import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which programs the server may start, from its configuration: {@code commands.enabled} (off by
 * default) and {@code commands.allowed}, absolute paths or bare names. The one rule for every
 * command an environment names (post-apply, health check, render command, a kubeconfig's {@code
 * exec} plugin, and later commands over SSH), asked when an environment is registered or changed (a
 * refusal is a 422 naming the field) and again before each run (a refusal fails the run).
 *
 * <p>An entry admits exactly what it names: {@code nginx} admits the program {@code nginx} as found
 * on the server's search path, {@code /usr/sbin/nginx} that file. A relative path such as {@code
 * ./reload.sh} never runs, and a bare name is looked up only in the absolute directories of the
 * server's {@code PATH}, never in a target root or a checkout, so a file from Git is never
 * executed. A command given as one string is split into words and run without a shell when it is
 * plain words; one with shell syntax ({@code $}, {@code ;}, {@code |}, quotes, ...) runs through
 * {@code /bin/sh -c} and needs {@code sh} (or {@code /bin/sh}) listed, which admits any program.
 */
public final class CommandPolicy {
  /** The configuration setting a refusal names. */
  public static final String SETTING = "commands";

  /** The search path when the server's {@code PATH} has no absolute directory. */
  public static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static final String SHELL = "/bin/sh";
  private static final Pattern PLAIN_WORDS =
      Pattern.compile("[A-Za-z0-9_@%+=:,./-]+([ \t]+[A-Za-z0-9_@%+=:,./-]+)*");

  private final boolean enabled;
  private final List<String> allowed;
  private final List<Path> searchPath;

  /**
   * @param allowed absolute paths or bare names; null for none
   * @param pathVariable the {@code PATH} bare names are looked up in; relative and empty entries
   *     are dropped; null or nothing absolute for {@link #DEFAULT_PATH}
   */
  public CommandPolicy(boolean enabled, List<String> allowed, String pathVariable) {
    this.enabled = enabled;
    List<String> entries = new ArrayList<>();
    for (String entry : allowed == null ? List.<String>of() : allowed) {
      entries.add(allowedEntry(entry));
    }
    this.allowed = List.copyOf(entries);
    this.searchPath = searchPath(pathVariable);
  }

  /** No command at all: the default. */
  public static CommandPolicy off() {
    return new CommandPolicy(false, List.of(), null);
  }

  /** Commands on, exactly these programs, looked up on this process's {@code PATH}. */
  public static CommandPolicy allowing(String... programs) {
    return new CommandPolicy(true, List.of(programs), System.getenv("PATH"));
  }

  public boolean enabled() {
    return enabled;
  }

  public List<String> allowed() {
    return allowed;
  }

  /** The {@code PATH} to give a process: the absolute directories bare names are looked up in. */
  public String searchPathVariable() {
    return String.join(":", searchPath.stream().map(Path::toString).toList());
  }

  /**
   * Checks every command an environment names: its render command ({@code renderCommand}) and a
   * directory or ssh target's {@code target.postApply} and {@code target.healthCheck}. Pure: reads
   * no file, so a program not installed yet is not refused here.
   *
   * @throws CommandRefusedException naming the first field whose command is not allowed
   */
  public void check(Environment environment) {
    if (environment.renderer() instanceof RendererSpec.Command render) {
      check("renderCommand", render.command());
    }
    if (environment.target() instanceof TargetSpec.Directory directory) {
      directory.postApplyCommand().ifPresent(c -> check("target.postApply", c));
      directory.healthCheckCommand().ifPresent(c -> check("target.healthCheck", c));
    }
    if (environment.target() instanceof TargetSpec.Ssh ssh) {
      if (ssh.postApply() != null) {
        check("target.postApply", ssh.postApply());
      }
      if (ssh.healthCheck() != null) {
        check("target.healthCheck", ssh.healthCheck());
      }
    }
  }

  /**
   * Checks one command without reading any file.
   *
   * @param field the request field that names it, e.g. {@code target.postApply}
   * @throws CommandRefusedException when it is not allowed
   */
  public void check(String field, CommandSpec command) {
    checkProgram(field, Invocation.of(command));
  }

  /**
   * Checks a program named on its own with its arguments apart (a kubeconfig's {@code exec}).
   *
   * @throws CommandRefusedException when it is not allowed
   */
  public void checkProgram(String field, String program) {
    checkProgram(field, new Invocation(List.of(program), program));
  }

  /**
   * The argv to start for {@code command}: checked, its program resolved to an absolute file on the
   * search path, and refused when that file lies in {@code untrusted} (a target root or a checkout,
   * where repository content lives).
   *
   * @param untrusted a directory no program may be run from; null for none
   * @throws CommandRefusedException when it is not allowed, not found, or lies in {@code untrusted}
   */
  public List<String> argv(String field, CommandSpec command, Path untrusted) {
    Invocation invocation = Invocation.of(command);
    checkProgram(field, invocation);
    Path program = resolve(field, invocation);
    if (untrusted != null && lies(program, untrusted)) {
      throw wouldRun(
          field,
          invocation,
          program,
          ", which lies in "
              + untrusted
              + ", where repository content lives; a file from Git is never run");
    }
    List<String> argv = new ArrayList<>(invocation.words());
    argv.set(0, program.toString());
    return List.copyOf(argv);
  }

  /**
   * The argv to run for {@code command} on another host (over SSH), checked like a local one: the
   * same allow-list, the same shell rule. A bare program name is left for the host's own search
   * path to find, since this server's files say nothing about the host's.
   *
   * @throws CommandRefusedException when it is not allowed
   */
  public List<String> remoteArgv(String field, CommandSpec command) {
    Invocation invocation = Invocation.of(command);
    checkProgram(field, invocation);
    return invocation.words();
  }

  private void checkProgram(String field, Invocation invocation) {
    String program = invocation.program();
    if (!enabled) {
      throw wouldRun(
          field,
          invocation,
          program,
          ", but commands are off on this server; set commands.enabled: true and list "
              + program
              + " in commands.allowed to allow it");
    }
    if (program.contains("/") && !program.startsWith("/")) {
      throw wouldRun(
          field,
          invocation,
          program,
          " by a relative path, which never runs: name the program by absolute path or by a"
              + " bare name found on the server's PATH");
    }
    if (!admits(program)) {
      throw wouldRun(
          field,
          invocation,
          program,
          ", which commands.allowed does not list (allowed: "
              + (allowed.isEmpty() ? "none" : String.join(", ", allowed))
              + ")");
    }
  }

  private boolean admits(String program) {
    if (program.equals(SHELL)) {
      return allowed.contains(SHELL) || allowed.contains("sh");
    }
    return program.startsWith("/")
        ? allowed.contains(Path.of(program).normalize().toString())
        : allowed.contains(program);
  }

  private Path resolve(String field, Invocation invocation) {
    String program = invocation.program();
    if (program.startsWith("/")) {
      return Path.of(program).normalize();
    }
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw wouldRun(
        field,
        invocation,
        program,
        ", which is not found on the server's PATH (" + searchPathVariable() + ")");
  }

  /** Whether {@code file} is, or lies under, {@code dir}, comparing real paths where they exist. */
  private static boolean lies(Path file, Path dir) {
    return real(file).startsWith(real(dir));
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** A refusal that reads: {@code field `command` would run program, why}. */
  private static CommandRefusedException wouldRun(
      String field, Invocation invocation, Object runs, String why) {
    return new CommandRefusedException(
        field,
        invocation.program(),
        field + " `" + invocation.shown() + "` would run " + runs + why);
  }

  private static String allowedEntry(String entry) {
    if (entry == null
        || entry.isBlank()
        || !entry.strip().equals(entry)
        || (entry.contains("/") && !entry.startsWith("/"))) {
      throw new IllegalArgumentException(
          "commands.allowed holds absolute paths or bare program names, not: " + entry);
    }
    return entry.startsWith("/") ? Path.of(entry).normalize().toString() : entry;
  }

  private static List<Path> searchPath(String pathVariable) {
    List<Path> dirs = new ArrayList<>();
    if (pathVariable != null) {
      for (String entry : pathVariable.split(":")) {
        if (entry.startsWith("/")) {
          Path dir = Path.of(entry).normalize();
          if (!dirs.contains(dir)) {
            dirs.add(dir);
          }
        }
      }
    }
    return dirs.isEmpty() ? searchPath(DEFAULT_PATH) : List.copyOf(dirs);
  }

  /**
   * What a command starts: its words, the first being the program. One string of plain words is
   * split; one with shell syntax is {@code /bin/sh -c} with it.
   */
  private record Invocation(List<String> words, String shown) {
    static Invocation of(CommandSpec command) {
      List<String> argv = command.argv();
      String shown = String.join(" ", argv);
      if (argv.size() > 1) {
        return new Invocation(argv, shown);
      }
      String line = argv.get(0).strip();
      if (PLAIN_WORDS.matcher(line).matches()) {
        return new Invocation(List.of(line.split("[ \t]+")), shown);
      }
      return new Invocation(List.of(SHELL, "-c", argv.get(0)), shown);
    }

    String program() {
      return words.get(0);
    }
  }
}
