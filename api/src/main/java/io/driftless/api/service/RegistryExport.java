package io.driftless.api.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.service.RegistryDocuments.Kind;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.Stores;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Today's registry as declarative documents, sources first: what {@code driftless export} prints
 * and {@code driftless apply -f} accepts. No secret is written: a source whose credentials are held
 * inline, and its environments, are listed as skipped instead.
 */
public final class RegistryExport {
  /**
   * @param text the documents as YAML
   * @param skipped what a document cannot declare, each with why
   */
  public record Exported(String text, List<String> skipped) {}

  private final SourceCatalog sources;
  private final EnvironmentCatalog environments;
  private final RegistryDocuments documents;
  private final RegistryOwners owners;

  public RegistryExport(Stores stores, RegistryDocuments documents) {
    this.sources = stores.sources();
    this.environments = stores.environments();
    this.owners = stores.owners();
    this.documents = documents;
  }

  public Exported export() {
    List<ObjectNode> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> skippedSources = new ArrayList<>();
    // A retired object is no longer declared: exporting it would restore it on apply.
    Set<String> retiredSources = owners.retired(RegistryOwners.Kind.SOURCE);
    Set<String> retiredEnvironments = owners.retired(RegistryOwners.Kind.ENVIRONMENT);
    sources.list().stream()
        .filter(view -> !retiredSources.contains(view.name().value()))
        .map(view -> sources.find(view.name()).orElseThrow())
        .forEach(
            source ->
                SourceRequest.declarable(source)
                    .ifPresentOrElse(
                        request -> out.add(documents.document(Kind.Source, request)),
                        () -> {
                          skippedSources.add(source.name().value());
                          skipped.add(
                              "source "
                                  + source.name().value()
                                  + ": its credentials are held inline; register them as a named"
                                  + " credential to declare it");
                        }));
    for (EnvironmentName name : environmentNames()) {
      if (retiredEnvironments.contains(name.value())) {
        continue;
      }
      environments
          .find(name)
          .ifPresent(
              e -> {
                if (skippedSources.contains(e.source().value())) {
                  skipped.add("environment " + name.value() + ": its source is skipped");
                } else {
                  out.add(documents.document(Kind.Environment, EnvironmentRequest.from(e)));
                }
              });
    }
    return new Exported(documents.write(out), skipped);
  }

  private List<EnvironmentName> environmentNames() {
    List<EnvironmentName> names = new ArrayList<>();
    String cursor = null;
    do {
      Page<EnvironmentSummary> page =
          environments.list(EnvironmentQuery.all(Page.MAX_LIMIT).after(cursor));
      page.items().forEach(s -> names.add(s.environment().name()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return names;
  }
}
