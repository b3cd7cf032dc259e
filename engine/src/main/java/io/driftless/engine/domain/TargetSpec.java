package io.driftless.engine.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Where an environment's desired state is applied. Only an admin's registration sets it. */
public sealed interface TargetSpec {

  String type();

  /**
   * A directory on the host.
   *
   * @param root absolute directory; must lie under a root the server allows
   * @param postApply run after a successful apply (e.g. reload nginx); may be null
   * @param healthCheck run until it exits 0 or {@code healthTimeout} passes; may be null
   * @param healthTimeout how long to wait for a healthy report
   */
  record Directory(
      Path root, CommandSpec postApply, CommandSpec healthCheck, Duration healthTimeout)
      implements TargetSpec {
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);

    public Directory {
      Objects.requireNonNull(root, "root");
      if (!root.isAbsolute()) {
        throw new IllegalArgumentException("directory target root must be absolute: " + root);
      }
      root = root.normalize();
      healthTimeout = healthTimeout == null ? DEFAULT_HEALTH_TIMEOUT : healthTimeout;
    }

    public static Directory at(Path root) {
      return new Directory(root, null, null, null);
    }

    @Override
    public String type() {
      return "directory";
    }

    public Optional<CommandSpec> postApplyCommand() {
      return Optional.ofNullable(postApply);
    }

