package io.driftless.api.model;

import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.TargetSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an environment is applied: {@code directory} (root, postApply, healthCheck), {@code
 * kubernetes} (kubeconfig and context, or in-cluster without them; namespace, forceConflicts,
 * prunePropagation) or {@code ssh} (hosts, user, credential, knownHosts, root, postApply,
 * healthCheck, strategy). All take healthTimeout.
 *
 * @param root an absolute directory under one of the server's allowed roots
 * @param kubeconfig absolute path of a kubeconfig file on the server; null means in-cluster
 * @param namespace where objects that name none go; default {@code default}
 * @param forceConflicts server-side apply's force; default true
 * @param prunePropagation foreground (default), background or orphan
 * @param allowedNamespaces the namespaces the environment's objects may be in, {@code *} for any;
 *     default its namespace alone
 * @param allowedKinds the kinds it may manage ({@code Kind} for the core group, {@code group/Kind}
 *     otherwise), {@code *} for every namespaced kind (the default); cluster-scoped kinds only when
 *     listed by name
 * @param hosts ssh: {@code host} or {@code host:port} ({@code [v6]:port}), each inside the server's
 *     {@code targets.ssh.allowedHosts}
 * @param user ssh: the login name on every host
 * @param credential ssh: the name of an {@code ssh-key} credential
 * @param knownHosts ssh: known_hosts lines pinning every host's key (required; never trusted on
 *     first use)
 * @param strategy ssh: how the hosts are rolled out in batches
 * @param scope driftless (a config environment): what its documents may use; set by an admin
 * @param deletion driftless: {@code orphan} (the default: a retired environment's target files
 *     stay) or {@code cascade} (they are pruned by inventory first)
 */
