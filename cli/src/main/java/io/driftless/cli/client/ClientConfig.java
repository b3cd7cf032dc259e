package io.driftless.cli.client;

import io.driftless.engine.files.PrivateFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * What {@code driftless login} stores: the server URL and the token, in a properties file that only
 * its owner can read ({@code $XDG_CONFIG_HOME/driftless/config}, else {@code
 * ~/.config/driftless/config}).
 *
 * @param server base URL, e.g. {@code http://localhost:8080}; null when not set
 * @param token bearer token; null when not set
 */
public record ClientConfig(String server, String token) {

  /** The default location, following the XDG base directory convention like flux and gh do. */
  public static Path defaultFile(UnaryOperator<String> env) {
    String xdg = env.apply("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("driftless").resolve("config");
  }

  /** The stored settings, or none when the file does not exist. */
  public static ClientConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      return new ClientConfig(null, null);
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    return new ClientConfig(
        blankToNull(p.getProperty("server")), blankToNull(p.getProperty("token")));
  }

  /**
   * Writes the file with mode 0600 from the start (a temporary file created with that mode, then
   * renamed), so the token is never readable by others, not even for a moment.
   */
  public void save(Path file) {
    Properties p = new Properties();
    p.putAll(Map.of("server", server, "token", token));
    StringWriter text = new StringWriter();
    try {
      p.store(text, "driftless login; keep this file private (mode 0600)");
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        PrivateFiles.create(tmp);
      } catch (FileAlreadyExistsException e) {
        throw new CliException("another driftless login is writing " + tmp + "; try again");
      }
      Files.writeString(tmp, text.toString());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage(), CliException.ERROR, e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
