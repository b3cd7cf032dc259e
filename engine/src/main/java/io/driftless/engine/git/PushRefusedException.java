package io.driftless.engine.git;

import java.util.Map;

/**
 * The remote refused a push of a commit Driftless wrote (a restore or a promotion commit): a
 * protected branch, a hook, a conflict with a commit pushed meanwhile, or a ref that is not a
 * branch.
 */
public final class PushRefusedException extends GitException {
  public PushRefusedException(String source, String branch, String message) {
    super("git.push_refused", message, Map.of("source", source, "branch", branch));
  }
}
