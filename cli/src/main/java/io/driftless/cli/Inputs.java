package io.driftless.cli;

import io.driftless.cli.client.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading what users give on the command line: secrets from files, NAME=VALUE pairs. */
final class Inputs {
  private Inputs() {}

  /**
   * A secret from a file (never from an argument, which {@code ps} shows), without its trailing
   * newline; null when no file was given.
   */
  static String secret(Path file, String what) {
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(file).stripTrailing();
    } catch (IOException e) {
      throw new CliException("cannot read the " + what + " file " + file + ": " + e.getMessage());
    }
  }

  static Map<String, String> pairs(List<String> pairs, String option) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new CliException(option + " takes NAME=VALUE, not '" + pair + "'");
      }
      values.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return values;
  }
}