    public Optional<CommandSpec> healthCheckCommand() {
      return Optional.ofNullable(healthCheck);
    }
  }

  /**
   * The same files kept on each of a list of hosts over SSH/SFTP: the directory target's guarantees
   * per host, rolled out in batches.
   *
   * @param hosts {@code host} or {@code host:port} ({@code [v6]:port}), at least one, each once
   * @param user the login name on every host
   * @param credential a named {@code ssh-key} credential: the key to log in with
   * @param knownHosts known_hosts lines pinning every host's key; required (never trust on first
   *     use)
   * @param root absolute directory on each host; must lie under a root the server allows
   * @param postApply run on each host over SSH after its files were written; may be null
   * @param healthCheck run on each host until it exits 0 or {@code healthTimeout} passes; may be
   *     null
   * @param rollout how the hosts are taken in batches
   */
  record Ssh(
      List<String> hosts,
      String user,
      CredentialName credential,
      String knownHosts,
      String root,
      CommandSpec postApply,
      CommandSpec healthCheck,
      Duration healthTimeout,
      Rollout rollout)
      implements TargetSpec {
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);

    public Ssh {
      if (hosts == null || hosts.isEmpty()) {
        throw new IllegalArgumentException("an ssh target needs at least one host");
      }
      hosts = List.copyOf(hosts);
      if (hosts.stream().distinct().count() != hosts.size()) {
        throw new IllegalArgumentException("an ssh target names a host twice: " + hosts);
      }
      Require.text(user, "an ssh target needs a user");
      Objects.requireNonNull(credential, "credential");
      if (knownHosts == null || knownHosts.isBlank()) {
        throw new IllegalArgumentException(
            "an ssh target needs pinned host keys (known_hosts lines); keys are never trusted on"
                + " first use");
      }
      if (root == null || !root.startsWith("/")) {
        throw new IllegalArgumentException("ssh target root must be absolute: " + root);
      }
      healthTimeout = healthTimeout == null ? DEFAULT_HEALTH_TIMEOUT : healthTimeout;
      rollout = rollout == null ? Rollout.ALL_AT_ONCE : rollout;
    }

    @Override
    public String type() {
      return "ssh";
    }
  }

  /**
   * How a target on several hosts takes them: in batches, each one healthy before the next starts.
   *
   * @param batches the cumulative size of each batch: a count ({@code "1"}) or a share of the hosts
   *     ({@code "25%"}), rounded up; the last batch always takes every host left
   * @param maxParallel how many hosts of a batch are worked on at once
   * @param stopOnFailure a failed host stops the rollout: later batches are left untouched
   */
  record Rollout(List<String> batches, int maxParallel, boolean stopOnFailure) {
    private static final java.util.regex.Pattern STEP =
        java.util.regex.Pattern.compile("[1-9][0-9]{0,5}%?");

    /** Every host in one batch, ten at a time, stopping on nothing. */
    public static final Rollout ALL_AT_ONCE = new Rollout(List.of("100%"), 10, false);

    public Rollout {
      batches = batches == null || batches.isEmpty() ? List.of("100%") : List.copyOf(batches);
      for (String step : batches) {
        if (step == null || !STEP.matcher(step).matches() || percent(step) > 100) {
          throw new IllegalArgumentException(
              "a rollout batch is a host count (1) or a share of the hosts up to 100%, not: "
                  + step);
        }
      }
      if (maxParallel < 1) {
        throw new IllegalArgumentException("maxParallel must be at least 1");
      }
    }

    private static int percent(String step) {
      return step.endsWith("%") ? Integer.parseInt(step.substring(0, step.length() - 1)) : 0;
    }

    /**
     * The batches for {@code hostCount} hosts, as their sizes in order: each step is the number of
     * hosts done once its batch ends, never fewer than before; what is left goes last.
     */
    public List<Integer> sizes(int hostCount) {
      List<Integer> sizes = new java.util.ArrayList<>();
      int done = 0;
      for (String step : batches) {
        int upTo =
            step.endsWith("%")
                ? (int) Math.ceil(hostCount * percent(step) / 100.0)
                : Integer.parseInt(step);
        upTo = Math.min(hostCount, upTo);
        if (upTo > done) {
          sizes.add(upTo - done);
          done = upTo;
        }
      }
      if (done < hostCount) {
        sizes.add(hostCount - done);
      }
      return List.copyOf(sizes);
    }
  }

  /**
   * A Kubernetes cluster, reached through a kubeconfig file or, without one, the service account of
   * the pod the server runs in. Objects are applied with server-side apply under the field manager
   * {@code driftless}.
   *
   * @param kubeconfig absolute path of a kubeconfig file; null means in-cluster
   * @param context the kubeconfig context to use; null means its current context
   * @param namespace where objects without a namespace go; defaults to {@code default}
   * @param forceConflicts take over fields another field manager owns (server-side apply's force)
   * @param prunePropagation how a prune deletes an object's dependents
   * @param healthTimeout how long to wait for applied workloads to report healthy
   * @param ignore differences that never count, by object and JSON pointer
   * @param allowedNamespaces the namespaces its objects may be in (and the Namespace objects it may
   *     manage), {@code *} for any; empty means {@code namespace} alone
   * @param allowedKinds the kinds it may manage, {@code Kind} for the core group and {@code
   *     group/Kind} for others, {@code *} for every namespaced kind; empty means {@code *}. A
   *     cluster-scoped kind (Namespace, CustomResourceDefinition, ClusterRole, ...) must be listed
   *     by name.
   */
  record Kubernetes(
      Path kubeconfig,
      String context,
      String namespace,
      boolean forceConflicts,
      Propagation prunePropagation,
      Duration healthTimeout,
      List<IgnoreDifferences> ignore,
      List<String> allowedNamespaces,
      List<String> allowedKinds)
      implements TargetSpec {
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMinutes(5);
    public static final String DEFAULT_NAMESPACE = "default";

    /** Every namespace in {@code allowedNamespaces}; every namespaced kind in allowedKinds. */
    public static final String ANY = "*";

    private static final java.util.regex.Pattern DNS_LABEL =
        java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final java.util.regex.Pattern KIND =
        java.util.regex.Pattern.compile(
            "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z][A-Za-z0-9]{0,62}");

    /** Kubernetes' deletion propagation policies. */
    public enum Propagation {
      FOREGROUND,
      BACKGROUND,
      ORPHAN;

      /** The API's spelling: {@code Foreground}, {@code Background}, {@code Orphan}. */
      public String apiName() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
      }
    }

    public Kubernetes {
      if (kubeconfig != null && !kubeconfig.isAbsolute()) {
        throw new IllegalArgumentException("kubeconfig must be an absolute path: " + kubeconfig);
      }
      kubeconfig = kubeconfig == null ? null : kubeconfig.normalize();
      context = context == null || context.isBlank() ? null : context;
      namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
      if (!DNS_LABEL.matcher(namespace).matches()) {
        throw new IllegalArgumentException(
            "namespace is not a valid Kubernetes name: " + namespace);
      }
      prunePropagation = prunePropagation == null ? Propagation.FOREGROUND : prunePropagation;
      healthTimeout = healthTimeout == null ? DEFAULT_HEALTH_TIMEOUT : healthTimeout;
      if (healthTimeout.isNegative()) {
        throw new IllegalArgumentException("health timeout must not be negative");
      }
      ignore = ignore == null ? List.of() : List.copyOf(ignore);
      allowedNamespaces =
          scope("allowedNamespaces", allowedNamespaces, DNS_LABEL, "namespace names or '*'");
      allowedKinds =
          scope(
              "allowedKinds",
              allowedKinds,
              KIND,
              "kinds as Kind (core group) or group/Kind, or '*'");
    }

    /** A scope list as given (null is empty), each entry {@code *} or matching {@code entry}. */
    private static List<String> scope(
        String field, List<String> given, java.util.regex.Pattern entry, String holds) {
      List<String> scope = given == null ? List.of() : List.copyOf(given);
      for (String allowed : scope) {
        if (!(allowed.equals(ANY) || entry.matcher(allowed).matches())) {
          throw new IllegalArgumentException(field + " holds " + holds + ", not: " + allowed);
        }
      }
      return scope;
    }

    /** Without a scope of its own: its namespace and every namespaced kind. */
    public Kubernetes(
        Path kubeconfig,
        String context,
        String namespace,
        boolean forceConflicts,
        Propagation prunePropagation,
        Duration healthTimeout,
        List<IgnoreDifferences> ignore) {
      this(
          kubeconfig,
          context,
          namespace,
          forceConflicts,
          prunePropagation,
          healthTimeout,
          ignore,
          null,
          null);
    }

    /** In-cluster, default namespace, force on, foreground pruning, default health timeout. */
    public static Kubernetes inCluster() {
      return new Kubernetes(null, null, null, true, null, null, null);
    }

    /** This target with another scope (null or empty for the default of each). */
    public Kubernetes withScope(List<String> namespaces, List<String> kinds) {
      return new Kubernetes(
          kubeconfig,
          context,
          namespace,
          forceConflicts,
          prunePropagation,
          healthTimeout,
          ignore,
          namespaces,
          kinds);
    }

    /** The namespaces its objects may be in: {@code allowedNamespaces}, else its namespace. */
    public List<String> namespacesInScope() {
      return allowedNamespaces.isEmpty() ? List.of(namespace) : allowedNamespaces;
    }

    /** The kinds it may manage: {@code allowedKinds}, else {@code *}. */
    public List<String> kindsInScope() {
      return allowedKinds.isEmpty() ? List.of(ANY) : allowedKinds;
    }

    @Override
    public String type() {
      return "kubernetes";
    }

    public Optional<Path> kubeconfigPath() {
      return Optional.ofNullable(kubeconfig);
    }

    public Optional<String> contextName() {
      return Optional.ofNullable(context);
    }
  }

  /**
   * Driftless's own registry (a config environment): the files under the environment's path are
   * declarative documents of sources and environments, reconciled with itself as their owner.
   *
   * @param scope what its documents may use, set by an admin, never by the documents
   * @param cascade a document removed with prune also prunes its environment's target files by
   *     inventory before the environment is retired; without it the files stay
   */
  record Registry(RegistryScope scope, boolean cascade) implements TargetSpec {
    public static final String TYPE = "driftless";

    public Registry {
      scope = scope == null ? RegistryScope.DEFAULT : scope;
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * What a config environment's documents may use. A null list means the default of each.
   *
   * @param sources the sources their environments may use; null: every source
   * @param roots absolute directories their targets' roots must lie under (a relative root in a
   *     document resolves under the first); null: the server's allowed roots
   * @param namespaces the Kubernetes namespaces their targets may use; null: any
   * @param commands whether their environments may run commands at all (post-apply, health check,
   *     the command renderer); the server's command policy still applies on top
   */
  record RegistryScope(
      List<String> sources, List<String> roots, List<String> namespaces, boolean commands) {
    /** Every source, the server's allowed roots, any namespace, no commands. */
    public static final RegistryScope DEFAULT = new RegistryScope(null, null, null, false);

    public RegistryScope {
      sources = sources == null ? null : List.copyOf(sources);
      namespaces = namespaces == null ? null : List.copyOf(namespaces);
      if (roots != null) {
        roots = List.copyOf(roots);
        for (String root : roots) {
          if (root == null || !root.startsWith("/")) {
            throw new IllegalArgumentException("a scope root must be an absolute path: " + root);
          }
        }
      }
    }
  }

  /**
   * Differences that never count for matching objects, like Argo CD's {@code ignoreDifferences}.
   * Null or empty {@code group}, {@code namespace} and {@code name} match any; {@code kind} is
   * required ({@code *} for every kind).
   *
   * @param jsonPointers RFC 6901 pointers into the object, e.g. {@code /spec/replicas}
   */
  record IgnoreDifferences(
      String group, String kind, String namespace, String name, List<String> jsonPointers) {
    public IgnoreDifferences {
      group = group == null ? "" : group;
      Require.text(kind, "ignore rule needs a kind ('*' for every kind)");
      namespace = namespace == null || namespace.isBlank() ? null : namespace;
      name = name == null || name.isBlank() ? null : name;
      if (jsonPointers == null || jsonPointers.isEmpty()) {
        throw new IllegalArgumentException("ignore rule needs at least one JSON pointer");
      }
      jsonPointers = List.copyOf(jsonPointers);
      for (String pointer : jsonPointers) {
        if (pointer == null || !pointer.startsWith("/")) {
          throw new IllegalArgumentException(
              "ignore rule JSON pointer must start with '/': " + pointer);
        }
      }
    }

    /** Whether this rule covers the object with these coordinates. */
    public boolean matches(String group, String kind, String namespace, String name) {
      return this.group.equals(group == null ? "" : group)
          && (this.kind.equals("*") || this.kind.equals(kind))
          && (this.namespace == null || this.namespace.equals(namespace))
          && (this.name == null || this.name.equals(name));
    }
  }
}
