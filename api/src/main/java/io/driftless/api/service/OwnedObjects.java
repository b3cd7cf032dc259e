package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.ManagedBy;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.RegistryOwners;
import io.driftless.engine.port.RegistryOwners.Kind;
import io.driftless.engine.port.RegistryOwners.Owner;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for REST changes to objects declared in documents: refused with a 409 naming the
 * owner and the file, unless forced; a forced change says so in the audit log.
 */
public final class OwnedObjects {
  private final RegistryOwners owners;

  public OwnedObjects(RegistryOwners owners) {
    this.owners = owners;
  }

  /**
   * Allows a REST change of an object, or refuses it when an owner declares the object.
   *
   * @return the audit reason of the change: empty, or that it was forced over its owner
   * @throws ConflictException when the object is owned and {@code force} is off
   */
  public String allowChange(Kind kind, String name, boolean force) {
    Optional<Owner> owner = owners.find(kind, name);
    if (owner.isEmpty()) {
      return "";
    }
    Owner o = owner.get();
    String held = "is managed by '" + o.name() + "' (file " + o.file() + ")";
    if (!force) {
      throw new ConflictException(
          label(kind)
              + " '"
              + name
              + "' "
              + held
              + ": change its document and apply it, or repeat with ?force=true",
          Map.of("owner", o.name(), "file", o.file()));
    }
    return "forced: " + label(kind) + " " + held;
  }

  /**
   * Releases every object {@code owner} declares (a deleted config environment's): they become
   * unowned, as if registered by REST, and each release is audited ({@code source.release}, {@code
   * environment.release}) with the owner and file it had. Runs inside the caller's transaction.
   */
  public void release(Audit audit, Caller who, String owner) {
    for (Kind kind : Kind.values()) {
      owners
          .all(kind)
          .forEach(
              (name, o) -> {
                if (o.name().equals(owner)) {
                  owners.set(kind, name, null);
                  audit.record(
                      who,
                      label(kind) + ".release",
                      label(kind),
                      name,
                      "its owner, config environment '"
                          + owner
                          + "', was deleted (it declared it in file "
                          + o.file()
                          + ")",
                      ManagedBy.from(o),
                      null);
                }
              });
    }
  }

  /** Runs {@code work} so that its registry writes commit together, as an apply's do. */
  public <T> T inOneTransaction(java.util.function.Supplier<T> work) {
    return owners.inOneTransaction(work);
  }

  public ManagedBy managedBy(Kind kind, String name) {
    return ManagedBy.from(owners.find(kind, name).orElse(null));
  }

  /** The names of the retired objects of a kind. */
  public java.util.Set<String> retired(Kind kind) {
    return owners.retired(kind);
  }

  /** Every owned object of a kind, for listings. */
  public Map<String, Owner> all(Kind kind) {
    return owners.all(kind);
  }

  private static String label(Kind kind) {
    return kind == Kind.SOURCE ? "source" : "environment";
  }
}
