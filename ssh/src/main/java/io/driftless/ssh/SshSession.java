package io.driftless.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated SSH connection to one host, opened by {@link SshSessions} and reused for every
 * file operation and command on that host during a run. Thread-safe.
 *
 * <p>Every operation is bounded by the operation timeout: a host that does not answer in time has
 * this session closed under the waiting call, which then fails with {@link SshTimeoutException}; a
 * session that ends during an operation fails it with {@link ConnectionLostException}.
 */
public final class SshSession {
  private static final Logger LOG = LoggerFactory.getLogger(SshSession.class);

  /** How long a timed-out command gets to go after it was sent SIGKILL. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(2);

  private final SshHost host;
  private final ClientSession session;
  private final SshTimeouts timeouts;
  private final ScheduledExecutorService alarms;
  private RemoteFiles files;

  SshSession(
      SshHost host, ClientSession session, SshTimeouts timeouts, ScheduledExecutorService alarms) {
    this.host = host;
    this.session = session;
    this.timeouts = timeouts;
    this.alarms = alarms;
  }

  public SshHost host() {
    return host;
  }

  /** Whether the connection is still up. */
  public boolean isOpen() {
    return session.isOpen() && !session.isClosing();
  }

  /**
   * The host's files over SFTP; the SFTP channel is opened on first use and kept. The protocol is
   * held at version 3, the one OpenSSH speaks, so every server is read the same way.
   */
  public synchronized RemoteFiles files() {
    if (files == null || !files.isOpen()) {
      files =
          new RemoteFiles(
              this,
              guarded(
                  "open SFTP",
                  null,
                  () ->
                      SftpClientFactory.instance()
                          .createSftpClient(session, SftpVersionSelector.fixedVersionSelector(3))));
    }
    return files;
  }

