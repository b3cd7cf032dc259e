package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.ApplyRequest;
import io.driftless.api.model.ApplyResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftless apply -f FILE|DIR}: reconciles the registry with declarative documents through
 * {@code POST /api/v1/apply}, printing the plan.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Reconcile sources and environments with declarative documents (YAML, apiVersion"
          + " driftless.io/v1, kind Source, Environment or EnvironmentSet) in one transaction, and"
          + " print the plan.",
      "An EnvironmentSet generates one environment per directory of its source as the server"
          + " fetches it (not the local checkout); --prune retires those of removed directories.",
      "Exit 0 on success, 2 on error; with --dry-run: 0 when nothing would change, 1 when"
          + " something would, 2 on error.",
      "Example: driftless apply -f registry/ --owner platform"
    })
final class ApplyCommand extends ClientCommand {
  private static final int MAX_FILES = 1000;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE|DIR",
      description = "A YAML file, or a directory whose *.yaml and *.yml files are read.")
  Path file;

  @Option(names = "--dry-run", description = "Print the plan; change nothing.")
  boolean dryRun;

  @Option(
      names = "--owner",
      paramLabel = "NAME",
      description =
          "Who the objects belong to: REST changes to them are refused without force, and"
              + " another owner's documents need adopt: true.")
  String owner;

  @Option(
      names = "--prune",
      description =
          "Retire this owner's objects that no document names: a retired environment runs no"
              + " more and keeps its history and files (needs --owner).")
  boolean prune;

  @Override
  int run(ApiClient api, Output out) {
    if (prune && owner == null) {
      throw new CliException("--prune needs --owner: only objects applied under that owner retire");
    }
    ApplyResponse plan =
        api.post(
            "/api/v1/apply" + (dryRun ? "?dryRun=true" : ""),
            new ApplyRequest(owner, prune ? Boolean.TRUE : null, null, read(file)),
            new TypeReference<ApplyResponse>() {});
    if (out.structured()) {
      out.document(plan);
    } else {
      print(out, plan);
    }
    return dryRun && plan.changed() ? CliException.NO : CliException.OK;
  }

  /** The YAML files by their name relative to {@code path} (a file: its own name). */
  static Map<String, String> read(Path path) {
    Map<String, String> files = new TreeMap<>();
    try {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          for (Path f : walk.filter(ApplyCommand::isYaml).sorted().toList()) {
            if (files.size() == MAX_FILES) {
              throw new CliException(path + " holds more than " + MAX_FILES + " YAML files");
            }
            files.put(
                path.relativize(f).toString().replace('\\', '/'),
                Files.readString(f, StandardCharsets.UTF_8));
          }
        }
      } else {
        files.put(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new CliException("cannot read " + path + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new CliException(path + " holds no .yaml or .yml file");
    }
    return files;
  }

  private static boolean isYaml(Path f) {
    String name = f.getFileName().toString();
    return Files.isRegularFile(f) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private void print(Output out, ApplyResponse plan) {
    for (ApplyResponse.PlannedObject o : plan.plan()) {
      String object = o.kind() + " " + o.name() + " (" + o.file() + ")";
      out.say(
          switch (o.action()) {
            case "add" -> out.green("+ add " + object);
            case "change" ->
                out.yellow("~ change " + object + ": " + String.join(", ", o.fields()));
            case "retire" -> out.red("- retire " + object);
            default -> "  unchanged " + object;
          });
    }
    String verb = plan.dryRun() ? "Would apply: " : "Applied: ";
    out.say(out.bold(plan.changed() ? verb + plan.summary() : "No changes: " + plan.summary()));
  }
}
