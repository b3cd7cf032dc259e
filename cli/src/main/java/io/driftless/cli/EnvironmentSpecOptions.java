package io.driftless.cli;

import io.driftless.api.model.DecryptedFilesBody;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.IgnoreBody;
import io.driftless.api.model.NotificationTargetBody;
import io.driftless.cli.client.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that describe an environment, shared by {@code env add} (everything new) and {@code
 * env set} (only what is given changes): where it comes from, what a diff ignores or hides, SOPS
 * decryption and notifications here; the target, rendering, variables, sync and promotion in their
 * own groups. Every field is null when its option is absent.
 */
final class EnvironmentSpecOptions {
  @Option(names = "--source", paramLabel = "SOURCE", description = "The registered source.")
  String source;

  @Option(names = "--ref", paramLabel = "REF", description = "Branch or tag (add: main).")
  String ref;

  @Option(names = "--path", paramLabel = "DIR", description = "Directory in the repository.")
  String path;

  @Mixin TargetOptions target;

  @Mixin RenderOptions render;

  @Mixin VariableOptions variables;

  @Mixin SyncOptions sync;

  @Mixin PromotionOptions promotion;

  @Option(
      names = "--ignore",
      paramLabel = "RULE",
      description =
          "kubernetes: differences that never count, as Argo CD's ignoreDifferences:"
              + " KIND[.GROUP][/[NAMESPACE/]NAME]=POINTER[,POINTER], e.g."
              + " 'Deployment.apps/web=/spec/replicas' ('*' for every kind of the group;"
              + " repeatable; on env set the given rules replace the stored ones).")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--no-ignore", description = "env set: remove every ignore rule.")
  boolean noIgnore;

  @Option(
      names = "--sensitive",
      paramLabel = "GLOB",
      description =
          "Files whose contents are sensitive values, compared by a keyed hash and never shown,"
              + " e.g. '**/*.key' (Kubernetes Secrets always are; repeatable; on env set the given"
              + " globs replace the stored ones).")
  List<String> sensitive = new ArrayList<>();

  @Option(names = "--no-sensitive", description = "env set: remove every sensitive glob.")
  boolean noSensitive;

  @Option(
      names = "--decrypt",
      negatable = true,
      description =
          "Decrypt SOPS files during a sync (the default); --no-decrypt applies them as in Git.")
  Boolean decrypt;

  @Option(
      names = "--decrypted-mode",
      paramLabel = "MODE",
      description =
          "The mode of the files written decrypted from SOPS files, in octal, e.g. 0640 (default"
              + " 0600: for the owner only).")
  String decryptedMode;

  @Option(
      names = "--notify",
      paramLabel = "TYPE=URL[,secret-file=FILE][,events=E|E]",
      description =
          "Send this environment's notifications to a webhook or slack URL, e.g."
              + " 'slack=https://hooks.slack.com/services/T/B/X,events=run.failed|drift.detected';"
              + " a webhook's HMAC secret is read from secret-file (repeatable; set: replaces"
              + " every target).")
  List<String> notify = new ArrayList<>();

  @Option(names = "--no-notify", description = "set: remove every notification target.")
  boolean noNotify;

  /** The {@code decryption} of a request or patch; null when {@code --decrypted-mode} is absent. */
  DecryptedFilesBody decryption() {
    return decryptedMode == null ? null : new DecryptedFilesBody(decryptedMode);
  }

  /** The {@code --ignore} rules; null when neither it nor {@code --no-ignore} is given. */
  List<IgnoreBody> ignoreRules() {
    return replacement(ignore, noIgnore, "--ignore", Inputs::ignoreRule);
  }

  /** The {@code --sensitive} globs; null when neither it nor {@code --no-sensitive} is given. */
  List<String> sensitive() {
    return replacement(sensitive, noSensitive, "--sensitive", Function.identity());
  }

  /** The {@code --notify} targets; null when neither it nor {@code --no-notify} is given. */
  List<NotificationTargetBody> notifications() {
    return replacement(notify, noNotify, "--notify", Inputs::notification);
  }

  /**
   * What a repeatable {@code option} and its {@code --no-} form ask for: the given values read,
   * none at all, or null (keep what there is) when neither is given.
   */
  private static <T> List<T> replacement(
      List<String> given, boolean none, String option, Function<String, T> read) {
    if (none && !given.isEmpty()) {
      throw new CliException("give " + option + " or --no-" + option.substring(2) + ", not both");
    }
    if (none) {
      return List.of();
    }
    return given.isEmpty() ? null : given.stream().map(read).toList();
  }

  /** Where an environment comes from, as people write it: {@code source ref:path}. */
  static String describe(EnvironmentResponse e) {
    return e.source() + " " + e.ref() + (e.path().isEmpty() ? "" : ":" + e.path());
  }
}
