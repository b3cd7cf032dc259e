package io.driftless.ssh.testing;

import io.driftless.engine.git.PinnedHostKeys;
import io.driftless.ssh.RemotePath;
import io.driftless.ssh.SshHost;
import io.driftless.ssh.SshIdentity;
import io.driftless.ssh.SshSessions;
import io.driftless.ssh.SshTimeouts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server standing for one host in a test: {@code /usr/sbin/sshd -D -e -f <config>}
 * on a free port of 127.0.0.1, with its own generated host key, {@code authorized_keys}, pid file
 * and log file in its own directory, and a {@link #root()} directory that stands for the host's
 * files. Several can run at once. It runs as the user running the tests (root in CI and sessions:
 * then {@code /run/sshd}, sshd's privilege-separation directory, is created if missing); logins use
 * that same user.
 *
 * <p>{@link #kill()} stands for a host that dies: SIGKILL to the listener's process group and to
 * every process under the listener. OpenSSH puts each connection's processes in a session of their
 * own (setsid), so a process-group kill alone would leave open connections serving.
 */
public final class Sshd implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final String DEBIAN_SFTP_SERVER = "/usr/lib/openssh/sftp-server";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Set<Sshd> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Sshd::kill), "sshd-cleanup"));
  }

  private final Path dir;
  private final String sftpServer;
  private final boolean ipv6;
  private final Path rootMount; // null: the host's files are seen where they lie
  private final Path log;
  private int port;
  private Process listener;

  private Sshd(Path dir, String sftpServer, boolean ipv6, Path rootMount) {
    this.dir = dir;
    this.sftpServer = sftpServer;
    this.ipv6 = ipv6;
    this.rootMount = rootMount;
    this.log = dir.resolve("sshd.log");
  }

  /**
   * Starts a server in {@code dir} (an empty directory the test owns) that lets {@code authorized}
   * log in, on 127.0.0.1, with Debian's {@code sftp-server} as its SFTP subsystem.
   */
  public static Sshd start(Path dir, TestSshKey... authorized) throws IOException {
    return in(dir).authorize(authorized).start();
  }

  /** A server in {@code dir} (an empty directory the test owns), set up before it starts. */
  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** How a server is set up before it starts. */
  public static final class Builder {
    private final Path dir;
    private final List<TestSshKey> authorized = new ArrayList<>();
    private String sftpServer = DEBIAN_SFTP_SERVER;
    private boolean ipv6;
    private Path rootMount;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** Keys that may log in. */
    public Builder authorize(TestSshKey... keys) {
      authorized.addAll(List.of(keys));
      return this;
    }

    /**
     * The {@code Subsystem sftp} command, e.g. {@code internal-sftp} or {@code
     * /usr/lib/openssh/sftp-server -P posix-rename} (which denies that request).
     */
    public Builder sftpServer(String command) {
      this.sftpServer = command;
      return this;
    }

    /**
     * Gives the host its own view of {@code mountPoint} (an empty directory): the server runs in a
     * mount namespace of its own (unshare, as root) where {@link #root()} is bind-mounted there, so
     * several servers stand for several machines whose files lie at the same path, as an ssh
     * target's root does. {@link #remoteRoot()} is then {@code mountPoint}. Needs root; see {@link
     * #canMountRoots()}.
     */
    public Builder rootMountedAt(Path mountPoint) {
      this.rootMount = mountPoint;
      return this;
    }

    /** Listens on ::1 too (see {@link #ipv6Loopback()}). */
    public Builder ipv6() {
      this.ipv6 = true;
      return this;
    }

    public Sshd start() throws IOException {
      if (!Files.isExecutable(SSHD)) {
        throw new IllegalStateException(
            SSHD + " is missing: install Debian's openssh-server (.ci/run does)");
      }
      Files.createDirectories(dir.resolve("root"));
      Sshd sshd = new Sshd(dir, sftpServer, ipv6, rootMount);
      StringBuilder keys = new StringBuilder();
      for (TestSshKey key : authorized) {
        keys.append(key.publicKeyLine()).append('\n');
      }
      Files.writeString(sshd.authorizedKeys(), keys.toString());
      sshd.generateHostKey();
      if (isRoot()) {
        Files.createDirectories(Path.of("/run/sshd"));
      }
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        sshd.port = freePort();
        try {
          sshd.launch();
          return sshd;
        } catch (IOException e) {
          last = e; // most likely another process took the port in between; try another
        }
      }
      throw last;
    }
  }

  /** Whether this machine has the IPv6 loopback address ::1. */
  public static boolean ipv6Loopback() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** 127.0.0.1 and this server's port. */
  public SshHost host() {
    return new SshHost("127.0.0.1", port);
  }

  public int port() {
    return port;
  }

  /** The account logins use: the one running the tests (and this server). */
  public String user() {
    return System.getProperty("user.name");
  }

  /** The directory standing for this host's files; tests give target roots below it. */
  public Path root() {
    return dir.resolve("root");
  }

  /** The same directory as a path on the host, as the SSH client names it. */
  public RemotePath remoteRoot() {
    return RemotePath.of((rootMount != null ? rootMount : root()).toString());
  }

  /** Whether servers can be given their own root ({@link Builder#rootMountedAt}): root, unshare. */
  public static boolean canMountRoots() {
    if (!isRoot()) {
      return false;
    }
    try {
      Process probe =
          new ProcessBuilder("unshare", "--mount", "--propagation", "private", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sessions that log in here as {@link #user()} with {@code key}, trusting only this host key. */
  public SshSessions sessions(TestSshKey key, SshTimeouts timeouts) throws IOException {
    return new SshSessions(
        SshIdentity.of(user(), key.privateKey(), null),
        new PinnedHostKeys(knownHostsLine()),
        timeouts);
  }

  /** ::1 and this server's port; only for a server started with {@link Builder#ipv6()}. */
  public SshHost ipv6Host() {
    if (!ipv6) {
      throw new IllegalStateException("this server listens on 127.0.0.1 only");
    }
    return new SshHost("::1", port);
  }

  /**
   * The known_hosts line that pins this server's host key: {@code [127.0.0.1]:port type key} (and
   * {@code [::1]:port} when it listens there too).
   */
  public String knownHostsLine() throws IOException {
    String[] publicKey = Files.readString(hostKey().resolveSibling("ssh_host_key.pub")).split(" ");
    String names = "[127.0.0.1]:" + port + (ipv6 ? ",[::1]:" + port : "");
    return names + " " + publicKey[0] + " " + publicKey[1];
  }

  /** The host key's fingerprint, {@code SHA256:...}. */
  public String hostKeyFingerprint() throws IOException {
    String line =
        TestSshKey.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", hostKey() + ".pub"));
    return line.split(" ")[1];
  }

  /** Lets {@code key} log in too; sshd reads the file on each login, so no restart is needed. */
  public void authorize(TestSshKey key) throws IOException {
    Files.writeString(authorizedKeys(), key.publicKeyLine() + "\n", StandardOpenOption.APPEND);
  }

  /** Everything the server (listener and connections) has logged so far. */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** How many TCP connections the server has accepted since it was first started. */
  public int connectionsAccepted() throws IOException {
    return (int) log().lines().filter(line -> line.contains("Connection from ")).count();
  }

  /** The listener's process id. */
  public long pid() {
    return listener.pid();
  }

  public boolean isRunning() {
    return listener != null && listener.isAlive();
  }

  /**
   * Kills the host: SIGKILL to the listener's process group and to every process below the listener
   * (per-connection children and the commands they run), listed before anything dies. Returns when
   * the listener is gone.
   */
  public void kill() {
    Process process = listener;
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    try {
      new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // kill(1) missing: the per-process kills below still do it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("sshd " + process.pid() + " did not die", e);
    }
    RUNNING.remove(this);
  }

  /**
   * Stops the host without closing anything (SIGSTOP to the listener and every process below it):
   * connections stay up and nothing answers, as with a hung machine or a broken network path.
   */
  public void freeze() {
    signalTree("STOP");
  }

  /** Lets a {@link #freeze() frozen} host go on (SIGCONT). */
  public void thaw() {
    signalTree("CONT");
  }

  private void signalTree(String signal) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal, "--"));
    command.add(Long.toString(listener.pid()));
    listener.descendants().forEach(p -> command.add(Long.toString(p.pid())));
    try {
      new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("kill -" + signal + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the server again after {@link #kill()}, on the same port with the same host key. */
  public void restart() throws IOException {
    kill();
    launch();
  }

  /**
   * Gives the server a new host key and restarts it: a host that was reinstalled (or an impostor).
   */
  public void replaceHostKey() throws IOException {
    kill();
    Files.delete(hostKey());
    Files.delete(hostKey().resolveSibling("ssh_host_key.pub"));
    generateHostKey();
    launch();
  }

  @Override
  public void close() {
    kill();
  }

  private void launch() throws IOException {
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, config());
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    // setsid: the listener leads its own process group, apart from the build's.
    List<String> command = new ArrayList<>(List.of("setsid"));
    if (rootMount != null) {
      // unshare and sh exec in place: the listener's pid is sshd's, in its own mount namespace.
      command.addAll(
          List.of(
              "unshare",
              "--mount",
              "--propagation",
              "private",
              "sh",
              "-c",
              "mount --bind \"$1\" \"$2\" && exec \"$3\" -D -e -f \"$4\"",
              "sh",
              root().toString(),
              rootMount.toString(),
              SSHD.toString(),
              config.toString()));
    } else {
      command.addAll(List.of(SSHD.toString(), "-D", "-e", "-f", config.toString()));
    }
    listener =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    RUNNING.add(this);
    // The addresses are bound in the config's order; the last one's line means all are.
    String listening =
        "Server listening on " + (ipv6 ? "::1" : "127.0.0.1") + " port " + port + ".";
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String started = log().substring((int) Math.min(logStart, log().length()));
      if (started.contains(listening)) {
        return;
      }
      if (!listener.isAlive()) {
        RUNNING.remove(this);
        throw new IOException("sshd exited with " + listener.exitValue() + ":\n" + started);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    kill();
    throw new IOException("sshd did not listen within " + START_TIMEOUT + ":\n" + log());
  }

  private String config() {
    return String.join(
        "\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        ipv6 ? "ListenAddress ::1" : "",
        "HostKey " + hostKey(),
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + authorizedKeys(),
        "StrictModes no",
        "UsePAM no",
        "PermitRootLogin prohibit-password",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "AllowAgentForwarding no",
        "AllowTcpForwarding no",
        "X11Forwarding no",
        "PrintMotd no",
        "PermitUserEnvironment no",
        "LogLevel VERBOSE",
        "MaxSessions 20",
        "Subsystem sftp " + sftpServer,
        "");
  }

  private void generateHostKey() throws IOException {
    TestSshKey.run(
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "test-host",
            "-f",
            hostKey().toString()));
  }

  private Path hostKey() {
    return dir.resolve("ssh_host_key");
  }

  private Path authorizedKeys() {
    return dir.resolve("authorized_keys");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
