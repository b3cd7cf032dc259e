package io.driftless.engine.secrets;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519KeyFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/** An age X25519 identity ({@code AGE-SECRET-KEY-1...}) and the recipient it belongs to. */
public final class AgeIdentity implements DecryptionIdentity {
  private static final String PREFIX = "AGE-SECRET-KEY-1";

  private final String secret;
  private final String recipient;

  private AgeIdentity(String secret, String recipient) {
    this.secret = secret;
    this.recipient = recipient;
  }

  /**
   * Reads an age key file: one identity per line, blank lines and {@code #} comments ignored.
   *
   * @throws IllegalArgumentException naming the line that is not an X25519 identity
   */
  public static List<AgeIdentity> parse(String keyFile) {
    List<AgeIdentity> identities = new ArrayList<>();
    String[] lines = keyFile.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.toUpperCase(Locale.ROOT).startsWith("AGE-PLUGIN-")) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " is an age plugin identity; only X25519 identities are supported");
      }
      if (!line.toUpperCase(Locale.ROOT).startsWith(PREFIX)) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " is not an age identity (AGE-SECRET-KEY-1...)");
      }
      identities.add(of(line, i + 1));
    }
    return identities;
  }

  private static AgeIdentity of(String secret, int line) {
    String upper = secret.toUpperCase(Locale.ROOT);
    try {
      Key pub =
          new X25519KeyFactory()
              .translateKey(new SecretKeySpec(upper.getBytes(StandardCharsets.US_ASCII), "X25519"));
      return new AgeIdentity(upper, new String(pub.getEncoded(), StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "line " + line + " is not a valid age identity (bad Bech32 encoding or length)");
    }
  }

  /** The recipient ({@code age1...}) files for this identity are encrypted to. */
  public String recipient() {
    return recipient;
  }

  @Override
  public String publicPart() {
    return recipient;
  }

  RecipientStanzaReader stanzaReader() throws GeneralSecurityException {
    return X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(secret);
  }

  @Override
  public String toString() {
    return "AgeIdentity[" + recipient + "]";
  }
}
