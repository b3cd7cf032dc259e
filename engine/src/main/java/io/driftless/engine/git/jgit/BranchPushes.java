package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.Source;
import io.driftless.engine.git.PushRefusedException;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The branches of the source's remote that Driftless writes to: where one is now, and pushing a
 * commit Driftless wrote to one, with what the remote said: accepted, or a {@link
 * PushRefusedException} with the remote's reason (a hook's message, a protected branch, a branch
 * that moved meanwhile).
 */
record BranchPushes(SourceClones clones, GitRemote remote) {
  /**
   * The head of {@code ref} on the remote now (ls-remote); null when the remote has no such ref.
   */
  ObjectId remoteHead(Source source, String ref) {
    Ref head = remote.listRefs(source).get(ref);
    return head == null ? null : head.getObjectId();
  }

  /**
   * Pushes {@code spec}, whose destination is {@code ref}, and returns the remote's accepted update
   * ({@code OK} or {@code UP_TO_DATE}).
   *
   * @param lease the id the remote ref must have (zero id: it must not exist); null for none
   * @param what what is pushed, for a refusal's message ({@code "restore commit"})
   * @param branch the branch as people name it, for messages
   * @throws PushRefusedException when the remote refuses the update or does not report it
   */
  RemoteRefUpdate push(
      Source source, RefSpec spec, String ref, RefLeaseSpec lease, String what, String branch) {
    Repository repo = clones.repository(source);
    for (PushResult result : remote.push(source, repo, spec, lease)) {
      RemoteRefUpdate update = result.getRemoteUpdate(ref);
      if (update == null) {
        continue;
      }
      if (update.getStatus() == RemoteRefUpdate.Status.OK
          || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE) {
        return update;
      }
      StringBuilder why =
          new StringBuilder(
              "source '%s' refused the %s on branch '%s': %s"
                  .formatted(source.name(), what, branch, describe(update)));
      String remoteMessages = result.getMessages() == null ? "" : result.getMessages().trim();
      if (!remoteMessages.isEmpty()) {
        why.append(" (remote said: ").append(remoteMessages.replace('\n', ' ')).append(')');
      }
      throw new PushRefusedException(source.name().value(), branch, why.toString());
    }
    throw new PushRefusedException(
        source.name().value(),
        branch,
        "source '%s' did not report the push of branch '%s'".formatted(source.name(), branch));
  }

  /** What the remote said about one ref of a push, for a refusal's message. */
  private static String describe(RemoteRefUpdate update) {
    String what =
        switch (update.getStatus()) {
          case REJECTED_NONFASTFORWARD -> "the branch moved meanwhile (not a fast-forward)";
          case REJECTED_REMOTE_CHANGED -> "the branch moved meanwhile";
          case REJECTED_NODELETE -> "deletion refused";
          default -> update.getStatus().name().toLowerCase(Locale.ROOT);
        };
    String message = update.getMessage();
    return message == null || message.isBlank() ? what : what + ": " + message;
  }
}
