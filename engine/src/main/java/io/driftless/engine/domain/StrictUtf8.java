package io.driftless.engine.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes read as UTF-8 text, refusing what is not valid UTF-8 instead of replacing it: a renderer
 * must not substitute variables into a binary file, nor a SOPS file hold a value it cannot write
 * back byte for byte.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** The text the bytes encode; empty when they are not valid UTF-8. */
  public static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
