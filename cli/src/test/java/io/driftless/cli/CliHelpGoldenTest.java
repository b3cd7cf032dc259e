package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.testing.GoldenFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The {@code --help} of every command and subcommand, recorded under {@code golden/help/} (one file
 * per command: {@code driftless-env-list.txt} is {@code driftless env list --help}). A change of
 * any option, description or command shows here as a diff; record an intended one with {@code
 * -Ddriftless.golden.update=true}, which also deletes the files of commands that are gone.
 */
class CliHelpGoldenTest {
  static final String FOLDER = "golden/help/";

  /** Every command path, {@code driftless} itself first, as picocli's tree holds them. */
  static List<String> commands() {
    List<String> all = new ArrayList<>();
    collect(Driftless.commandLine(), "", all);
    return all;
  }

  private static void collect(CommandLine cli, String parent, List<String> into) {
    String path = (parent + " " + cli.getCommandName()).trim();
    into.add(path);
    // A subcommand's aliases map to the same CommandLine: each command once.
    cli.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, path, into));
  }

  static String file(String command) {
    return FOLDER + command.replace(' ', '-') + ".txt";
  }

  /** What {@code command --help} prints, run as {@code main} runs it, without colors. */
  static String help(String command) {
    List<String> words = new ArrayList<>(List.of(command.split(" ")));
    words.remove(0);
    words.add("--help");
    String[] args = words.toArray(String[]::new);
    CommandLine cli = Driftless.commandLine(args);
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    assertThat(exit).as(command + " --help: " + err).isZero();
    assertThat(err.toString()).as(command + " --help").isEmpty();
    return out.toString();
  }

  static Stream<String> everyCommand() {
    return commands().stream();
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("everyCommand")
  void helpIsTheGoldenOne(String command) {
    GoldenFile.at(file(command)).assertMatches(help(command));
  }

  @Test
  void theTreeHoldsEveryTopLevelCommand() {
    List<String> commands = commands();
    assertThat(commands.get(0)).isEqualTo("driftless");
    assertThat(commands)
        .contains("driftless env list", "driftless db migrate", "driftless secrets encrypt")
        .doesNotHaveDuplicates();
  }

  @Test
  void everyGoldenFileIsTheHelpOfACommand() throws IOException {
    Path folder = GoldenFile.at(FOLDER).file();
    TreeSet<String> expected = new TreeSet<>();
    commands().forEach(c -> expected.add(GoldenFile.at(file(c)).file().getFileName().toString()));
    TreeSet<String> recorded = new TreeSet<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        files.forEach(f -> recorded.add(f.getFileName().toString()));
      }
    }
    if (GoldenFile.updating()) {
      for (String stale : recorded) {
        if (!expected.contains(stale)) {
          Files.delete(folder.resolve(stale));
        }
      }
      return;
    }
    assertThat(recorded).as("files in " + folder).isEqualTo(expected);
  }
}
