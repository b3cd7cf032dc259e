package io.driftless.api.config;

import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.target.directory.DirectoryTargetFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Where targets may write. Only these directories (and what lies under them) can be a directory
 * target's root: a repository can never widen them, and an admin registering an environment can
 * only choose among them.
 *
 * @param allowedRoots null for {@code [<dataDir>/targets]}; an empty list allows no directory
 * @param ssh where ssh targets may reach (hosts and roots on them); none by default
 */
public record TargetsConfig(List<String> allowedRoots, SshTargetsConfig ssh) {
  public TargetsConfig {
    allowedRoots = allowedRoots == null ? null : List.copyOf(allowedRoots);
    ssh = ssh == null ? SshTargetsConfig.defaults() : ssh;
  }

  /** Directory roots only, no ssh hosts. */
  public TargetsConfig(List<String> allowedRoots) {
    this(allowedRoots, null);
  }

  public static TargetsConfig defaults() {
    return new TargetsConfig(null, null);
  }

  public List<Path> allowedRoots(Path dataDir) {
    if (allowedRoots == null) {
      return List.of(dataDir.resolve("targets"));
    }
    return allowedRoots.stream().map(r -> Path.of(r).toAbsolutePath().normalize()).toList();
  }

  public DirectoryTargetFactory buildDirectoryTargets(
      Path dataDir, CommandPolicy commands, Clock clock) {
    return new DirectoryTargetFactory(allowedRoots(dataDir), commands, clock);
  }
}