  /**
   * Runs {@code argv} on the host through the login shell of the session's user (each argument
   * quoted by {@link PosixShell}, the program started with {@code exec}), with no standard input.
   *
   * <p>When it runs past {@code timeout}, its whole process group is killed: sshd makes the login
   * shell a session and process-group leader, the shell reports its process id before it becomes
   * the program, and a second command on the same connection runs {@code kill -KILL -- -<id>}; the
   * SSH {@code signal} request is sent too (OpenSSH refuses it for root logins). Then the channel
   * is closed and the result says it timed out. A process that left the group (setsid, a daemon) is
   * not followed. Output beyond {@code outputLimit} bytes is cut from the front. Which commands may
   * run is not decided here: callers ask the server's command policy first.
   *
   * @throws ConnectionLostException when the session ends while the command runs
   */
  public ExecResult exec(List<String> argv, Duration timeout, int outputLimit) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a command timeout must be positive");
    }
    String command = "echo $$; exec " + PosixShell.command(argv);
    String operation = "exec " + argv.get(0);
    BoundedOutput output = new BoundedOutput(outputLimit);
    ProcessGroupLine stdout = new ProcessGroupLine(output);
    long start = System.nanoTime();
    ChannelExec channel =
        guarded(
            operation,
            null,
            () -> {
              ChannelExec opened = session.createExecChannel(command);
              opened.setOut(stdout);
              opened.setErr(output);
              opened.open().verify(timeouts.operation());
              opened.getInvertedIn().close(); // EOF: a command that reads stdin ends at once
              return opened;
            });
    try {
      Set<ClientChannelEvent> events =
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        kill(channel, stdout.processGroup());
        LOG.warn("{} on {} timed out after {} and was killed", operation, host, timeout);
        return new ExecResult(-1, "KILL", true, since(start), output.text());
      }
      Integer status = channel.getExitStatus();
      String signal = channel.getExitSignal();
      if (status == null && signal == null) {
        throw new ConnectionLostException(
            host,
            operation,
            "the session with "
                + host
                + " ended while '"
                + argv.get(0)
                + "' ran; its outcome is unknown",
            null);
      }
      return new ExecResult(
          status == null ? -1 : status, signal, false, since(start), output.text());
    } finally {
      channel.close(true);
    }
  }

  /**
   * Kills a timed-out command's process group: by the SSH signal request, and by {@code kill} in a
   * second channel when the group's id is known. Then waits briefly for the channel to close.
   */
  private void kill(ChannelExec channel, OptionalLong processGroup) {
    try {
      Buffer request = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
      request.putUInt(channel.getRecipient());
      request.putString("signal");
      request.putBoolean(false);
      request.putString("KILL");
      channel.writePacket(request);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not send the KILL signal request on {}: {}", host, e.toString());
    }
    if (processGroup.isPresent()) {
      try (ChannelExec killer =
          session.createExecChannel("kill -KILL -- -" + processGroup.getAsLong())) {
        killer.setOut(OutputStream.nullOutputStream());
        killer.setErr(OutputStream.nullOutputStream());
        killer.open().verify(timeouts.operation());
        killer.getInvertedIn().close();
        killer.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), KILL_GRACE);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not kill the timed-out command's processes on {}: {}", host, e.toString());
      }
    }
    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), KILL_GRACE);
  }

  /** Closes the connection; a running operation fails. */
  void close() {
    session.close(true);
  }

  /** A call on the session that may block on the host. */
  @FunctionalInterface
  interface IoCall<T> {
    T call() throws IOException;
  }

  /**
   * Runs {@code call}, closing the session if it does not return within the operation timeout, and
   * turns every failure into a typed {@link RemoteHostException}.
   *
   * @param path the remote path the operation is about, or null
   */
  <T> T guarded(String operation, RemotePath path, IoCall<T> call) {
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        alarms.schedule(
            () -> {
              expired.set(true);
              session.close(true);
            },
            timeouts.operation().toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      return call.call();
    } catch (RemoteHostException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw failure(operation, path, e, expired.get());
    } finally {
      alarm.cancel(false);
    }
  }

  private RemoteHostException failure(
      String operation, RemotePath path, Exception e, boolean expired) {
    String what = path == null ? operation : operation + " " + path;
    if (expired) {
      LOG.warn(
          "{} on {} did not answer within {}; session closed", what, host, timeouts.operation());
      return new SshTimeoutException(
          host,
          operation,
          timeouts.operation(),
          host + " did not answer " + what + " within " + timeouts.operation());
    }
    if (e instanceof SftpException sftp && path != null) {
      return new RemoteFileException(
          host,
          operation,
          path,
          problem(sftp.getStatus()),
          "could not " + what + " on " + host + ": " + sftp.getMessage(),
          e);
    }
    if (!isOpen()) {
      return new ConnectionLostException(
          host, operation, "the session with " + host + " ended during " + what, e);
    }
    return new SshProtocolException(
        host,
        operation,
        "could not "
            + what
            + " on "
            + host
            + ": "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage(),
        e);
  }

  static RemoteFileException.Problem problem(int status) {
    return switch (status) {
      case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
          RemoteFileException.Problem.NO_SUCH_FILE;
      case SftpConstants.SSH_FX_PERMISSION_DENIED, SftpConstants.SSH_FX_WRITE_PROTECT ->
          RemoteFileException.Problem.PERMISSION_DENIED;
      case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS -> RemoteFileException.Problem.ALREADY_EXISTS;
      case SftpConstants.SSH_FX_NOT_A_DIRECTORY -> RemoteFileException.Problem.NOT_A_DIRECTORY;
      case SftpConstants.SSH_FX_DIR_NOT_EMPTY -> RemoteFileException.Problem.DIRECTORY_NOT_EMPTY;
      case SftpConstants.SSH_FX_FILE_IS_A_DIRECTORY -> RemoteFileException.Problem.NOT_A_FILE;
      default -> RemoteFileException.Problem.FAILURE;
    };
  }

  SshTimeouts timeouts() {
    return timeouts;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
