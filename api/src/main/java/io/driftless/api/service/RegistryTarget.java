package io.driftless.api.service;

import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.driftless.engine.EngineException;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RegistryOwners.Owner;
import io.driftless.engine.port.Stores;
import io.driftless.engine.reconcile.ReconcileOutcome;
import io.driftless.engine.reconcile.Retirement;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target of a config environment: Driftless's own registry. Its rendered files are declarative
 * documents; each declared object is one resource, keyed {@code source/NAME} or {@code
 * environment/NAME}, whose content is the object's document as {@code driftless export} writes it,
 * headed by its owner and file. Live state is the registry read the same way, so the run's diff,
 * snapshot, drift and rollback are the registry's. Applying hands the changed documents to {@link
 * RegistryReconciler#apply} with the config environment as owner: one transaction, scheduler jobs
 * after the commit.
 */
final class RegistryTarget implements Target {
  private static final Pattern HEADER = Pattern.compile("\\A# managed by (\\S+) \\(file (.*)\\)\n");
  private static final String NOT_MANAGED = "# not managed by any owner\n";

  private final Environment self;
  private final boolean cascade;
  private final Stores stores;
  private final RegistryDocuments documents;
  private final RegistryReconciler reconciler;
  private final ConfigScope scope;
  private final Retirement retirement;
  private final EnvironmentSets sets;
  private final SourceTrees trees;
  private final Map<ResourceKey, Document> declared = new HashMap<>();

  RegistryTarget(
      Environment self,
      boolean cascade,
      Stores stores,
      RegistryDocuments documents,
      RegistryReconciler reconciler,
      ConfigScope scope,
      Retirement retirement,
      EnvironmentSets sets,
      SourceTrees trees) {
    this.self = self;
    this.cascade = cascade;
    this.stores = stores;
    this.documents = documents;
    this.reconciler = reconciler;
    this.scope = scope;
    this.retirement = retirement;
    this.sets = sets;
    this.trees = trees;
  }

  /** The resource key of a declared object: {@code source/site}, {@code environment/web-prod}. */
  static ResourceKey key(Kind kind, String name) {
    return ResourceKey.of(kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + name);
  }

  /**
   * The YAML files under the path, read as documents, EnvironmentSets expanded: one resource per
   * declared object.
   */
  @Override
  public DesiredState place(DesiredState rendered) {
    declared.clear();
    List<Document> written = new ArrayList<>();
    for (Resource file : rendered.resources().values()) {
      String path = file.key().value();
      if (file.kind() == ResourceKind.SYMLINK
          || !(path.endsWith(".yaml") || path.endsWith(".yml"))) {
        continue;
      }
      String text = new String(file.content().bytes(), StandardCharsets.UTF_8);
      written.addAll(inRun(() -> documents.parse(path, text, scope::resolve)));
    }
    // Generated environments are read through the scope as written ones are.
    List<Document> all =
        inRun(() -> sets.expand(written, trees(written, rendered.revision()), scope));
    inRun(() -> RegistryReconciler.checkUnique(all));
    SortedMap<ResourceKey, Resource> objects = new TreeMap<>();
    Map<ResourceKey, String> origins = new HashMap<>();
    for (Document d : all) {
      ResourceKey key = key(d.kind(), d.name());
      declared.put(key, d);
      origins.put(key, d.file());
      objects.put(key, object(key, header(new Owner(owner(), d.file())) + yaml(d)));
    }
    return new DesiredState(rendered.revision(), rendered.treeId(), objects, origins);
  }

  /**
   * The trees a set generates from: this config environment's own revision for a set over its own
   * repository and ref, else the server's Git mirror, as {@code driftless apply} reads them.
   */
  private EnvironmentSets.Trees trees(List<Document> written, Revision revision) {
    return stores
        .sources()
        .find(self.source())
        .map(own -> trees.of(written, own, self.ref(), revision))
        .orElseGet(() -> trees.of(written));
  }

  /** A snapshot's objects (a rollback): each content is a document headed by its file. */
  @Override
  public DesiredState placeAgain(DesiredState placed) {
    declared.clear();
    for (Resource object : placed.resources().values()) {
      String text = new String(object.content().bytes(), StandardCharsets.UTF_8);
      Matcher header = HEADER.matcher(text);
      String file = header.lookingAt() ? header.group(2) : object.key().value();
      inRun(() -> documents.parse(file, text)).forEach(d -> declared.put(object.key(), d));
    }
    return placed;
  }

  /** Every document stays inside the scope and can be applied as the registry is now. */
  @Override
  public void validate(DesiredState desired) {
    List<Document> all = documentsOf(desired.resources().keySet());
    inRun(
        () -> {
          all.forEach(scope::check);
          return reconciler.plan(all, owner(), false);
        });
  }

