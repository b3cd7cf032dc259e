package io.driftless.engine.git;

/** Who the commits Driftless writes are authored and committed by. */
public record CommitIdentity(String name, String email) {
  public CommitIdentity {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("commit author name is required");
    }
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("commit author email is required");
    }
  }

  public static CommitIdentity defaults() {
    return new CommitIdentity("Driftless", "driftless@localhost");
  }
}
