package io.driftless.cli;

import io.driftless.api.model.TargetBody;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a kubernetes target, for {@code env add} and {@code env set}. */
final class KubernetesTargetOptions {
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

  /** Whether any of these options is given. */
  boolean given() {
    return kubeconfig != null
        || context != null
        || namespace != null
        || forceConflicts != null
        || prunePropagation != null
        || allowedNamespaces != null
        || allowedKinds != null;
  }

  /** A kubernetes target: the given options over {@code same}'s fields (null: a new target). */
  TargetBody body(TargetBody same, String healthTimeout) {
    return TargetBody.kubernetes(
        healthTimeout,
        kubeconfig != null ? kubeconfig : same == null ? null : same.kubeconfig(),
        context != null ? context : same == null ? null : same.context(),
        namespace != null ? namespace : same == null ? null : same.namespace(),
        forceConflicts != null ? forceConflicts : same == null ? null : same.forceConflicts(),
        prunePropagation != null ? prunePropagation : same == null ? null : same.prunePropagation(),
        allowedNamespaces != null
            ? allowedNamespaces
            : same == null ? null : same.allowedNamespaces(),
        allowedKinds != null ? allowedKinds : same == null ? null : same.allowedKinds());
  }
}
