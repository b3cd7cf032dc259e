package io.driftless.cli;

import io.driftless.api.model.CommandBody;
import io.driftless.api.model.DecryptedFilesBody;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.IgnoreBody;
import io.driftless.api.model.NotificationTargetBody;
import io.driftless.api.model.PromotionBody;
import io.driftless.api.model.SyncPolicyBody;
import io.driftless.api.model.TargetBody;
import io.driftless.api.model.VariablesBody;
import io.driftless.cli.client.CliException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that describe an environment, shared by {@code env add} (everything new) and {@code
 * env set} (only what is given changes). Every field is null when its option is absent.
 */
final class EnvironmentSpecOptions {
  @Option(names = "--source", paramLabel = "SOURCE", description = "The registered source.")
  String source;

  @Option(names = "--ref", paramLabel = "REF", description = "Branch or tag (add: main).")
  String ref;

  @Option(names = "--path", paramLabel = "DIR", description = "Directory in the repository.")
  String path;

  @Option(
      names = "--target",
      paramLabel = "TYPE",
      description =
          "directory, kubernetes, ssh or driftless (a config environment: its path holds"
              + " documents applied to the registry) (add: kubernetes when a kubernetes option is"
              + " given, ssh when an ssh option is, driftless when a scope option is, else"
              + " directory).")
  String targetType;

  @Option(
      names = "--scope-source",
      paramLabel = "SOURCE",
      split = ",",
      description =
          "driftless: a source its documents may declare and use (repeatable; default every"
              + " source).")
  List<String> scopeSources;

  @Option(
      names = "--scope-root",
      paramLabel = "DIR",
      split = ",",
      description =
          "driftless: an absolute directory its documents' target roots must lie under; a"
              + " relative root in a document resolves under the first (repeatable; default the"
              + " server's allowed roots).")
  List<String> scopeRoots;

  @Option(
      names = "--scope-namespace",
      paramLabel = "NS",
      split = ",",
      description =
          "driftless: a Kubernetes namespace its documents' targets may use (repeatable; default"
              + " any).")
  List<String> scopeNamespaces;

  @Option(
      names = "--scope-commands",
      paramLabel = "BOOL",
      arity = "0..1",
      description =
          "driftless: whether its documents' environments may run commands (default false; the"
              + " server's command policy applies on top).")
  Boolean scopeCommands;

  @Option(
      names = "--deletion",
      paramLabel = "HOW",
      description =
          "driftless: orphan (default: a retired environment's target files stay) or cascade"
              + " (they are pruned by inventory first).")
  String deletion;

  @Option(
      names = {"--target-root", "--root"},
      paramLabel = "DIR",
      description =
          "directory: absolute directory on the server host, under its allowed roots; ssh: the"
              + " same on every host, under targets.ssh.allowedRoots.")
  String targetRoot;

  @Option(
      names = "--host",
      paramLabel = "HOST[:PORT]",
      split = ",",
      description =
          "ssh: a host to keep, as name or address with an optional port (repeatable; set:"
              + " replaces the list).")
  List<String> hosts;

  @Option(names = "--user", paramLabel = "NAME", description = "ssh: the login name on the hosts.")
  String user;

