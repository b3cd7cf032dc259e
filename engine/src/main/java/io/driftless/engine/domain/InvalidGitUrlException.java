package io.driftless.engine.domain;

import io.driftless.engine.EngineException;
import java.util.Map;

/**
 * A source URL (or a Git host's API address) that Driftless refuses, with a message that says what
 * to write instead. The message never repeats the URL, which may hold a secret.
 */
public final class InvalidGitUrlException extends EngineException {
  private final String field;

  public InvalidGitUrlException(String field, String message) {
    super("source.url", message, Map.of("field", field));
    this.field = field;
  }

  /** The request field the URL came from: {@code url}, or {@code auth} for credentials. */
  public String field() {
    return field;
  }
}
