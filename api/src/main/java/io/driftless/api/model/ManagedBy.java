package io.driftless.api.model;

import io.driftless.engine.port.RegistryOwners;

/**
 * Who declared an object in a document (environments as code): REST changes to it are refused
 * without {@code ?force=true}. Absent for objects registered by REST.
 *
 * @param owner the owner that applied the document ({@code driftless apply --owner})
 * @param file the document's file
 */
public record ManagedBy(String owner, String file) {
  public static ManagedBy from(RegistryOwners.Owner owner) {
    return owner == null ? null : new ManagedBy(owner.name(), owner.file());
  }
}
