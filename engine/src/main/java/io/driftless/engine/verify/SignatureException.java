package io.driftless.engine.verify;

import io.driftless.engine.EngineException;
import java.util.Map;

/** A revision that the source's signature policy refuses; nothing is rendered or applied. */
public final class SignatureException extends EngineException {
  public SignatureException(String source, String revision, String message) {
    super("verify.signature", message, Map.of("source", source, "revision", revision));
  }
}
