package io.driftless.engine.git;

import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One promotion to build: the files of {@code fromPath} at {@code from} that {@code paths} matches,
 * copied to the same places under {@code toPath}, on top of {@code onto}. Both layouts are this one
 * request: environments as directories of one branch (same {@code onto} branch, different paths)
 * and environments on their own branches (the receiving branch's head as {@code onto}, the same or
 * another path).
 *
 * @param from the revision the promoting environment applied (R); must be in the source's clone
 * @param fromPath the promoting environment's path, {@code ""} for the repository's root
 * @param onto the head of the branch the commit goes on (the receiving environment's branch); must
 *     be in the source's clone
 * @param toPath the receiving environment's path, {@code ""} for the root
 * @param paths which files, relative to both paths
 * @param author who authors and commits it
 * @param message the commit message; the trailer {@code Driftless-Promotion: <from>} is added
 */
public record PromotionRequest(
    Revision from,
    String fromPath,
    Revision onto,
    String toPath,
    PromotionPaths paths,
    CommitIdentity author,
    String message) {
  /** The trailer that marks a commit Driftless wrote for a promotion. */
  public static final String TRAILER = "Driftless-Promotion";

  public PromotionRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(onto, "onto");
    fromPath = path("fromPath", fromPath);
    toPath = path("toPath", toPath);
    paths = paths == null ? PromotionPaths.everything() : paths;
    Objects.requireNonNull(author, "author");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("a promotion commit needs a message");
    }
  }

  /** The full commit message: the given one and the trailer. */
  public String commitMessage() {
    return message.strip() + "\n\n" + TRAILER + ": " + from.value() + "\n";
  }

  /** A repository path: '/'-separated, no empty, '.' or '..' segments, no leading '/'. */
  private static String path(String field, String path) {
    String p = path == null ? "" : path.strip();
    List<String> parts = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new IllegalArgumentException(field + " '" + path + "' must not contain '..'");
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }
}
