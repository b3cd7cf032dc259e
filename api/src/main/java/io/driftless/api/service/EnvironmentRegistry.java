package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.EnvironmentPatch;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.ManagedBy;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.NotificationTargets;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.NotificationTarget;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.target.TargetFactory;
import io.driftless.scheduler.EnvironmentScheduler;
import java.util.List;
import java.util.Map;

/**
 * Registers, changes and removes environments: checks the target against the server's allowed roots
 * and every command against its command policy before anything is stored, keeps the scheduler's job
 * in step, audits each change.
 */
public final class EnvironmentRegistry {
  private final EnvironmentCatalog environments;
  private final NotificationTargets notifications;
  private final SourceCatalog sources;
  private final TargetFactory targets;
  private final CommandPolicy commands;
  private final EnvironmentScheduler scheduler;
  private final Audit audit;
  private final RevisionCommits commits;
  private final PromotionRules promotions;
  private final OwnedObjects owned;
  private final SpecBodies specs = new SpecBodies();

  /**
   * @param stores the environments with their notification targets, and the sources they must name
   * @param targets the targets the server allows
   * @param commands the commands the server allows
   */
  public EnvironmentRegistry(
      Stores stores,
      TargetFactory targets,
      CommandPolicy commands,
      EnvironmentScheduler scheduler,
      Audit audit,
      RevisionCommits commits) {
    this.environments = stores.environments();
    this.notifications = stores.notifications();
    this.sources = stores.sources();
    this.targets = targets;
    this.commands = commands;
    this.scheduler = scheduler;
    this.audit = audit;
    this.commits = commits;
    this.promotions = new PromotionRules(environments, sources, stores.hostApis());
    this.owned = new OwnedObjects(stores.owners());
  }

  public EnvironmentResponse register(Caller who, EnvironmentRequest request) {
    Environment environment = request.toDomain();
    List<NotificationTarget> targets = request.notificationTargets();
    check(environment);
    EnvironmentResponse created = EnvironmentResponse.from(environments.register(environment));
    if (!targets.isEmpty()) {
      try {
        notifications.replace(environment.name(), targets);
      } catch (RuntimeException e) {
        environments.delete(environment.name()); // registered whole or not at all
        throw e;
      }
      created = stored(environment.name());
    }
    scheduler.schedule(environment);
    audit.record(who, "environment.register", "environment", created.name(), "", null, created);
    return created;
  }

  /**
   * @param force change it even when a document declares it (audited as forced)
   */
  public EnvironmentResponse update(
      Caller who, EnvironmentName name, EnvironmentPatch patch, boolean force) {
    Environment current = environments.find(name).orElseThrow(() -> notFound(name));
    String reason = owned.allowChange(RegistryOwners.Kind.ENVIRONMENT, name.value(), force);
    EnvironmentResponse before = stored(name);
    Environment changed = patch.applyTo(current);
    List<NotificationTarget> targets = patch.notificationTargets();
    check(changed);
    if (targets != null) {
      notifications.replace(name, targets);
    }
    EnvironmentResponse after = withOwner(EnvironmentResponse.from(environments.update(changed)));
    if (!environments.state(name).retired()) { // a retired environment has no job
      scheduler.schedule(changed);
    }
    audit.record(who, "environment.update", "environment", name.value(), reason, before, after);
    return after;
  }

  /**
   * Removes an environment with its history. A config environment's objects are released in the
   * same transaction: they become unowned (audited), not left owned by an owner that is gone.
   *
   * @param force remove it even when a document declares it (audited as forced)
   */
  public void delete(Caller who, EnvironmentName name, boolean force) {
    EnvironmentResponse before = stored(name);
    String reason = owned.allowChange(RegistryOwners.Kind.ENVIRONMENT, name.value(), force);
    boolean config =
        environments.find(name).map(e -> e.target() instanceof TargetSpec.Registry).orElse(false);
    scheduler.unschedule(name);
    owned.inOneTransaction(
        () -> {
          environments.delete(name);
          audit.record(
              who, "environment.delete", "environment", name.value(), reason, before, null);
          if (config) {
            owned.release(audit, who, name.value());
          }
          return null;
        });
  }

  public EnvironmentResponse get(EnvironmentName name) {
    return environments
        .view(name)
        .map(EnvironmentResponse::from)
        .map(commits::describe)
        .map(this::withOwner)
        .orElseThrow(() -> notFound(name));
  }

  /** As stored, without the commit read from Git: what the audit log records. */
  private EnvironmentResponse stored(EnvironmentName name) {
    return environments
        .view(name)
        .map(EnvironmentResponse::from)
        .map(this::withOwner)
        .orElseThrow(() -> notFound(name));
  }

  private EnvironmentResponse withOwner(EnvironmentResponse environment) {
    return environment.withManagedBy(
        owned.managedBy(RegistryOwners.Kind.ENVIRONMENT, environment.name()));
  }

  public ItemPage<EnvironmentResponse> list(EnvironmentQuery query) {
    Map<String, RegistryOwners.Owner> owners = owned.all(RegistryOwners.Kind.ENVIRONMENT);
    return ItemPage.of(
        environments.list(query),
        summary ->
            commits
                .describe(EnvironmentResponse.from(summary, specs.of(summary.environment())))
                .withManagedBy(ManagedBy.from(owners.get(summary.environment().name().value()))));
  }

  /**
   * The source must exist, every command must be one the server allows, the target must be one it
   * allows, and the promotion rule must hold ({@link PromotionRules}); nothing is written.
   */
  void check(Environment environment) {
    if (sources.view(environment.source()).isEmpty()) {
      throw new InvalidFieldException(
          "source", "source '" + environment.source() + "' is not registered");
    }
    commands.check(environment);
    targets.check(environment);
    promotions.check(environment);
  }

  private static NotFoundException notFound(EnvironmentName name) {
    return new NotFoundException("environment", name.value());
  }
}
