package io.driftless.api.model;

import io.driftless.engine.domain.TargetSpec;
import java.util.List;

/**
 * A difference that never counts (a kubernetes target's {@code ignore} rule): objects of {@code
 * kind} ({@code *} for all) in {@code group} ({@code ""} core), optionally one namespace and name;
 * the fields at {@code jsonPointers} (e.g. {@code /spec/replicas}) are never drift.
 */
public record IgnoreBody(
    String group, String kind, String namespace, String name, List<String> jsonPointers) {

  public TargetSpec.IgnoreDifferences toDomain(String field) {
    return Fields.check(
        field, () -> new TargetSpec.IgnoreDifferences(group, kind, namespace, name, jsonPointers));
  }

  public static IgnoreBody from(TargetSpec.IgnoreDifferences rule) {
    return new IgnoreBody(
        rule.group(), rule.kind(), rule.namespace(), rule.name(), rule.jsonPointers());
  }

  /** The rules of a spec: a kubernetes target's, none for others. */
  public static List<IgnoreBody> of(TargetSpec spec) {
    return spec instanceof TargetSpec.Kubernetes k
        ? k.ignore().stream().map(IgnoreBody::from).toList()
        : List.of();
  }

  /**
   * {@code target} with exactly these rules ({@code []} clears them; null leaves the target as it
   * is); only a kubernetes target takes any.
   */
  static TargetSpec withRules(TargetSpec target, List<IgnoreBody> ignore) {
    if (ignore == null) {
      return target;
    }
    if (!(target instanceof TargetSpec.Kubernetes k)) {
      if (ignore.isEmpty()) {
        return target;
      }
      throw new InvalidFieldException("ignore", "ignore rules need a kubernetes target");
    }
    List<TargetSpec.IgnoreDifferences> rules = new java.util.ArrayList<>();
    for (int i = 0; i < ignore.size(); i++) {
      rules.add(ignore.get(i).toDomain("ignore[" + i + "]"));
    }
    return new TargetSpec.Kubernetes(
        k.kubeconfig(),
        k.context(),
        k.namespace(),
        k.forceConflicts(),
        k.prunePropagation(),
        k.healthTimeout(),
        rules,
        k.allowedNamespaces(),
        k.allowedKinds());
  }
}