public record TargetBody(
    String type,
    String root,
    CommandBody postApply,
    CommandBody healthCheck,
    String healthTimeout,
    String kubeconfig,
    String context,
    String namespace,
    Boolean forceConflicts,
    String prunePropagation,
    List<String> allowedNamespaces,
    List<String> allowedKinds,
    List<String> hosts,
    String user,
    String credential,
    String knownHosts,
    StrategyBody strategy,
    ScopeBody scope,
    String deletion) {
  public static final String CASCADE = "cascade";
  public static final String ORPHAN = "orphan";

  /**
   * A config environment's scope: the sources its documents may use (null: every source), the roots
   * their targets may use (null: the server's allowed roots; a relative root in a document resolves
   * under the first), the Kubernetes namespaces (null: any), and whether commands are allowed
   * (default false).
   */
  public record ScopeBody(
      List<String> sources, List<String> roots, List<String> namespaces, Boolean commands) {
    TargetSpec.RegistryScope toDomain() {
      return Fields.check(
          "target.scope.roots",
          () ->
              new TargetSpec.RegistryScope(
                  sources, roots, namespaces, commands != null && commands));
    }

    static ScopeBody from(TargetSpec.RegistryScope scope) {
      return new ScopeBody(scope.sources(), scope.roots(), scope.namespaces(), scope.commands());
    }
  }

  /**
   * An ssh target's rollout: {@code batches} are cumulative host counts ({@code 1}) or shares
   * ({@code "25%"}), the last taking every host left; {@code maxParallel} hosts of a batch at once
   * (default 10); {@code stopOnFailure} stops before the next batch when a host failed.
   */
  public record StrategyBody(List<String> batches, Integer maxParallel, Boolean stopOnFailure) {
    TargetSpec.Rollout toDomain() {
      return Fields.check(
          "target.strategy",
          () ->
              new TargetSpec.Rollout(
                  batches,
                  maxParallel == null ? TargetSpec.Rollout.ALL_AT_ONCE.maxParallel() : maxParallel,
                  stopOnFailure != null && stopOnFailure));
    }

    static StrategyBody from(TargetSpec.Rollout rollout) {
      return new StrategyBody(rollout.batches(), rollout.maxParallel(), rollout.stopOnFailure());
    }
  }

  /** A kubernetes target (see the record's components). */
  public static TargetBody kubernetes(
      String healthTimeout,
      String kubeconfig,
      String context,
      String namespace,
      Boolean forceConflicts,
      String prunePropagation,
      List<String> allowedNamespaces,
      List<String> allowedKinds) {
    return new TargetBody(
        "kubernetes",
        null,
        null,
        null,
        healthTimeout,
        kubeconfig,
        context,
        namespace,
        forceConflicts,
        prunePropagation,
        allowedNamespaces,
        allowedKinds,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** An ssh target (see the record's components). */
  public static TargetBody ssh(
      String root,
      CommandBody postApply,
      CommandBody healthCheck,
      String healthTimeout,
      List<String> hosts,
      String user,
      String credential,
      String knownHosts,
      StrategyBody strategy) {
    return new TargetBody("ssh", root, postApply, healthCheck, healthTimeout)
        .withSsh(hosts, user, credential, knownHosts, strategy);
  }

  private TargetBody withSsh(
      List<String> hosts,
      String user,
      String credential,
      String knownHosts,
      StrategyBody strategy) {
    return new TargetBody(
        type,
        root,
        postApply,
        healthCheck,
        healthTimeout,
        kubeconfig,
        context,
        namespace,
        forceConflicts,
        prunePropagation,
        allowedNamespaces,
        allowedKinds,
        hosts,
        user,
        credential,
        knownHosts,
        strategy,
        scope,
        deletion);
  }

  /** A directory target, as clients written before the kubernetes target send it. */
  public TargetBody(
      String type,
      String root,
      CommandBody postApply,
      CommandBody healthCheck,
      String healthTimeout) {
    this(
        type,
        root,
        postApply,
        healthCheck,
        healthTimeout,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A config environment's target (see the record's components). */
  public static TargetBody registry(ScopeBody scope, String deletion) {
    return new TargetBody(
        TargetSpec.Registry.TYPE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        scope,
        deletion);
  }

  public TargetSpec toDomain() {
    String kind = Fields.required("target.type", type);
    return switch (kind) {
      case "directory" -> directory();
      case "kubernetes" -> kubernetes();
      case "ssh" -> ssh();
      case TargetSpec.Registry.TYPE -> registry();
      default ->
          throw new InvalidFieldException(
              "target.type",
              "target.type must be directory, kubernetes, ssh or driftless: " + kind);
    };
  }

  private TargetSpec registry() {
    String how = deletion == null ? ORPHAN : deletion;
    if (!how.equals(ORPHAN) && !how.equals(CASCADE)) {
      throw new InvalidFieldException(
          "target.deletion", "target.deletion must be orphan or cascade: " + deletion);
    }
    return new TargetSpec.Registry(scope == null ? null : scope.toDomain(), how.equals(CASCADE));
  }

  private TargetSpec ssh() {
    List<String> names = Fields.required("target.hosts", hosts);
    if (names.isEmpty()) {
      throw new InvalidFieldException("target.hosts", "target.hosts needs at least one host");
    }
    String login = Fields.required("target.user", user);
    CredentialName key =
        Fields.check(
            "target.credential",
            () -> CredentialName.of(Fields.required("target.credential", credential)));
    String pins = Fields.required("target.knownHosts", knownHosts);
    if (pins.isBlank()) {
      throw new InvalidFieldException(
          "target.knownHosts",
          "target.knownHosts must pin every host's key (known_hosts lines); keys are never"
              + " trusted on first use");
    }
    String at = Fields.required("target.root", root);
    absolutePath("target.root", at);
    TargetSpec.Rollout rollout = strategy == null ? null : strategy.toDomain();
    return Fields.check(
        "target.hosts",
        () ->
            new TargetSpec.Ssh(
                names,
                login,
                key,
                pins,
                at,
                postApply == null ? null : postApply.toDomain("target.postApply"),
                healthCheck == null ? null : healthCheck.toDomain("target.healthCheck"),
                Fields.duration("target.healthTimeout", healthTimeout),
                rollout));
  }

  private TargetSpec directory() {
    Path path = absolutePath("target.root", Fields.required("target.root", root));
    return new TargetSpec.Directory(
        path,
        postApply == null ? null : postApply.toDomain("target.postApply"),
        healthCheck == null ? null : healthCheck.toDomain("target.healthCheck"),
        Fields.duration("target.healthTimeout", healthTimeout));
  }

  private TargetSpec kubernetes() {
    Path config = kubeconfig == null ? null : absolutePath("target.kubeconfig", kubeconfig);
    TargetSpec.Kubernetes.Propagation propagation =
        prunePropagation == null
            ? null
            : Fields.enumValue(
                "target.prunePropagation",
                TargetSpec.Kubernetes.Propagation.class,
                prunePropagation);
    TargetSpec.Kubernetes spec =
        Fields.check(
            "target.namespace",
            () ->
                new TargetSpec.Kubernetes(
                    config,
                    context,
                    namespace,
                    forceConflicts == null || forceConflicts,
                    propagation,
                    Fields.duration("target.healthTimeout", healthTimeout),
                    null));
    TargetSpec.Kubernetes namespaces =
        Fields.check("target.allowedNamespaces", () -> spec.withScope(allowedNamespaces, null));
    return Fields.check(
        "target.allowedKinds", () -> namespaces.withScope(allowedNamespaces, allowedKinds));
  }

  private static Path absolutePath(String field, String value) {
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      throw new InvalidFieldException(field, field + " is not a path: " + value);
    }
    if (!path.isAbsolute()) {
      throw new InvalidFieldException(field, field + " must be an absolute path: " + value);
    }
    return path;
  }

  public static TargetBody from(TargetSpec spec) {
    if (spec instanceof TargetSpec.Kubernetes k) {
      return kubernetes(
          Fields.format(k.healthTimeout()),
          k.kubeconfig() == null ? null : k.kubeconfig().toString(),
          k.context(),
          k.namespace(),
          k.forceConflicts(),
          Fields.lower(k.prunePropagation()),
          k.allowedNamespaces().isEmpty() ? null : k.allowedNamespaces(),
          k.allowedKinds().isEmpty() ? null : k.allowedKinds());
    }
    if (spec instanceof TargetSpec.Registry r) {
      return registry(ScopeBody.from(r.scope()), r.cascade() ? CASCADE : ORPHAN);
    }
    if (spec instanceof TargetSpec.Ssh ssh) {
      return ssh(
          ssh.root(),
          CommandBody.from(ssh.postApply()),
          CommandBody.from(ssh.healthCheck()),
          Fields.format(ssh.healthTimeout()),
          ssh.hosts(),
          ssh.user(),
          ssh.credential().value(),
          ssh.knownHosts(),
          StrategyBody.from(ssh.rollout()));
    }
    TargetSpec.Directory d = (TargetSpec.Directory) spec;
    return new TargetBody(
        d.type(),
        d.root().toString(),
        CommandBody.from(d.postApply()),
        CommandBody.from(d.healthCheck()),
        Fields.format(d.healthTimeout()));
  }
}