  /**
   * The registry's objects of {@code keys}, retired ones left out (declaring them restores them).
   */
  @Override
  public LiveState read(Set<ResourceKey> keys) {
    SortedMap<ResourceKey, Resource> live = new TreeMap<>();
    Set<String> retiredSources = stores.owners().retired(RegistryOwners.Kind.SOURCE);
    Set<String> retiredEnvironments = stores.owners().retired(RegistryOwners.Kind.ENVIRONMENT);
    for (ResourceKey key : keys) {
      String value = key.value();
      int slash = value.indexOf('/');
      String kind = value.substring(0, Math.max(0, slash));
      String name = value.substring(slash + 1);
      if (kind.equals("source") && !retiredSources.contains(name)) {
        stores
            .sources()
            .find(SourceName.of(name))
            .ifPresent(
                src ->
                    live.put(
                        key, object(key, header(RegistryOwners.Kind.SOURCE, name) + yaml(src))));
      } else if (kind.equals("environment") && !retiredEnvironments.contains(name)) {
        stores
            .environments()
            .find(EnvironmentName.of(name))
            .ifPresent(
                env ->
                    live.put(
                        key,
                        object(key, header(RegistryOwners.Kind.ENVIRONMENT, name) + yaml(env))));
      }
    }
    return new LiveState(live);
  }

  /**
   * Applies the changed documents in one registry transaction, retiring the deleted objects (after
   * pruning their target files by inventory when the config environment cascades).
   */
  @Override
  public void apply(List<Change> changes) {
    List<Document> changed = new ArrayList<>();
    Set<String> retiring = new HashSet<>();
    for (Change change : changes) {
      if (change.action() == ChangeAction.DELETE) {
        String value = change.key().value();
        String kind = value.startsWith("source/") ? Kind.Source.name() : Kind.Environment.name();
        retiring.add(kind + "/" + value.substring(value.indexOf('/') + 1));
      } else {
        changed.add(declared.get(change.key()));
      }
    }
    try {
      if (cascade) {
        retiring.stream()
            .filter(k -> k.startsWith(Kind.Environment.name() + "/"))
            .map(k -> EnvironmentName.of(k.substring(k.indexOf('/') + 1)))
            .forEach(name -> pruneFiles(name, changes));
      }
      inRun(
          () ->
              reconciler.apply(
                  actor(), changed, owner(), retiring.isEmpty() ? null : retiring::contains));
    } catch (ApplyException e) {
      throw e;
    } catch (EngineException e) {
      throw new ApplyException(failed(changes, e), List.of(), e.getMessage(), e);
    }
  }

  /**
   * {@code deletion: cascade}: the files of an environment being retired are pruned first, as a
   * recorded run of that environment; a failed prune fails this run before anything is retired.
   */
  private void pruneFiles(EnvironmentName name, List<Change> changes) {
    String file =
        stores
            .owners()
            .find(RegistryOwners.Kind.ENVIRONMENT, name.value())
            .map(Owner::file)
            .orElse("?");
    ReconcileOutcome outcome =
        retirement.prune(
            name, actor(), "retired by " + owner() + ": removed from " + file + " (cascade)");
    if (outcome.result().error() != null) {
      Change retire =
          changes.stream()
              .filter(c -> c.key().equals(key(Kind.Environment, name.value())))
              .findFirst()
              .orElse(changes.get(0));
      throw new ApplyException(
          retire,
          List.of(),
          "could not prune the files of environment '%s' (run %s): %s"
              .formatted(name, outcome.run(), outcome.result().error().message()),
          null);
    }
  }

  @Override
  public Optional<CommandResult> postApply() {
    return Optional.empty();
  }

  @Override
  public HealthReport health(Duration timeout) {
    return HealthReport.healthy("the registry holds the documents");
  }

  @Override
  public Duration healthTimeout() {
    return Duration.ZERO;
  }

  private String owner() {
    return self.name().value();
  }

  private String actor() {
    return "environment:" + owner();
  }

  private List<Document> documentsOf(Set<ResourceKey> keys) {
    List<Document> all = new ArrayList<>();
    for (ResourceKey key : new java.util.TreeSet<>(keys)) {
      Document d = declared.get(key);
      if (d != null) {
        all.add(d);
      }
    }
    return all;
  }

  /** The change of the document a refusal names, else the first. */
  private Change failed(List<Change> changes, EngineException e) {
    String file = e.details().get("file");
    for (Change change : changes) {
      Document d = declared.get(change.key());
      if (d != null && d.file().equals(file)) {
        return change;
      }
    }
    return changes.get(0);
  }

  private String header(RegistryOwners.Kind kind, String name) {
    return stores.owners().find(kind, name).map(RegistryTarget::header).orElse(NOT_MANAGED);
  }

  private static String header(Owner owner) {
    return "# managed by " + owner.name() + " (file " + owner.file() + ")\n";
  }

  /** A document as export writes it, so that an unchanged object reads equal to its document. */
  private String yaml(Document d) {
    return d.kind() == Kind.Source ? yaml(d.source().toDomain()) : yaml(d.environment().toDomain());
  }

  private String yaml(Source source) {
    return SourceRequest.declarable(source)
        .map(r -> documents.write(List.of(documents.document(Kind.Source, r))))
        .orElse("# its credentials are held inline\n");
  }

  private String yaml(Environment environment) {
    return documents.write(
        List.of(documents.document(Kind.Environment, EnvironmentRequest.from(environment))));
  }

  private static Resource object(ResourceKey key, String text) {
    return new Resource(
        key, ResourceKind.OBJECT, Content.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A document check inside a run: a refusal fails the run naming the file and the field. */
  private static <T> T inRun(java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidFieldException e) {
      throw RegistryDocumentException.of(e);
    }
  }
}
