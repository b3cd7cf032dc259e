package io.driftless.engine.target;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.domain.EnvironmentName;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a target that writes files under a root stages them while an apply is in flight, and what
 * it removes after an interrupted one. Pure path rules, no I/O, shared by every file target (the
 * directory target today, the SSH target next). Paths are lists of segments relative to the root.
 *
 * <pre>
 * &lt;root&gt;/.driftless-staging/               reserved: never a resource, skipped by read, diff, prune
 *          &lt;environment&gt;/                   one per environment; environments sharing a root
 *                                            never touch each other's
 *            .driftless-tmp-&lt;16 hex&gt;         a staged file or link, renamed over its destination
 *            created-directories              journal: the directories this apply created
 * </pre>
 *
 * <p>The rules, each applied by the target under the environment's lease:
 *
 * <ol>
 *   <li>Staging lives on the root's file system, so a commit is one {@code rename(2)}; a
 *       destination directory on another file system is refused before anything is written.
 *   <li>Before creating a directory above a destination, the apply appends it to the journal (see
 *       {@link #journalEntry}), so that an interrupted apply's directories can be found.
 *   <li>Before every apply (and at the start of every run), {@link #recoveryOrder what an
 *       interrupted apply left} is removed: every entry of the environment's staging directory but
 *       the journal; then each journaled directory, deepest first, if it is empty (it then holds
 *       nothing managed: a committed file or anything a person put there keeps it); then the
 *       journal; then the environment's staging directory, and the reserved directory if empty.
 *   <li>A finished apply, successful or not, removes its staging directory the same way, so the
 *       root holds nothing of Driftless's own between runs.
 * </ol>
 */
public final class StagingLayout {
  /** The reserved directory at the top of the root; no resource key may start with it. */
  public static final String RESERVED_DIRECTORY = ".driftless-staging";

  /** The name prefix of staged files, also refused as a resource's file name. */
  public static final String TEMP_PREFIX = ".driftless-tmp-";

  /** The journal of directories an apply created, in the environment's staging directory. */
  public static final String JOURNAL = "created-directories";

  private static final char SEPARATOR = '\0';

  private final EnvironmentName environment;

  public StagingLayout(EnvironmentName environment) {
    if (environment == null) {
      throw new IllegalArgumentException("staging needs an environment");
    }
    this.environment = environment;
  }

  /** Whether a key's first segment names the reserved directory. */
  public static boolean isReserved(String firstSegment) {
    return RESERVED_DIRECTORY.equals(firstSegment);
  }

  /** The reserved directory, shared by every environment of the root. */
  public List<String> reservedDirectory() {
    return List.of(RESERVED_DIRECTORY);
  }

  /** This environment's staging directory. */
  public List<String> directory() {
    return List.of(RESERVED_DIRECTORY, environment.value());
  }

  /** A staged file's path for a random number; a target creates it exclusively (O_EXCL). */
  public List<String> temp(long random) {
    return List.of(
        RESERVED_DIRECTORY, environment.value(), TEMP_PREFIX + HexFormat.of().toHexDigits(random));
  }

  /** The journal's path. */
  public List<String> journal() {
    return List.of(RESERVED_DIRECTORY, environment.value(), JOURNAL);
  }

  /** Whether an entry of the staging directory is the journal (all others are staged files). */
  public static boolean isJournal(String name) {
    return JOURNAL.equals(name);
  }

  /**
   * The bytes to append to the journal before creating {@code directory}. Entries end with NUL, the
   * one byte no path segment holds (a Git path may hold a newline).
   */
  public static byte[] journalEntry(List<String> directory) {
    checkPath(directory);
    return (String.join("/", directory) + SEPARATOR).getBytes(UTF_8);
  }

  /**
   * The directories an interrupted apply journaled, in the order to try removing them: deepest
   * (latest created) first, each once. An entry cut short by a crash, or one that is not a plain
   * relative path outside the reserved directory, is left out: recovery never removes what it
   * cannot name safely.
   */
  public static List<List<String>> recoveryOrder(byte[] journal) {
    List<List<String>> entries = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < journal.length; i++) {
      if (journal[i] == SEPARATOR) {
        String entry = new String(journal, start, i - start, UTF_8);
        List<String> segments = List.of(entry.split("/", -1));
        if (isSafe(segments)) {
          entries.add(segments);
        }
        start = i + 1;
      }
    }
    Set<List<String>> ordered = new LinkedHashSet<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      ordered.add(entries.get(i));
    }
    return List.copyOf(ordered);
  }

  /** Builds a journal from whole entries; for tests and remote targets that write it at once. */
  public static byte[] journal(List<List<String>> directories) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    directories.forEach(d -> out.writeBytes(journalEntry(d)));
    return out.toByteArray();
  }

  private static void checkPath(List<String> directory) {
    if (!isSafe(directory)) {
      throw new IllegalArgumentException("not a directory a target may create: " + directory);
    }
  }

  private static boolean isSafe(List<String> segments) {
    if (segments.isEmpty() || isReserved(segments.get(0))) {
      return false;
    }
    for (String segment : segments) {
      if (segment.isEmpty()
          || segment.equals(".")
          || segment.equals("..")
          || segment.indexOf('/') >= 0
          || segment.indexOf(SEPARATOR) >= 0) {
        return false;
      }
    }
    return true;
  }
}
