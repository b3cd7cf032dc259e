package io.driftless.engine.verify;

import io.driftless.engine.EngineException;
import java.util.Map;

/** A revision that the source's signature policy refuses; nothing is rendered or applied. */
public final class SignatureException extends EngineException {
  private final String source;
  private final String revision;

  public SignatureException(String source, String revision, String message) {
    super(message);
    this.source = source;
    this.revision = revision;
  }

  @Override
  public String code() {
    return "verify.signature";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("source", source, "revision", revision);
  }
}
