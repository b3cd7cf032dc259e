package io.driftless.kubernetes.target;

import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.kubernetes.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * Which objects an environment may touch, like Argo CD's AppProject: the namespaces and kinds its
 * target allows ({@link TargetSpec.Kubernetes#namespacesInScope}, {@link
 * TargetSpec.Kubernetes#kindsInScope}), within what the server's configuration lets any environment
 * be given. Decided here and asked by the target before anything is read or written; a repository
 * can never widen it.
 *
 * <p>A namespaced object is in scope when its namespace and its kind are allowed ({@code *} allows
 * every namespaced kind). A cluster-scoped object (its key has no namespace: Namespace,
 * CustomResourceDefinition, ClusterRole, ClusterRoleBinding, webhook configurations, ...) is in
 * scope only when its kind is listed by name, and a Namespace only when its name is an allowed
 * namespace.
 *
 * @param limits what the server allows any environment
 */
record KubernetesScope(TargetSpec.Kubernetes spec, KubernetesLimits limits) {

  private static final String ANY = TargetSpec.Kubernetes.ANY;

  /**
   * Refuses a target whose own scope goes beyond the server's limits.
   *
   * @throws TargetConfigException naming {@code target.allowedNamespaces} or {@code
   *     target.allowedKinds}
   */
  void checkWithinLimits() {
    for (String namespace : spec.namespacesInScope()) {
      boolean allowed =
          namespace.equals(ANY)
              ? limits.namespaces() == null || limits.namespaces().contains(ANY)
              : limits.allowsNamespace(namespace);
      if (!allowed) {
        throw new TargetConfigException(
            "target.allowedNamespaces",
            "namespace "
                + namespace
                + " is beyond what the server allows environments (kubernetes.allowedNamespaces: "
                + limits.namespaces()
                + ")"
                + (spec.allowedNamespaces().isEmpty() ? "; set target.allowedNamespaces" : ""));
      }
    }
    for (String kind : spec.kindsInScope()) {
      boolean allowed =
          kind.equals(ANY)
              ? limits.kinds() == null || limits.kinds().contains(ANY)
              : limits.allowsKind(kind, KubernetesLimits.CLUSTER_SCOPED_BUILT_INS.contains(kind));
      if (!allowed) {
        throw new TargetConfigException(
            "target.allowedKinds",
            "kind "
                + kind
                + " is beyond what the server allows environments (kubernetes.allowedKinds: "
                + limits.kinds()
                + ")"
                + (spec.allowedKinds().isEmpty() ? "; list the kinds in target.allowedKinds" : ""));
      }
    }
  }

  /** Why {@code key} is out of scope, or empty when the environment may touch it. */
  Optional<String> refusal(ObjectKey key) {
    String kind = key.group().isEmpty() ? key.kind() : key.group() + "/" + key.kind();
    List<String> kinds = spec.kindsInScope();
    List<String> namespaces = spec.namespacesInScope();
    boolean clusterScoped = key.namespace() == null;
    if (clusterScoped) {
      if (!kinds.contains(kind)) {
        return Optional.of(
            "kind "
                + kind
                + " is cluster-scoped, and target.allowedKinds "
                + kinds
                + " does not name it");
      }
    } else if (!kinds.contains(ANY) && !kinds.contains(kind)) {
      return Optional.of("kind " + kind + " is not in target.allowedKinds " + kinds);
    }
    if (!limits.allowsKind(kind, clusterScoped)) {
      return Optional.of(
          "kind " + kind + " is not allowed by the server (kubernetes.allowedKinds)");
    }
    String namespace =
        clusterScoped && key.group().isEmpty() && key.kind().equals("Namespace")
            ? key.name()
            : key.namespace();
    if (namespace != null) {
      if (!namespaces.contains(ANY) && !namespaces.contains(namespace)) {
        return Optional.of(
            "namespace " + namespace + " is not in target.allowedNamespaces " + namespaces);
      }
      if (!limits.allowsNamespace(namespace)) {
        return Optional.of(
            "namespace "
                + namespace
                + " is not allowed by the server (kubernetes.allowedNamespaces)");
      }
    }
    return Optional.empty();
  }
}
