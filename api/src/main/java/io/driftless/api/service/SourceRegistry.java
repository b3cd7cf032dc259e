package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.ManagedBy;
import io.driftless.api.model.SourcePatch;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.model.SourceResponse;
import io.driftless.engine.domain.GitUrlPolicy;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.query.Page;
import java.util.List;
import java.util.Map;

/**
 * Registers, changes and removes sources, each change audited and each URL checked by the server's
 * {@link GitUrlPolicy}.
 */
public final class SourceRegistry {
  private final SourceCatalog sources;
  private final Audit audit;
  private final GitUrlPolicy urls;
  private final OwnedObjects owned;

  public SourceRegistry(
      SourceCatalog sources, Audit audit, GitUrlPolicy urls, RegistryOwners owners) {
    this.sources = sources;
    this.audit = audit;
    this.urls = urls;
    this.owned = new OwnedObjects(owners);
  }

  public SourceResponse register(Caller who, SourceRequest request) {
    Source source = urls.check(request.toDomain());
    SourceResponse created = SourceResponse.from(sources.register(source));
    audit.record(who, "source.register", "source", created.name(), "", null, created);
    return created;
  }

  /**
   * @param force change it even when a document declares it (audited as forced)
   */
  public SourceResponse update(Caller who, SourceName name, SourcePatch patch, boolean force) {
    Source current = sources.find(name).orElseThrow(() -> notFound(name));
    String reason = owned.allowChange(RegistryOwners.Kind.SOURCE, name.value(), force);
    SourceResponse before = get(name);
    Source changed =
        urls.checkChange(
            current, patch.applyTo(current), patch.auth() != null, patch.writeAuth() != null);
    SourceResponse after = withOwner(SourceResponse.from(sources.update(changed)));
    audit.record(who, "source.update", "source", name.value(), reason, before, after);
    return after;
  }

  /**
   * @param force remove it even when a document declares it (audited as forced)
   */
  public void delete(Caller who, SourceName name, boolean force) {
    SourceResponse before = get(name);
    String reason = owned.allowChange(RegistryOwners.Kind.SOURCE, name.value(), force);
    sources.delete(name);
    audit.record(who, "source.delete", "source", name.value(), reason, before, null);
  }

  public SourceResponse get(SourceName name) {
    return sources
        .view(name)
        .map(SourceResponse::from)
        .map(this::withOwner)
        .orElseThrow(() -> notFound(name));
  }

  private SourceResponse withOwner(SourceResponse source) {
    return source
        .withManagedBy(owned.managedBy(RegistryOwners.Kind.SOURCE, source.name()))
        .withRetired(owned.retired(RegistryOwners.Kind.SOURCE).contains(source.name()));
  }

  /**
   * Sources by name; few enough to page in memory.
   *
   * @param owner only those declared in documents applied by this owner; null for all
   */
  public ItemPage<SourceResponse> list(String owner, String cursor, int limit) {
    int size = Page.limit(limit);
    Map<String, RegistryOwners.Owner> owners = owned.all(RegistryOwners.Kind.SOURCE);
    java.util.Set<String> retired = owned.retired(RegistryOwners.Kind.SOURCE);
    List<SourceResponse> after =
        sources.list().stream()
            .map(SourceResponse::from)
            .map(s -> s.withManagedBy(ManagedBy.from(owners.get(s.name()))))
            .map(s -> s.withRetired(retired.contains(s.name())))
            .filter(
                s ->
                    owner == null || (s.managedBy() != null && owner.equals(s.managedBy().owner())))
            .filter(s -> cursor == null || s.name().compareTo(cursor) > 0)
            .toList();
    if (after.size() > size) {
      List<SourceResponse> page = after.subList(0, size);
      return new ItemPage<>(page, page.get(size - 1).name());
    }
    return new ItemPage<>(after, null);
  }

  private static NotFoundException notFound(SourceName name) {
    return new NotFoundException("source", name.value());
  }
}
