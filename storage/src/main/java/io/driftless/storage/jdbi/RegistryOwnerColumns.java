package io.driftless.storage.jdbi;

import io.driftless.engine.port.RegistryOwners;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Owners in the {@code managed_by} and {@code managed_file} columns of {@code sources} and {@code
 * environments}: a deleted row takes its owner with it.
 */
public final class RegistryOwnerColumns implements RegistryOwners {
  private final Jdbi jdbi;

  public RegistryOwnerColumns(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Owner> find(Kind kind, String name) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT managed_by, managed_file FROM "
                        + table(kind)
                        + " WHERE name = :name AND managed_by IS NOT NULL")
                .bind("name", name)
                .map((rs, ctx) -> new Owner(rs.getString(1), rs.getString(2)))
                .findOne());
  }

  @Override
  public Map<String, Owner> all(Kind kind) {
    Map<String, Owner> owners = new TreeMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT name, managed_by, managed_file FROM "
                        + table(kind)
                        + " WHERE managed_by IS NOT NULL")
                .map(
                    (rs, ctx) ->
                        Map.entry(rs.getString(1), new Owner(rs.getString(2), rs.getString(3))))
                .forEach(e -> owners.put(e.getKey(), e.getValue())));
    return owners;
  }

  @Override
  public void set(Kind kind, String name, Owner owner) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE "
                        + table(kind)
                        + " SET managed_by = :by, managed_file = :file WHERE name = :name")
                .bind("by", owner == null ? null : owner.name())
                .bind("file", owner == null ? null : owner.file())
                .bind("name", name)
                .execute());
  }

  @Override
  public Set<String> retired(Kind kind) {
    return jdbi.withHandle(
        h ->
            new TreeSet<>(
                h.createQuery("SELECT name FROM " + table(kind) + " WHERE retired")
                    .mapTo(String.class)
                    .list()));
  }

  @Override
  public void setRetired(Kind kind, String name, boolean retired) {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE " + table(kind) + " SET retired = :retired WHERE name = :name")
                .bind("retired", retired)
                .bind("name", name)
                .execute());
  }

  /** Nested Jdbi calls on this thread share the handle, so the stores' writes join this one. */
  @Override
  public <T> T inOneTransaction(Supplier<T> work) {
    return Sql.inTransaction(jdbi, h -> work.get());
  }

  private static String table(Kind kind) {
    return kind == Kind.SOURCE ? "sources" : "environments";
  }
}
