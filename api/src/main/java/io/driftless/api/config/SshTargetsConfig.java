package io.driftless.api.config;

import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.ssh.SshTimeouts;
import io.driftless.ssh.target.SshTargetFactory;
import io.dropwizard.util.Duration;
import java.time.Clock;
import java.util.List;

/**
 * Where ssh targets may reach: {@code targets.ssh.allowedHosts} (patterns of the product's glob
 * syntax, matched against a host's name or address, or against {@code host:port} when the pattern
 * holds a ':') and {@code targets.ssh.allowedRoots} (absolute directories on the hosts). Both empty
 * by default: no ssh target until an admin of the server lists where they may go.
 *
 * @param connectTimeout to connect, exchange keys and log in; default 15s
 * @param operationTimeout for one SFTP request or channel open to be answered; default 30s
 */
public record SshTargetsConfig(
    List<String> allowedHosts,
    List<String> allowedRoots,
    Duration connectTimeout,
    Duration operationTimeout) {

  public SshTargetsConfig {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
    connectTimeout =
        connectTimeout == null
            ? Duration.seconds(SshTimeouts.DEFAULT.connect().toSeconds())
            : connectTimeout;
    operationTimeout =
        operationTimeout == null
            ? Duration.seconds(SshTimeouts.DEFAULT.operation().toSeconds())
            : operationTimeout;
  }

  public static SshTargetsConfig defaults() {
    return new SshTargetsConfig(null, null, null, null);
  }

  public SshTargetFactory buildTargets(
      CredentialStore credentials, CommandPolicy commands, Clock clock) {
    return new SshTargetFactory(
        new SshTargetFactory.Limits(allowedHosts, allowedRoots),
        credentials,
        commands,
        new SshTimeouts(connectTimeout.toJavaDuration(), operationTimeout.toJavaDuration()),
        clock);
  }
}
