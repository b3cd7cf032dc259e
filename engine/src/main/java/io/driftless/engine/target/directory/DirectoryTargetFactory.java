package io.driftless.engine.target.directory;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.target.StagingLayout;
import io.driftless.engine.target.StatCache;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.target.TargetFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens {@link DirectoryTarget}s for environments whose target is a {@link TargetSpec.Directory},
 * refusing a root that does not lie under one of the roots the server configuration allows, and a
 * post-apply or health command its {@link CommandPolicy} does not allow. Holds one stat cache per
 * root, shared by every target opened on it, so that a no-op reconcile reads no file. Thread-safe;
 * make one per server.
 */
public final class DirectoryTargetFactory implements TargetFactory {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryTargetFactory.class);

  private final AllowedRoots allowedRoots;
  private final CommandPolicy commands;
  private final Clock clock;
  private final Seams seams;
  private final ConcurrentHashMap<Path, StatCache<FileStat>> caches = new ConcurrentHashMap<>();

  /**
   * @param allowedRoots absolute directories from the server configuration; a target root must be
   *     one of them or lie under one (compared as real paths). Empty allows nothing.
   * @param clock the clock for health deadlines and the stat cache's racy-timestamp rule
   */
  public DirectoryTargetFactory(List<Path> allowedRoots, Clock clock) {
    this(allowedRoots, CommandPolicy.off(), clock);
  }

  /**
   * @param commands which post-apply and health commands may run
   */
  public DirectoryTargetFactory(List<Path> allowedRoots, CommandPolicy commands, Clock clock) {
    this(allowedRoots, commands, clock, Seams.DEFAULT);
  }

  DirectoryTargetFactory(
      List<Path> allowedRoots, CommandPolicy commands, Clock clock, Seams seams) {
    this.allowedRoots = new AllowedRoots(Objects.requireNonNull(allowedRoots, "allowedRoots"));
    this.commands = Objects.requireNonNull(commands, "commands");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.seams = Objects.requireNonNull(seams, "seams");
  }

  /**
   * @throws TargetConfigException with field {@code target.type} for a target that is not a
   *     directory, {@code target.root} for a root outside the allowed roots or not a directory
   * @throws CommandRefusedException with field {@code target.postApply} or {@code
   *     target.healthCheck} for a command the policy does not allow, that is not on the server's
   *     search path, or that lies in the root (so a run fails before anything is written)
   */
  @Override
  public DirectoryTarget open(Environment environment) {
    if (!(environment.target() instanceof TargetSpec.Directory spec)) {
      throw TargetConfigException.notA(environment, "a directory");
    }
    Path root = allowedRoots.resolveInside(spec.root());
    StatCache<FileStat> cache = caches.computeIfAbsent(root, r -> new StatCache<>());
    DirectoryTarget target =
        new DirectoryTarget(
            new TargetRoot(spec, root, allowedRoots),
            new StagingLayout(environment.name()),
            cache,
            commands,
            clock,
            seams,
            environment.decryptedMode());
    target.checkRoot();
    LOG.debug("opened directory target {} for {}", root, environment.name());
    return target;
  }
}
