package io.driftless.api.service;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RegistryOwners.Owner;
import io.driftless.engine.port.Stores;
import io.driftless.engine.reconcile.Retirement;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.target.TargetFactory;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Opens the target of a config environment ({@code target: {type: driftless}}): the registry, with
 * the environment's scope. Registered by type beside the other targets; it reaches the reconciler
 * and the other targets through suppliers because both are built from the full set of targets.
 */
public final class RegistryTargets implements TargetFactory {
  private final Stores stores;
  private final RegistryDocuments documents;
  private final List<Path> serverRoots;
  private final Supplier<RegistryReconciler> reconciler;
  private final Supplier<Retirement> retirement;
  private final EnvironmentSets sets;
  private final SourceTrees trees;

  /**
   * @param serverRoots the server's allowed roots, a scope's roots when it names none
   * @param retirement the engine's run that prunes a retired environment's files ({@code cascade})
   * @param trees where the EnvironmentSets of a config environment's documents list directories
   */
  public RegistryTargets(
      Stores stores,
      RegistryDocuments documents,
      List<Path> serverRoots,
      Supplier<RegistryReconciler> reconciler,
      Supplier<Retirement> retirement,
      SourceTrees trees) {
    this.stores = stores;
    this.documents = documents;
    this.serverRoots = List.copyOf(serverRoots);
    this.reconciler = reconciler;
    this.retirement = retirement;
    this.sets = new EnvironmentSets(documents);
    this.trees = trees;
  }

  @Override
  public Target open(Environment environment) {
    if (!(environment.target() instanceof TargetSpec.Registry spec)) {
      throw TargetConfigException.notA(environment, "a driftless (registry) target");
    }
    return new RegistryTarget(
        environment,
        spec.cascade(),
        stores,
        documents,
        reconciler.get(),
        new ConfigScope(environment, spec, serverRoots, ancestors(environment)),
        retirement.get(),
        sets,
        trees);
  }

  /** The config environments that declare this one, directly or through others. */
  private Set<String> ancestors(Environment environment) {
    Set<String> ancestors = new LinkedHashSet<>();
    String name = environment.name().value();
    while (true) {
      Owner owner = stores.owners().find(RegistryOwners.Kind.ENVIRONMENT, name).orElse(null);
      if (owner == null || !ancestors.add(owner.name())) {
        return ancestors;
      }
      name = owner.name();
    }
  }
}
