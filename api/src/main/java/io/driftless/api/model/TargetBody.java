package io.driftless.api.model;

import io.driftless.engine.domain.TargetSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an environment is applied: {@code directory} (root, postApply, healthCheck) or {@code
 * kubernetes} (kubeconfig and context, or in-cluster without them; namespace, forceConflicts,
 * prunePropagation). Both take healthTimeout.
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
    List<String> allowedKinds) {

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
        null);
  }

  public TargetSpec toDomain() {
    String kind = Fields.required("target.type", type);
    return switch (kind) {
      case "directory" -> directory();
      case "kubernetes" -> kubernetes();
      default ->
          throw new InvalidFieldException(
              "target.type", "target.type must be directory or kubernetes: " + kind);
    };
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
      return new TargetBody(
          k.type(),
          null,
          null,
          null,
          Fields.format(k.healthTimeout()),
          k.kubeconfig() == null ? null : k.kubeconfig().toString(),
          k.context(),
          k.namespace(),
          k.forceConflicts(),
          Fields.lower(k.prunePropagation()),
          k.allowedNamespaces().isEmpty() ? null : k.allowedNamespaces(),
          k.allowedKinds().isEmpty() ? null : k.allowedKinds());
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
