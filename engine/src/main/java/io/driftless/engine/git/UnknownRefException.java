package io.driftless.engine.git;

import java.util.Map;

/** A ref, revision or path that does not exist in the source. */
public final class UnknownRefException extends GitException {
  public UnknownRefException(String source, String ref, String message) {
    super("git.unknown_ref", message, Map.of("source", source, "ref", ref));
  }
}
