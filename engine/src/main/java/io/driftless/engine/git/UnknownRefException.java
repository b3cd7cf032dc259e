package io.driftless.engine.git;

import java.util.Map;

/** A ref, revision or path that does not exist in the source. */
public final class UnknownRefException extends GitException {
  private final String source;
  private final String ref;

  public UnknownRefException(String source, String ref, String message) {
    super(message);
    this.source = source;
    this.ref = ref;
  }

  @Override
  public String code() {
    return "git.unknown_ref";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("source", source, "ref", ref);
  }
}
