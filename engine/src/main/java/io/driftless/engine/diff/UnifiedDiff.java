package io.driftless.engine.diff;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * A readable diff of one change: unified text for text files (Git's histogram algorithm, three
 * lines of context), a hash comparison for binary files. Computed on demand, never stored.
 */
public final class UnifiedDiff {
  private static final DiffAlgorithm ALGORITHM =
      DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);

  private UnifiedDiff() {}

  public static String of(Change change) {
    return of(change.key().value(), change.before(), change.after());
  }

  /**
   * @param before null for a create
   * @param after null for a delete
   */
  public static String of(String name, Resource before, Resource after) {
    byte[] a = before == null ? new byte[0] : before.content().bytes();
    byte[] b = after == null ? new byte[0] : after.content().bytes();
    StringBuilder header = new StringBuilder(header(name, before, after));
    if (RawText.isBinary(a) || RawText.isBinary(b)) {
      return header
          .append("Binary content differs: ")
          .append(before == null ? "(none)" : before.hash().value())
          .append(" -> ")
          .append(after == null ? "(none)" : after.hash().value())
          .append('\n')
          .toString();
    }
    RawText left = new RawText(a);
    RawText right = new RawText(b);
    EditList edits = ALGORITHM.diff(RawTextComparator.DEFAULT, left, right);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setContext(3);
      formatter.format(edits, left, right);
      formatter.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return header.append(out.toString(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The lines naming the two sides (and a change of kind), without any content: what a diff of a
   * sensitive value shows besides whether it changed.
   */
  public static String header(String name, Resource before, Resource after) {
    StringBuilder header = new StringBuilder();
    header.append("--- ").append(before == null ? "/dev/null" : "a/" + name).append('\n');
    header.append("+++ ").append(after == null ? "/dev/null" : "b/" + name).append('\n');
    if (before != null && after != null && before.kind() != after.kind()) {
      header.append("# kind ").append(kind(before)).append(" -> ").append(kind(after)).append('\n');
    }
    return header.toString();
  }

  private static String kind(Resource resource) {
    return resource.kind() == ResourceKind.SYMLINK
        ? "symlink"
        : resource.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
