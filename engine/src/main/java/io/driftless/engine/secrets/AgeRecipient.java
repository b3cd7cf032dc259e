package io.driftless.engine.secrets;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.security.GeneralSecurityException;

/** An age X25519 recipient ({@code age1...}), the public half of an {@link AgeIdentity}. */
public record AgeRecipient(String value) {
  public AgeRecipient {
    value = value == null ? "" : value.strip();
    if (!value.startsWith("age1")) {
      throw new IllegalArgumentException(
          "'" + value + "' is not an age recipient: expected age1... (age-keygen -y KEYFILE)");
    }
    try {
      X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(value);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a valid age X25519 recipient (bad Bech32 encoding or length)");
    }
  }

  RecipientStanzaWriter stanzaWriter() throws GeneralSecurityException {
    return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
