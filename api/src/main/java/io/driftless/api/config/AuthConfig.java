package io.driftless.api.config;

import io.driftless.engine.port.TokenStore;
import java.nio.file.Path;

/**
 * API authentication. There is no switch to turn it off.
 *
 * @param adminTokenFile where the first admin token is written (mode 0600) when no token exists;
 *     null for {@code <dataDir>/admin.token}
 * @param adminToken the first admin token, made by the operator and kept in a secret store (e.g.
 *     {@code ${DRIFTLESS_ADMIN_TOKEN}} from a Kubernetes Secret): when no token exists, it is
 *     registered as the token {@code admin} and no file is written; ignored once any token exists.
 *     Null (or blank) to have one generated into {@code adminTokenFile}
 */
public record AuthConfig(String adminTokenFile, String adminToken) {
  public AuthConfig {
    adminTokenFile = adminTokenFile == null || adminTokenFile.isBlank() ? null : adminTokenFile;
    adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.strip();
    if (adminToken != null && !TokenStore.wellFormed(adminToken)) {
      throw new IllegalArgumentException("auth.adminToken: " + TokenStore.FORMAT);
    }
  }

  public static AuthConfig defaults() {
    return new AuthConfig(null, null);
  }

  public Path adminTokenFile(Path dataDir) {
    return adminTokenFile == null
        ? dataDir.resolve("admin.token")
        : Path.of(adminTokenFile).toAbsolutePath().normalize();
  }

  @Override
  public String toString() {
    return "AuthConfig[adminTokenFile="
        + adminTokenFile
        + ", adminToken="
        + (adminToken == null ? "none" : "set")
        + "]";
  }
}
