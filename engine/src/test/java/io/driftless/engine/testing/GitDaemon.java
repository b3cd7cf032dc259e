package io.driftless.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code git daemon} serving the bare repositories under a directory over {@code git://}, pushes
 * allowed, so that tests fetch and push through a real Git server (whose hooks run, as a host's
 * pre-receive hook does).
 *
 * @param base the directory whose bare repositories it serves
 */
public record GitDaemon(Process process, Path base, int port) implements AutoCloseable {

  /** Starts serving {@code base}; returns once the daemon accepts connections. */
  public static GitDaemon serve(Path base) {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return serve(base, port);
  }

  /** Serves {@code base} on {@code port}, e.g. again after {@link #close()}, at the same URLs. */
  public static GitDaemon serve(Path base, int port) {
    return Processes.unchecked(
        () -> {
          Files.createDirectories(base);
          Process process =
              new ProcessBuilder(
                      "git",
                      "daemon",
                      "--reuseaddr",
                      "--listen=127.0.0.1",
                      "--port=" + port,
                      "--base-path=" + base,
                      "--export-all",
                      "--enable=receive-pack",
                      base.toString())
                  .redirectErrorStream(true)
                  .redirectOutput(base.resolveSibling(base.getFileName() + "-daemon.log").toFile())
                  .start();
          GitDaemon daemon = new GitDaemon(process, base, port);
          Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
          while (!daemon.accepts()) {
            if (Instant.now().isAfter(deadline)) {
              daemon.close();
              throw new IllegalStateException("git daemon did not start on port " + port);
            }
            Thread.sleep(50);
          }
          return daemon;
        });
  }

  /** The {@code git://} URL of the repository {@code name} ({@code configs.git}) under the base. */
  public String url(String name) {
    return "git://127.0.0.1:" + port + "/" + name;
  }

  /** Where the repository {@code name} lives. */
  public Path path(String name) {
    return base.resolve(name);
  }

  /**
   * Creates the bare repository {@code name} under the base with {@code git init --bare} and the
   * given default branch; returns its directory.
   */
  public Path createBare(String name, String branch) {
    Path dir = base.resolve(name);
    git(base, "init", "--quiet", "--bare", "--initial-branch=" + branch, dir.toString());
    return dir;
  }

  /**
   * Installs a {@code pre-receive} hook in repository {@code name} that prints {@code reason} to
   * standard error and refuses every push, as a host protecting a branch does.
   */
  public void refusePushes(String name, String reason) {
    Path hook = base.resolve(name).resolve("hooks/pre-receive");
    try {
      Files.createDirectories(hook.getParent());
      Files.writeString(
          hook,
          "#!/bin/sh\necho '" + reason.replace("'", "") + "' >&2\nexit 1\n",
          StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code git args...} in {@code dir}; returns its standard output, fails on an error. */
  public static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    return Processes.run(new ProcessBuilder(command).directory(dir.toFile()));
  }

  private boolean accepts() {
    if (!process.isAlive()) {
      throw new IllegalStateException("git daemon exited " + process.exitValue());
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
