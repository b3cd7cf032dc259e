package io.driftless.api.config;

import io.driftless.storage.StorageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files the server keeps for itself (the H2 database, the Git work directory, the secrets key,
 * the admin token), which no directory target may reach: an allowed target root that contains one,
 * or lies inside one, refuses the start, so that a repository can never overwrite or read them.
 */
public final class ServerFiles {
  private record Held(String what, Path path) {}

  private ServerFiles() {}

  /**
   * @throws IllegalStateException with one line naming the allowed root and the file it overlaps
   */
  public static void checkTargetRoots(DriftlessConfiguration config) {
    Path dataDir = config.dataDir();
    List<Held> held = held(config, dataDir);
    for (Path root : config.getTargets().allowedRoots(dataDir)) {
      for (Held file : held) {
        boolean contains = file.path().startsWith(root);
        if (contains || root.startsWith(file.path())) {
          throw new IllegalStateException(
              "targets.allowedRoots: "
                  + root
                  + (contains ? " contains " : " lies inside ")
                  + file.what()
                  + " "
                  + file.path()
                  + "; a directory target must never reach the server's own files");
        }
      }
    }
  }

  private static List<Held> held(DriftlessConfiguration config, Path dataDir) {
    List<Held> held = new ArrayList<>();
    String url = config.getDatabase().url();
    if (url == null) {
      held.add(new Held("the H2 database", dataDir.resolve("driftless.mv.db")));
    } else if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:")) {
      String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
      held.add(new Held("the H2 database", Path.of(file + ".mv.db").toAbsolutePath().normalize()));
    }
    held.add(new Held("git.workDir", config.getGit().workDir(dataDir)));
    String keyFile = config.getDatabase().keyFile();
    held.add(
        new Held(
            "the secrets key file",
            keyFile != null
                ? Path.of(keyFile).toAbsolutePath().normalize()
                : dataDir.resolve(StorageConfig.GENERATED_KEY_FILE)));
    held.add(new Held("the admin token file", config.getAuth().adminTokenFile(dataDir)));
    return held;
  }
}
