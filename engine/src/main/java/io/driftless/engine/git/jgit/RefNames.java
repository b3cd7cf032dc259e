package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.UnknownRefException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The names the mirror is given (refs, branches, directories), checked and mapped onto the refs of
 * a remote and of its clone. The clone mirrors the remote's branches and tags as they are; other
 * refs ({@code refs/pull/7/head}, the remote's {@code HEAD}) are kept under {@code
 * refs/driftless/}, and revisions fetched by id under {@code refs/driftless/revisions/<sha>}. A
 * short name resolves as Git does: {@code refs/<name>}, then tag, then branch.
 */
final class RefNames {
  static final String HEADS = Constants.R_HEADS;
  static final String TAGS = Constants.R_TAGS;
  static final String OWN = "refs/driftless/";

  /** What every fetch brings: all branches and tags, forced, as the remote has them. */
  static final List<RefSpec> BRANCHES_AND_TAGS =
      List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

  private RefNames() {}

  /**
   * {@code ref} stripped, when it is a full revision, {@code HEAD} or a valid ref name.
   *
   * @throws UnknownRefException when it is blank or not a valid ref name
   */
  static String check(Source source, String ref) {
    if (ref == null || ref.isBlank()) {
      throw new UnknownRefException(
          source.name().value(),
          String.valueOf(ref),
          "source '%s': a ref is required".formatted(source.name()));
    }
    String name = ref.strip();
    boolean valid =
        Revision.isFullId(name)
            || Constants.HEAD.equals(name)
            || Repository.isValidRefName(name.startsWith("refs/") ? name : "refs/" + name);
    if (!valid) {
      throw new UnknownRefException(
          source.name().value(),
          ref,
          "source '%s': '%s' is not a valid ref name".formatted(source.name(), ref));
    }
    return name;
  }

  /** The names {@code name} may mean, in Git's order of precedence. */
  static List<String> candidates(String name) {
    if (Constants.HEAD.equals(name) || name.startsWith("refs/")) {
      return List.of(name);
    }
    return List.of("refs/" + name, TAGS + name, HEADS + name);
  }

  /** The first of {@code name}'s candidates that the remote has. */
  static Optional<String> remoteName(Map<String, Ref> remote, String name) {
    return candidates(name).stream().filter(remote::containsKey).findFirst();
  }

  /** Where a remote ref is kept locally: branches and tags as they are, others under ours. */
  static String localName(String remoteName) {
    if (remoteName.startsWith(HEADS) || remoteName.startsWith(TAGS)) {
      return remoteName;
    }
    if (Constants.HEAD.equals(remoteName)) {
      return OWN + Constants.HEAD;
    }
    return OWN + remoteName.substring("refs/".length());
  }

  /** The fetch spec that keeps a revision the remote serves by id, safe from garbage collection. */
  static RefSpec revisionById(String id) {
    return new RefSpec(id + ":" + OWN + "revisions/" + id);
  }

  /** {@code branch} as a full ref name, {@code refs/heads/} added when missing; not validated. */
  static String branchRef(String branch) {
    return branch.startsWith(HEADS) ? branch : HEADS + branch;
  }

  /**
   * {@code branch} as a full, valid branch ref name.
   *
   * @throws IllegalArgumentException when it is not a valid branch name
   */
  static String validBranchRef(String branch) {
    String name = shortBranch(branch);
    if (name.isEmpty() || !Repository.isValidRefName(HEADS + name)) {
      throw new IllegalArgumentException("not a valid branch name: '" + branch + "'");
    }
    return HEADS + name;
  }

  /** {@code branch} stripped and without {@code refs/heads/}. */
  static String shortBranch(String branch) {
    String name = branch == null ? "" : branch.strip();
    return name.startsWith(HEADS) ? name.substring(HEADS.length()) : name;
  }

  /**
   * A directory of the repository as Git names it: '/'-separated, no empty or {@code .} segments,
   * no leading or trailing '/'; {@code ""} for the root.
   *
   * @throws UnknownRefException when it has a {@code ..} segment
   */
  static String directory(Source source, Revision revision, String path) {
    String p = path == null ? "" : path.strip().replace('\\', '/');
    List<String> parts = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new UnknownRefException(
            source.name().value(),
            revision.value(),
            "path '%s' must not contain '..'".formatted(path));
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }
}
