package io.driftless.engine.git;

import java.util.Map;

/**
 * The remote refused a push of a commit Driftless wrote (a restore or a promotion commit): a
 * protected branch, a hook, a conflict with a commit pushed meanwhile, or a ref that is not a
 * branch.
 */
public final class PushRefusedException extends GitException {
  private final String source;
  private final String branch;

  public PushRefusedException(String source, String branch, String message) {
    super(message);
    this.source = source;
    this.branch = branch;
  }

  @Override
  public String code() {
    return "git.push_refused";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("source", source, "branch", branch);
  }
}
