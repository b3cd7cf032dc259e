package io.driftless.api.service;

import io.driftless.api.model.ApplyResponse;
import io.driftless.api.model.ApplyResponse.PlannedObject;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.service.RegistryDocuments.Document;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.GitUrlPolicy;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RegistryOwners.Owner;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.scheduler.EnvironmentScheduler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reconciles the registry with declarative documents under one owner: {@link #plan} computes what
 * would be added, changed, left unchanged or retired against the registry as stored (nothing
 * changes); {@link #apply} writes the registry rows in one transaction and hands the changed
 * environments to the scheduler only after the commit. Knows no HTTP: {@code driftless apply} calls
 * it through {@code POST /api/v1/apply}, and a config environment's run ({@link RegistryTarget})
 * with itself as the owner.
 */
public final class RegistryReconciler {
  /**
   * One object of a plan and what writing it needs: the desired source or environment (null for the
   * other kind, and for a retirement) and its owner.
   */
  public record Step(PlannedObject entry, Source source, Environment environment, Owner owner) {
    boolean writes() {
      return entry.action().equals("add") || entry.action().equals("change");
    }

    boolean retires() {
      return entry.action().equals("retire");
    }
  }

  /** A plan and the writes it needs. */
  public record Plan(String owner, List<Step> steps) {
    public boolean changes() {
      return steps.stream().anyMatch(s -> !s.entry().action().equals("unchanged"));
    }

    public ApplyResponse response(boolean dryRun) {
      List<PlannedObject> entries = steps.stream().map(Step::entry).toList();
      return new ApplyResponse(dryRun, owner, changes(), summary(entries), entries);
    }

    private static String summary(List<PlannedObject> entries) {
      List<String> parts = new ArrayList<>();
      for (String action : List.of("add", "change", "retire", "unchanged")) {
        long n = entries.stream().filter(e -> e.action().equals(action)).count();
        if (n > 0) {
          parts.add(n + " " + (action.equals("unchanged") ? "unchanged" : "to " + action));
        }
      }
      return parts.isEmpty() ? "no documents" : String.join(", ", parts);
    }
  }

  private static final Predicate<String> ALL = key -> true;

  private final SourceCatalog sources;
  private final EnvironmentCatalog environments;
  private final RegistryOwners owners;
  private final GitUrlPolicy urls;
  private final EnvironmentRegistry environmentChecks;
  private final EnvironmentScheduler scheduler;
  private final Audit audit;

  public RegistryReconciler(
      Stores stores,
      GitUrlPolicy urls,
      EnvironmentRegistry environmentChecks,
      EnvironmentScheduler scheduler,
      Audit audit) {
    this.sources = stores.sources();
    this.environments = stores.environments();
    this.owners = stores.owners();
    this.urls = urls;
    this.environmentChecks = environmentChecks;
    this.scheduler = scheduler;
    this.audit = audit;
  }

  /**
   * What applying {@code documents} under {@code owner} would do; nothing changes.
   *
   * @param owner null applies unowned objects, as REST registers them
   * @param prune whether objects of {@code owner} that no document names are retired
   */
  public Plan plan(List<Document> documents, String owner, boolean prune) {
    return plan(documents, owner, prune ? ALL : null);
  }

  /**
   * What applying {@code documents} under {@code owner} would do, retiring only the owner's objects
   * that no document names and {@code retiring} accepts ({@code Kind/name}, e.g. {@code
   * Environment/web}); null retires nothing. A config environment retires exactly the objects its
   * run's plan deletes.
   */
  public Plan plan(List<Document> documents, String owner, Predicate<String> retiring) {
    boolean prune = retiring != null;
    if (prune && owner == null) {
      throw new InvalidFieldException(
          "owner",
          "prune needs an owner: only objects applied earlier under that owner are retired");
    }
    documents.stream()
        .filter(d -> d.kind() == Kind.EnvironmentSet)
        .findFirst()
        .ifPresent(
            d -> {
              throw new IllegalStateException(
                  d.file()
                      + ": EnvironmentSet "
                      + d.name()
                      + " is not expanded: see EnvironmentSets");
            });
    checkUnique(documents);
    List<Step> steps = new ArrayList<>();
    Set<String> declaredSources = new HashSet<>();
    for (Document d : documents) {
      if (d.kind() == Kind.Source) {
        declaredSources.add(d.name());
        steps.add(sourceStep(d, owner));
      }
    }
    for (Document d : documents) {
      if (d.kind() == Kind.Environment) {
        steps.add(environmentStep(d, owner, declaredSources));
      }
    }
    if (prune) {
      steps.addAll(retirements(documents, owner, retiring));
    }
    steps.sort((a, b) -> Integer.compare(order(a.entry().action()), order(b.entry().action())));
    return new Plan(owner, steps);
  }

  /**
   * Applies {@code documents}: every registry row in one transaction, audited in it; then the
   * scheduler's jobs of the added and changed environments.
   *
   * @param actor who applies, for the audit log
   */
  public Plan apply(String actor, List<Document> documents, String owner, boolean prune) {
    return apply(actor, documents, owner, prune ? ALL : null);
  }

  /** Applies {@code documents}, retiring what {@code retiring} accepts (see {@link #plan}). */
  public Plan apply(
      String actor, List<Document> documents, String owner, Predicate<String> retiring) {
    Plan plan = plan(documents, owner, retiring);
    List<Step> writes = plan.steps().stream().filter(s -> s.writes() || s.retires()).toList();
    if (writes.isEmpty()) {
      return plan;
    }
    owners.inOneTransaction(
        () -> {
          for (Step step : writes) {
            write(step);
            audit.record(
                actor,
                step.entry().kind().toLowerCase(java.util.Locale.ROOT)
                    + (step.retires() ? ".retire" : ".apply"),
                step.entry().kind().toLowerCase(java.util.Locale.ROOT),
                step.entry().name(),
                (step.retires()
                        ? "pruned: no document declares it any more, was in "
                        : "applied from ")
                    + step.entry().file()
                    + (owner == null ? "" : " by owner " + owner),
                null,
                step.entry());
          }
          return null;
        });
    for (Step step : writes) {
      if (step.environment() != null) {
        scheduler.schedule(step.environment());
      } else if (step.retires() && step.entry().kind().equals(Kind.Environment.name())) {
        scheduler.unschedule(EnvironmentName.of(step.entry().name()));
      }
    }
    return plan;
  }

  private void write(Step step) {
    boolean add = step.entry().action().equals("add");
    if (step.retires()) {
      owners.setRetired(kind(step), step.entry().name(), true);
      return;
    }
    // Declaring a retired object again restores it.
    owners.setRetired(kind(step), step.entry().name(), false);
    if (step.source() != null) {
      if (add) {
        sources.register(step.source());
      } else {
        sources.update(step.source());
      }
      owners.set(RegistryOwners.Kind.SOURCE, step.entry().name(), step.owner());
    } else {
      inFile(step, () -> environmentChecks.check(step.environment()));
      if (add) {
        environments.register(step.environment());
      } else {
        environments.update(step.environment());
      }
      owners.set(RegistryOwners.Kind.ENVIRONMENT, step.entry().name(), step.owner());
    }
  }

  private Step sourceStep(Document d, String owner) {
    Source declared = urls.check(d.source().toDomain());
    Optional<Source> current = sources.find(declared.name());
    Owner owns = owner == null ? null : new Owner(owner, d.file());
    if (current.isEmpty()) {
      return new Step(entry("add", d, List.of()), declared, null, owns);
    }
    checkOwner(d, RegistryOwners.Kind.SOURCE, owner);
    // A document never holds the webhook secret: the one set by REST stays.
    Source desired =
        new Source(
            declared.name(),
            declared.url(),
            declared.auth(),
            declared.writeAuth(),
            current.get().webhookSecret(),
            declared.verify(),
            declared.forkPreviews(),
            declared.decryption());
    List<String> fields = changedFields(current.get(), desired);
    fields.addAll(ownerFields(RegistryOwners.Kind.SOURCE, d.name(), owns));
    fields.addAll(retiredField(RegistryOwners.Kind.SOURCE, d.name()));
    return new Step(
        entry(fields.isEmpty() ? "unchanged" : "change", d, fields), desired, null, owns);
  }

  private Step environmentStep(Document d, String owner, Set<String> declaredSources) {
    Environment desired = d.environment().toDomain();
    String source = desired.source().value();
    if (!declaredSources.contains(source) && sources.find(SourceName.of(source)).isEmpty()) {
      throw new InvalidFieldException(
          d.file(),
          "source",
          d.file()
              + ": source: Environment "
              + d.name()
              + ": source '"
              + source
              + "' is neither registered nor declared");
    }
    if (sources.find(SourceName.of(source)).isPresent()) {
      inFile(d, () -> environmentChecks.check(desired));
    }
    Optional<Environment> current = environments.find(desired.name());
    Owner owns = owner == null ? null : new Owner(owner, d.file());
    if (current.isEmpty()) {
      return new Step(entry("add", d, List.of()), null, desired, owns);
    }
    checkOwner(d, RegistryOwners.Kind.ENVIRONMENT, owner);
    List<String> fields = changedFields(current.get(), desired);
    fields.addAll(ownerFields(RegistryOwners.Kind.ENVIRONMENT, d.name(), owns));
    fields.addAll(retiredField(RegistryOwners.Kind.ENVIRONMENT, d.name()));
    return new Step(
        entry(fields.isEmpty() ? "unchanged" : "change", d, fields), null, desired, owns);
  }

  /** An existing object belongs to this owner, or the document adopts it. */
  private void checkOwner(Document d, RegistryOwners.Kind kind, String owner) {
    Optional<Owner> current = owners.find(kind, d.name());
    String holder = current.map(Owner::name).orElse(null);
    if (Objects.equals(holder, owner) || d.adopt()) {
      return;
    }
    String held =
        current
            .map(o -> "is managed by '" + o.name() + "' (file " + o.file() + ")")
            .orElse("exists and is not managed by any owner");
    throw new InvalidFieldException(
        d.file(),
        "adopt",
        d.file()
            + ": adopt: "
            + d.kind()
            + " "
            + d.name()
            + " "
            + held
            + "; add adopt: true to the document to take it over"
            + (owner == null ? "" : " as '" + owner + "'"));
  }

  private List<String> ownerFields(RegistryOwners.Kind kind, String name, Owner owns) {
    Owner current = owners.find(kind, name).orElse(null);
    if (Objects.equals(current, owns)) {
      return List.of();
    }
    return List.of("managedBy");
  }

  /** A retired object that a document declares again is restored: a change of {@code retired}. */
  private List<String> retiredField(RegistryOwners.Kind kind, String name) {
    return owners.retired(kind).contains(name) ? List.of("retired") : List.of();
  }

  /**
   * The owner's objects that no document names and that are not retired yet. A source is retired
   * only when every environment using it is retired or retires with it; otherwise the plan is
   * refused naming them.
   */
  private List<Step> retirements(
      List<Document> documents, String owner, Predicate<String> accepted) {
    Set<String> named = new HashSet<>();
    documents.forEach(d -> named.add(d.kind() + "/" + d.name()));
    Predicate<String> unnamed = key -> !named.contains(key) && accepted.test(key);
    List<Step> environmentSteps = unnamed(Kind.Environment, unnamed, owner);
    List<Step> sourceSteps = unnamed(Kind.Source, unnamed, owner);
    if (!sourceSteps.isEmpty()) {
      Set<String> retiring = new HashSet<>(owners.retired(RegistryOwners.Kind.ENVIRONMENT));
      environmentSteps.forEach(s -> retiring.add(s.entry().name()));
      for (Step source : sourceSteps) {
        List<String> users =
            usersOf(SourceName.of(source.entry().name())).stream()
                .filter(e -> !retiring.contains(e))
                .sorted()
                .toList();
        if (!users.isEmpty()) {
          throw new InvalidFieldException(
              source.entry().file(),
              "prune",
              "prune would retire source "
                  + source.entry().name()
                  + " (no document declares it any more, was in "
                  + source.entry().file()
                  + "), but environment"
                  + (users.size() == 1 ? " " : "s ")
                  + String.join(", ", users)
                  + " still use"
                  + (users.size() == 1 ? "s" : "")
                  + " it: retire or move them first, or keep the source's document");
        }
      }
    }
    List<Step> steps = new ArrayList<>(sourceSteps);
    steps.addAll(environmentSteps);
    return steps;
  }

  private List<String> usersOf(SourceName source) {
    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      Page<EnvironmentSummary> page =
          environments.list(new EnvironmentQuery(null, source, null, cursor, Page.MAX_LIMIT));
      page.items().forEach(e -> names.add(e.environment().name().value()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return names;
  }

  private List<Step> unnamed(Kind kind, Predicate<String> unnamed, String owner) {
    RegistryOwners.Kind stored =
        kind == Kind.Source ? RegistryOwners.Kind.SOURCE : RegistryOwners.Kind.ENVIRONMENT;
    Set<String> retired = owners.retired(stored);
    List<Step> steps = new ArrayList<>();
    for (Map.Entry<String, Owner> e : owners.all(stored).entrySet()) {
      if (e.getValue().name().equals(owner)
          && unnamed.test(kind + "/" + e.getKey())
          && !retired.contains(e.getKey())) {
        steps.add(
            new Step(
                new PlannedObject(
                    "retire", kind.name(), e.getKey(), e.getValue().file(), List.of()),
                null,
                null,
                e.getValue()));
      }
    }
    return steps;
  }

  private static RegistryOwners.Kind kind(Step step) {
    return step.entry().kind().equals(Kind.Source.name())
        ? RegistryOwners.Kind.SOURCE
        : RegistryOwners.Kind.ENVIRONMENT;
  }

  /** Refuses two documents declaring the same object, naming the second's file. */
  static List<Document> checkUnique(List<Document> documents) {
    Map<String, String> seen = new java.util.HashMap<>();
    for (Document d : documents) {
      String previous = seen.putIfAbsent(d.kind() + "/" + d.name(), d.file());
      if (previous != null) {
        throw new InvalidFieldException(
            d.file(),
            "name",
            d.file()
                + ": name: "
                + d.kind()
                + " "
                + d.name()
                + " is declared twice (also in "
                + previous
                + ")");
      }
    }
    return documents;
  }

  private static PlannedObject entry(String action, Document d, List<String> fields) {
    return new PlannedObject(action, d.kind().name(), d.name(), d.file(), fields);
  }

  private static int order(String action) {
    return switch (action) {
      case "add" -> 0;
      case "change" -> 1;
      case "retire" -> 2;
      default -> 3;
    };
  }

  /** The components of two records of one type that differ, by their wire names. */
  static List<String> changedFields(Record current, Record desired) {
    List<String> fields = new ArrayList<>();
    for (RecordComponent c : current.getClass().getRecordComponents()) {
      try {
        if (!Objects.equals(c.getAccessor().invoke(current), c.getAccessor().invoke(desired))) {
          fields.add(c.getName().equals("forkPreviews") ? "previews" : c.getName());
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
    }
    return fields;
  }

  /** Runs a check of one document's object; a refused field names the document's file. */
  private static void inFile(Document d, Runnable check) {
    inFile(d.file(), d.kind() + " " + d.name(), check);
  }

  private static void inFile(Step step, Runnable check) {
    inFile(step.entry().file(), step.entry().kind() + " " + step.entry().name(), check);
  }

  private static void inFile(String file, String label, Runnable check) {
    try {
      check.run();
    } catch (InvalidFieldException e) {
      throw new InvalidFieldException(
          file, e.field(), file + ": " + e.field() + ": " + label + ": " + e.getMessage());
    } catch (TargetConfigException | CommandRefusedException e) {
      String field = e.details().getOrDefault("field", "target");
      throw new InvalidFieldException(
          file, field, file + ": " + field + ": " + label + ": " + e.getMessage());
    }
  }
}
