package io.driftless.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What tests of processes ask the kernel. */
public final class Processes {
  private Processes() {}

  /**
   * Runs {@code command} to its end, its standard error merged into its output, and returns the
   * output; fails unless it exits 0 within a minute.
   */
  public static String run(ProcessBuilder command) {
    return unchecked(
        () -> {
          Process process = command.redirectErrorStream(true).start();
          String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          requireSuccess(process, 60, command.command(), out);
          return out;
        });
  }

  /**
   * Runs {@code command} with {@code stdin} (null for none) and returns its standard output; fails
   * with its standard error unless it exits 0 within 30 seconds.
   */
  public static byte[] run(byte[] stdin, String... command) {
    return unchecked(
        () -> {
          Process process =
              new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
          if (stdin != null) {
            process.getOutputStream().write(stdin);
          }
          process.getOutputStream().close();
          byte[] out = process.getInputStream().readAllBytes();
          String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
          requireSuccess(process, 30, List.of(command), err);
          return out;
        });
  }

  private static void requireSuccess(
      Process process, int seconds, List<String> command, String output)
      throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  /** What a test helper that waits for a process does. */
  @FunctionalInterface
  public interface Waiting<T> {
    T call() throws IOException, InterruptedException;
  }

  /**
   * The result of {@code work}; an I/O error unchecked, an interrupt kept on the thread and thrown
   * as an {@link IllegalStateException}.
   */
  public static <T> T unchecked(Waiting<T> work) {
    try {
      return work.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the process is dead within two seconds. A killed orphan is reaped by PID 1, which in
   * some containers never reaps, so a zombie ("Z" in /proc) counts as dead; ProcessHandle calls it
   * alive.
   */
  public static boolean awaitGone(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    for (int i = 0; i < 100; i++) {
      if (!Files.exists(stat)) {
        return true;
      }
      String fields = Files.readString(stat);
      String state = fields.substring(fields.lastIndexOf(')') + 2).substring(0, 1);
      if (state.equals("Z") || state.equals("X")) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
