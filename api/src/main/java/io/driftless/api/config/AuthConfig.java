package io.driftless.api.config;

import java.nio.file.Path;

/**
 * API authentication. There is no switch to turn it off.
 *
 * @param adminTokenFile where the first admin token is written (mode 0600) when no token exists;
 *     null for {@code <dataDir>/admin.token}
 */
public record AuthConfig(String adminTokenFile) {
  public AuthConfig {
    adminTokenFile = adminTokenFile == null || adminTokenFile.isBlank() ? null : adminTokenFile;
  }

  public static AuthConfig defaults() {
    return new AuthConfig(null);
  }

  public Path adminTokenFile(Path dataDir) {
    return adminTokenFile == null
        ? dataDir.resolve("admin.token")
        : Path.of(adminTokenFile).toAbsolutePath().normalize();
  }
}
