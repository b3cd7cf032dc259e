package io.driftless.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where a benchmark's sources live: the repositories under one directory, served by {@code git
 * daemon} over {@code git://} (a real remote: each ls-remote is a connection and an upload-pack) or
 * read as {@code file://}.
 */
final class GitServer implements AutoCloseable {
  private final Path base;
  private final Process daemon;
  private final int port;

  private GitServer(Path base, Process daemon, int port) {
    this.base = base;
    this.daemon = daemon;
    this.port = port;
  }

  /** The repositories under {@code base} as {@code file://} URLs. */
  static GitServer files(Path base) {
    return new GitServer(base, null, -1);
  }

  /** Serves the repositories under {@code base} with {@code git daemon} on a free local port. */
  static GitServer daemon(Path base) throws IOException, InterruptedException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                "git",
                "daemon",
                "--reuseaddr",
                "--listen=127.0.0.1",
                "--port=" + port,
                "--base-path=" + base,
                "--export-all",
                base.toString())
            .redirectErrorStream(true)
            .redirectOutput(base.resolveSibling("git-daemon.log").toFile())
            .start();
    GitServer server = new GitServer(base, process, port);
    for (int i = 0; !server.accepts(); i++) {
      if (i > 300 || !process.isAlive()) {
        server.close();
        throw new IllegalStateException("git daemon did not start on port " + port);
      }
      Thread.sleep(100);
    }
    return server;
  }

  /** The URL of the repository {@code name} under the base. */
  String url(String name) {
    return daemon == null
        ? base.resolve(name).toUri().toString()
        : "git://127.0.0.1:" + port + "/" + name;
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.destroy();
      try {
        if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
