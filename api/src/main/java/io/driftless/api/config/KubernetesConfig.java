package io.driftless.api.config;

import io.driftless.engine.process.CommandPolicy;
import io.driftless.kubernetes.target.KubernetesLimits;
import io.driftless.kubernetes.target.KubernetesTargetFactory;
import java.time.Clock;
import java.util.List;

/**
 * What any Kubernetes environment may be given: its {@code target.allowedNamespaces} and {@code
 * target.allowedKinds} must lie within these lists. An environment registered with more is refused
 * (422); one registered before the lists tightened fails its runs and applies nothing.
 *
 * @param allowedNamespaces namespaces, or {@code *}; null caps nothing
 * @param allowedKinds kinds ({@code Kind} for the core group, {@code group/Kind} otherwise), or
 *     {@code *} for every namespaced kind; a cluster-scoped kind must be listed by name; null caps
 *     nothing
 */
public record KubernetesConfig(List<String> allowedNamespaces, List<String> allowedKinds) {

  public static KubernetesConfig defaults() {
    return new KubernetesConfig(null, null);
  }

  /**
   * @param commands which kubeconfig {@code exec} plugins may run
   */
  public KubernetesTargetFactory buildTargets(Clock clock, CommandPolicy commands) {
    return new KubernetesTargetFactory(
        clock, new KubernetesLimits(allowedNamespaces, allowedKinds), commands);
  }
}
