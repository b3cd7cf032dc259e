package io.driftless.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line description of the machine a benchmark ran on, for the results file; here, where both
 * the storage benchmark and the others (which depend on this module) see it.
 */
public final class Machine {
  private Machine() {}

  public static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    } catch (IOException e) {
      // Not Linux: the rest of the line still says enough.
    }
    Runtime rt = Runtime.getRuntime();
    return String.format(
        "%s, %d cores, %d MiB max heap, Java %s, %s %s",
        cpu,
        rt.availableProcessors(),
        rt.maxMemory() / (1024 * 1024),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }
}