  @Option(
      names = "--credential",
      paramLabel = "NAME",
      description = "ssh: the named ssh-key credential to log in with (driftless credential add).")
  String credential;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description =
          "ssh: a known_hosts file pinning every host's key, e.g. from ssh-keyscan checked by"
              + " hand; required: host keys are never trusted on first use.")
  Path knownHosts;

  @Option(
      names = "--batches",
      paramLabel = "STEP",
      split = ",",
      description =
          "ssh: the rollout's batches, as cumulative host counts or shares, e.g. 1,25%,100%"
              + " (default 100%).")
  List<String> batches;

  @Option(
      names = "--max-parallel",
      paramLabel = "N",
      description = "ssh: hosts of a batch worked on at once (default 10).")
  Integer maxParallel;

  @Option(
      names = "--stop-on-failure",
      negatable = true,
      description = "ssh: a failed host stops the rollout before the next batch (default no).")
  Boolean stopOnFailure;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "kubernetes: absolute kubeconfig path on the server (none: in-cluster service account).")
  String kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "kubernetes: context in the kubeconfig (default: its current context).")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "kubernetes: where objects that name no namespace go (default: default).")
  String namespace;

  @Option(
      names = "--force-conflicts",
      negatable = true,
      description =
          "kubernetes: server-side apply takes over fields other managers own (default: yes).")
  Boolean forceConflicts;

  @Option(
      names = "--prune-propagation",
      paramLabel = "POLICY",
      description = "kubernetes: foreground (default), background or orphan, as kubectl --cascade.")
  String prunePropagation;

  @Option(
      names = "--allowed-namespace",
      paramLabel = "NS",
      split = ",",
      description =
          "kubernetes: a namespace its objects may be in, '*' for any (default: --namespace).")
  List<String> allowedNamespaces;

  @Option(
      names = "--allowed-kind",
      paramLabel = "KIND",
      split = ",",
      description =
          "kubernetes: a kind it may manage (Kind or group/Kind), '*' for every namespaced kind"
              + " (the default); cluster-scoped kinds such as Namespace only when named.")
  List<String> allowedKinds;

  @Option(
      names = "--renderer",
      paramLabel = "NAME",
      description = "files (directory default), manifests (kubernetes default) or command.")
  String renderer;

  @Option(
      names = "--render-command",
      paramLabel = "ARGV",
      description =
          "the command whose output is the manifests, split like a shell line, e.g."
              + " 'kustomize build .' or 'helm template web . -f \"values prod.yaml\"'"
              + " (implies --renderer command).")
  String renderCommand;

  @Option(
      names = "--render-timeout",
      paramLabel = "DURATION",
      description = "how long --render-command may run, e.g. 60s.")
  String renderTimeout;

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

  /** The {@code decryption} of a request or patch; null when {@code --decrypted-mode} is absent. */
  DecryptedFilesBody decryption() {
    return decryptedMode == null ? null : new DecryptedFilesBody(decryptedMode);
  }

  @Option(
      names = "--promote-from",
      paramLabel = "ENV",
      description =
          "Receive promotions from this environment of the same source (POST"
              + " .../promote copies its healthy revision's files here).")
  String promoteFrom;

  @Option(
      names = "--promote-path",
      paramLabel = "GLOB",
      description =
          "Which files a promotion carries, relative to the path, e.g. 'release/**' (repeatable;"
              + " default every file; on env set the given globs replace the stored ones).")
  List<String> promotePaths = new ArrayList<>();

  @Option(
      names = "--promote-via",
      paramLabel = "MODE",
      description = "How a promotion arrives: pull-request (default) or commit.")
  String promoteVia;

  @Option(
      names = "--promote-after-healthy",
      paramLabel = "DURATION",
      description =
          "Promote on its own once the --promote-from environment has stayed on a healthy"
              + " revision this long with no failed run since, once per revision, e.g. 10m"
              + " ('off' on env set: only people promote).")
  String promoteAfterHealthy;

  @Option(names = "--no-promotion", description = "env set: remove the promotion rule.")
  boolean noPromotion;

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

  @Option(
      names = "--post-apply",
      paramLabel = "CMD",
      description = "Shell command run after a change is applied, e.g. 'nginx -s reload'.")
  String postApply;

  @Option(
      names = "--health-check",
      paramLabel = "CMD",
      description = "Shell command that exits 0 when the target is healthy.")
  String healthCheck;

  @Option(
      names = "--health-timeout",
      paramLabel = "DURATION",
      description = "How long health may take to pass, e.g. 60s.")
  String healthTimeout;

  @Mixin VarOption vars;

  @Option(
      names = "--unset-var",
      paramLabel = "NAME",
      description = "set: remove a variable (repeatable).")
  List<String> unsetVars = new ArrayList<>();

  @Option(
      names = "--var-files",
      paramLabel = "GLOB",
      description = "Files that get variables substituted, e.g. '*.env' (repeatable; replaces).")
  List<String> varFiles;

  @Option(
      names = "--variables-from",
      paramLabel = "FILE",
      description =
          "A SOPS dotenv, YAML or JSON file in the environment's path whose decrypted values are"
              + " variables too (repeatable; replaces).")
  List<String> variablesFrom;

  @Option(names = "--auto", negatable = true, description = "Sync on every new commit.")
  Boolean auto;

  @Option(names = "--prune", negatable = true, description = "Delete what left Git.")
  Boolean prune;

  @Option(names = "--self-heal", negatable = true, description = "Undo drift made by hand.")
  Boolean selfHeal;

  @Option(
      names = "--auto-rollback",
      negatable = true,
      description = "Roll back when health fails after a sync.")
  Boolean autoRollback;

  @Option(names = "--interval", paramLabel = "DURATION", description = "Check every, e.g. 5m.")
  String interval;

  @Option(names = "--cron", paramLabel = "EXPR", description = "Quartz cron instead of interval.")
  String cron;

  @Option(names = "--time-zone", paramLabel = "ZONE", description = "Zone of --cron.")
  String timeZone;

  /**
   * The variables: the current ones (if any) with {@code --var} set and {@code --unset-var} gone.
   */
  VariablesBody variables(VariablesBody current) {
    if (!vars.given() && unsetVars.isEmpty() && varFiles == null && variablesFrom == null) {
      return current;
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (current != null && current.values() != null) {
      values.putAll(current.values());
    }
    values.putAll(vars.values());
    unsetVars.forEach(values::remove);
    List<String> files =
        varFiles != null ? varFiles : current == null ? List.of() : current.files();
    List<String> from =
        variablesFrom != null
            ? variablesFrom
            : current == null || current.from() == null ? List.of() : current.from();
    return new VariablesBody(values, files, from);
  }

  /**
   * The target: the current one (if any) with the given options replacing its fields; a new type
   * starts afresh (only health timeout carries over).
   */
  TargetBody target(TargetBody current) {
    boolean kubernetesOptions =
        kubeconfig != null
            || context != null
            || namespace != null
            || forceConflicts != null
            || prunePropagation != null
            || allowedNamespaces != null
            || allowedKinds != null;
    boolean sshOptions =
        hosts != null
            || user != null
            || credential != null
            || knownHosts != null
            || batches != null
            || maxParallel != null
            || stopOnFailure != null;
    boolean directoryOptions = targetRoot != null || postApply != null || healthCheck != null;
    boolean registryOptions =
        scopeSources != null
            || scopeRoots != null
            || scopeNamespaces != null
            || scopeCommands != null
            || deletion != null;
    String type =
        targetType != null
            ? targetType
            : current != null
                ? current.type()
                : kubernetesOptions
                    ? "kubernetes"
                    : sshOptions ? "ssh" : registryOptions ? "driftless" : "directory";
    if (!type.equals("driftless") && registryOptions) {
      throw new CliException(
          "--scope-source, --scope-root, --scope-namespace, --scope-commands and --deletion apply"
              + " to a config environment: add --target driftless");
    }
    if (type.equals("driftless")) {
      return registry(current != null && current.type().equals(type) ? current : null);
    }
    if (!type.equals("ssh") && sshOptions) {
      throw new CliException(
          "--host, --user, --credential, --known-hosts, --batches, --max-parallel and"
              + " --stop-on-failure apply to an ssh target: add --target ssh");
    }
    if (type.equals("kubernetes") && directoryOptions) {
      throw new CliException(
          "--target-root, --post-apply and --health-check apply to a directory target, not"
              + " kubernetes");
    }
    if (type.equals("directory") && kubernetesOptions) {
      throw new CliException(
          "--kubeconfig, --context, --namespace, --force-conflicts and --prune-propagation apply"
              + " to a kubernetes target: add --target kubernetes");
    }
    TargetBody same = current != null && current.type().equals(type) ? current : null;
    if (same != null
        && targetType == null
        && !kubernetesOptions
        && !directoryOptions
        && !sshOptions
        && healthTimeout == null) {
      return current;
    }
    String timeout =
        healthTimeout != null ? healthTimeout : current == null ? null : current.healthTimeout();
    if (type.equals("ssh")) {
      return ssh(same, timeout);
    }
    if (type.equals("kubernetes")) {
      return new TargetBody(
          type,
          null,
          null,
          null,
          timeout,
          kubeconfig != null ? kubeconfig : same == null ? null : same.kubeconfig(),
          context != null ? context : same == null ? null : same.context(),
          namespace != null ? namespace : same == null ? null : same.namespace(),
          forceConflicts != null ? forceConflicts : same == null ? null : same.forceConflicts(),
          prunePropagation != null
              ? prunePropagation
              : same == null ? null : same.prunePropagation(),
          allowedNamespaces != null
              ? allowedNamespaces
              : same == null ? null : same.allowedNamespaces(),
          allowedKinds != null ? allowedKinds : same == null ? null : same.allowedKinds(),
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    if (targetRoot == null && same == null && type.equals("directory")) {
      throw new CliException("--target-root is required: the directory the environment is kept in");
    }
    return new TargetBody(
        type,
        targetRoot != null ? targetRoot : same == null ? null : same.root(),
        postApply != null ? command(postApply) : same == null ? null : same.postApply(),
        healthCheck != null ? command(healthCheck) : same == null ? null : same.healthCheck(),
        timeout);
  }

  /** A config environment's target: the given scope options over the current one's. */
  private TargetBody registry(TargetBody same) {
    TargetBody.ScopeBody was = same == null ? null : same.scope();
    TargetBody.ScopeBody scope =
        new TargetBody.ScopeBody(
            scopeSources != null ? scopeSources : was == null ? null : was.sources(),
            scopeRoots != null ? scopeRoots : was == null ? null : was.roots(),
            scopeNamespaces != null ? scopeNamespaces : was == null ? null : was.namespaces(),
            scopeCommands != null ? scopeCommands : was == null ? null : was.commands());
    return TargetBody.registry(
        scope, deletion != null ? deletion : same == null ? null : same.deletion());
  }

  /** An ssh target: the given options over the current one's fields. */
  private TargetBody ssh(TargetBody same, String timeout) {
    if (same == null) {
      List<String> missing = new ArrayList<>();
      if (hosts == null) {
        missing.add("--host");
      }
      if (user == null) {
        missing.add("--user");
      }
      if (credential == null) {
        missing.add("--credential");
      }
      if (knownHosts == null) {
        missing.add("--known-hosts");
      }
      if (targetRoot == null) {
        missing.add("--root");
      }
      if (!missing.isEmpty()) {
        throw new CliException("an ssh target needs " + String.join(", ", missing));
      }
    }
    TargetBody.StrategyBody was = same == null ? null : same.strategy();
    TargetBody.StrategyBody strategy =
        batches == null && maxParallel == null && stopOnFailure == null
            ? was
            : new TargetBody.StrategyBody(
                batches != null ? batches : was == null ? null : was.batches(),
                maxParallel != null ? maxParallel : was == null ? null : was.maxParallel(),
                stopOnFailure != null ? stopOnFailure : was == null ? null : was.stopOnFailure());
    return TargetBody.ssh(
        targetRoot != null ? targetRoot : same.root(),
        postApply != null ? command(postApply) : same == null ? null : same.postApply(),
        healthCheck != null ? command(healthCheck) : same == null ? null : same.healthCheck(),
        timeout,
        hosts != null ? hosts : same.hosts(),
        user != null ? user : same.user(),
        credential != null ? credential : same.credential(),
        knownHosts != null ? Inputs.secret(knownHosts, "known_hosts") : same.knownHosts(),
        strategy);
  }

  /** The renderer for {@code env add}: the kubernetes default is manifests. */
  String renderer(TargetBody target) {
    if (renderer != null) {
      return renderer;
    }
    if (renderCommand != null) {
      return "command";
    }
    return target.type().equals("kubernetes") ? "manifests" : null;
  }

  /** The {@code --render-command}, or null. */
  CommandBody renderCommand() {
    if (renderCommand == null) {
      if (renderTimeout != null) {
        throw new CliException("--render-timeout goes with --render-command");
      }
      return null;
    }
    return new CommandBody(Inputs.words(renderCommand, "--render-command"), renderTimeout);
  }

  /** The {@code --ignore} rules; null when neither it nor {@code --no-ignore} is given. */
  List<IgnoreBody> ignoreRules() {
    return replacement(ignore, noIgnore, "--ignore", Inputs::ignoreRule);
  }

  /** The {@code --sensitive} globs; null when neither it nor {@code --no-sensitive} is given. */
  List<String> sensitive() {
    if (noSensitive && !sensitive.isEmpty()) {
      throw new CliException("give --sensitive or --no-sensitive, not both");
    }
    return noSensitive ? List.of() : sensitive.isEmpty() ? null : List.copyOf(sensitive);
  }

  /**
   * The promotion rule: the {@code --promote-*} options over {@code current} (env set), {@code {}}
   * for {@code --no-promotion}; null when none of them is given.
   */
  PromotionBody promotion(PromotionBody current) {
    boolean given =
        promoteFrom != null
            || !promotePaths.isEmpty()
            || promoteVia != null
            || promoteAfterHealthy != null;
    if (noPromotion && given) {
      throw new CliException("give --promote-* options or --no-promotion, not both");
    }
    if (noPromotion) {
      return new PromotionBody(null, null, null);
    }
    if (!given) {
      return null;
    }
    PromotionBody base = current == null ? new PromotionBody(null, null, null) : current;
    String from = promoteFrom != null ? promoteFrom : base.from();
    if (from == null) {
      throw new CliException("--promote-from is required: the environment to promote from");
    }
    PromotionBody.Auto auto =
        promoteAfterHealthy == null
            ? base.auto()
            : promoteAfterHealthy.strip().equalsIgnoreCase("off")
                ? null
                : new PromotionBody.Auto(promoteAfterHealthy.strip());
    return new PromotionBody(
        from,
        promotePaths.isEmpty() ? base.paths() : List.copyOf(promotePaths),
        promoteVia != null ? promoteVia : base.via(),
        auto);
  }

  /** The renderer for {@code env set}: the one named, or command when a command is given. */
  String rendererChange() {
    return renderer != null ? renderer : renderCommand != null ? "command" : null;
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

  /** The sync policy: the current one (if any) with the given options replacing its fields. */
  SyncPolicyBody sync(SyncPolicyBody current) {
    if (interval != null && cron != null) {
      throw new CliException("give --interval or --cron, not both");
    }
    boolean none =
        auto == null
            && prune == null
            && selfHeal == null
            && autoRollback == null
            && interval == null
            && cron == null
            && timeZone == null;
    if (none) {
      return current;
    }
    SyncPolicyBody c =
        current != null
            ? current
            : new SyncPolicyBody(null, null, null, null, null, null, null, null);
    boolean schedule = interval != null || cron != null;
    return new SyncPolicyBody(
        auto != null ? auto : c.auto(),
        prune != null ? prune : c.prune(),
        selfHeal != null ? selfHeal : c.selfHeal(),
        autoRollback != null ? autoRollback : c.autoRollback(),
        schedule ? interval : c.interval(),
        schedule ? cron : c.cron(),
        timeZone != null ? timeZone : schedule ? null : c.timeZone(),
        c.windows());
  }

  /** Where an environment comes from, as people write it: {@code source ref:path}. */
  static String describe(EnvironmentResponse e) {
    return e.source() + " " + e.ref() + (e.path().isEmpty() ? "" : ":" + e.path());
  }

  private static CommandBody command(String shell) {
    return shell.isBlank() ? null : new CommandBody(List.of(shell), null);
  }
}
