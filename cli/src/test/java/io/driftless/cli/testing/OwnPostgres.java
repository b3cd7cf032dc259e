package io.driftless.cli.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of the test's own, so the test may stop and start it: {@code initdb} and
 * {@code pg_ctl} from {@code /usr/lib/postgresql/<version>/bin}, run as the {@code postgres} user
 * (initdb refuses root) on a directory it owns, on a free port, trust authentication on loopback.
 */
public record OwnPostgres(Path bin, Path home, int port) implements AutoCloseable {

  /**
   * Creates and starts the cluster. Without PostgreSQL binaries the test is skipped, except with
   * {@code CI=true}, where it fails.
   */
  public static OwnPostgres start() throws IOException, InterruptedException {
    Path bin = binaries();
    Path home = Files.createTempDirectory(Path.of("/tmp"), "driftless-pg");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    run(List.of("chown", "postgres:", home.toString()));
    OwnPostgres pg = new OwnPostgres(bin, home, ServerProcess.freePort());
    pg.asPostgres(
        bin.resolve("initdb").toString(),
        "-D",
        pg.data().toString(),
        "-A",
        "trust",
        "-U",
        "postgres",
        "--no-sync");
    pg.begin();
    return pg;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** Starts the server and waits until it accepts connections. */
  public void begin() throws IOException, InterruptedException {
    asPostgres(
        bin.resolve("pg_ctl").toString(),
        "-D",
        data().toString(),
        "-l",
        home.resolve("postgres.log").toString(),
        "-o",
        "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "-w",
        "start");
  }

  /** Stops the server: fast shutdown, which ends every open session. */
  public void halt() throws IOException, InterruptedException {
    asPostgres(
        bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop");
  }

  private Path data() {
    return home.resolve("data");
  }

  private void asPostgres(String... command) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    all.addAll(List.of(command));
    run(all);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
  }

  private static Path binaries() throws IOException {
    Path versions = Path.of("/usr/lib/postgresql");
    Path found = null;
    if (Files.isDirectory(versions)) {
      try (Stream<Path> all = Files.list(versions)) {
        found =
            all.map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.comparing(Path::toString))
                .orElse(null);
      }
    }
    if (found == null) {
      String why = "no PostgreSQL binaries under /usr/lib/postgresql/*/bin";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(why + " — required on CI");
      }
      Assumptions.abort(why);
    }
    return found;
  }

  @Override
  public void close() throws Exception {
    try {
      halt();
    } catch (IllegalStateException e) {
      // already stopped
    }
    run(List.of("rm", "-rf", home.toString()));
  }
}
