package io.driftless.kubernetes.target;

import io.driftless.engine.domain.TargetSpec;
import java.util.List;
import java.util.Set;

/**
 * The server's cap on every environment's scope ({@code kubernetes.allowedNamespaces} and {@code
 * kubernetes.allowedKinds}); a null list caps nothing.
 */
public record KubernetesLimits(List<String> namespaces, List<String> kinds) {
  private static final String ANY = TargetSpec.Kubernetes.ANY;

  /**
   * Kubernetes' own cluster-scoped kinds, so that a kind an environment lists can be checked
   * against {@code *} before any object of it exists. An object's own key decides at validate.
   */
  static final Set<String> CLUSTER_SCOPED_BUILT_INS =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "ComponentStatus",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/ClusterRoleBinding",
          "apiextensions.k8s.io/CustomResourceDefinition",
          "apiregistration.k8s.io/APIService",
          "admissionregistration.k8s.io/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
          "certificates.k8s.io/CertificateSigningRequest",
          "flowcontrol.apiserver.k8s.io/FlowSchema",
          "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
          "networking.k8s.io/IngressClass",
          "node.k8s.io/RuntimeClass",
          "scheduling.k8s.io/PriorityClass",
          "storage.k8s.io/StorageClass",
          "storage.k8s.io/CSIDriver",
          "storage.k8s.io/CSINode",
          "storage.k8s.io/VolumeAttachment");

  public KubernetesLimits {
    namespaces = namespaces == null ? null : List.copyOf(namespaces);
    kinds = kinds == null ? null : List.copyOf(kinds);
  }

  /** No cap: each environment's own scope decides. */
  public static KubernetesLimits none() {
    return new KubernetesLimits(null, null);
  }

  boolean allowsNamespace(String namespace) {
    return namespaces == null || namespaces.contains(ANY) || namespaces.contains(namespace);
  }

  /** {@code *} covers every namespaced kind, never a cluster-scoped one. */
  boolean allowsKind(String kind, boolean clusterScoped) {
    return kinds == null || kinds.contains(kind) || (!clusterScoped && kinds.contains(ANY));
  }
}
