package io.driftless.ssh;

import io.driftless.ssh.RemoteFileException.Problem;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFTP client of one session, every call bounded by the session's operation timeout and every
 * failure typed (see {@link SshSession#guarded}); shared by {@link RemoteFiles} and its helpers.
 */
final class SftpCalls {
  private static final Logger LOG = LoggerFactory.getLogger(SftpCalls.class);

  /** A call without a result. */
  @FunctionalInterface
  interface IoRun {
    void run() throws IOException;
  }

  final SshSession session;
  final SshHost host;
  final SftpClient sftp;

  SftpCalls(SshSession session, SftpClient sftp) {
    this.session = session;
    this.host = session.host();
    this.sftp = sftp;
  }

  <T> T call(String operation, RemotePath path, SshSession.IoCall<T> call) {
    return session.guarded(operation, path, call);
  }

  void run(String operation, RemotePath path, IoRun run) {
    session.guarded(
        operation,
        path,
        () -> {
          run.run();
          return null;
        });
  }

  /** {@code lstat}; empty when nothing is there. */
  Optional<RemoteStat> lstat(RemotePath path) {
    try {
      return Optional.of(toStat(call("lstat", path, () -> sftp.lstat(path.value()))));
    } catch (RemoteFileException e) {
      if (e.problem() == Problem.NO_SUCH_FILE) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A refusal decided here rather than by the server. */
  RemoteFileException refused(String operation, RemotePath path, Problem problem, String why) {
    return new RemoteFileException(
        host,
        operation,
        path,
        problem,
        "cannot " + operation + " " + path + " on " + host + ": it " + why,
        null);
  }

  RemoteLimitException tooLarge(RemotePath path, long maxBytes) {
    return new RemoteLimitException(
        host, path, maxBytes, path + " on " + host + " is larger than " + maxBytes + " bytes");
  }

  /** Closes a handle, if the session is still there to close it on; a failure is only logged. */
  void closeQuietly(CloseableHandle handle) {
    if (!session.isOpen()) {
      return;
    }
    try {
      run("close", null, handle::close);
    } catch (RemoteHostException e) {
      LOG.debug("could not close a handle on {}: {}", host, e.getMessage());
    }
  }

  static RemoteStat toStat(Attributes attributes) {
    FileTime mtime = attributes.getModifyTime();
    return new RemoteStat(
        Math.max(0, attributes.getSize()),
        mtime == null ? 0 : mtime.to(TimeUnit.SECONDS),
        attributes.getPermissions(),
        attributes.getUserId(),
        attributes.getGroupId());
  }
}
