package io.driftless.engine.secrets;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.armor.ArmoredDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.armor.ArmoredEncryptingChannelFactory;
import io.driftless.engine.secrets.SopsMetadata.AgeKey;
import io.driftless.engine.secrets.SopsMetadata.PgpKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * A file's 32-byte data key, encrypted once per recipient: with age (an armored age file holding
 * the key) or OpenPGP (an armored PGP message holding the key), as SOPS writes them.
 */
final class DataKeys {
  static final int KEY_BYTES = 32;
  private static final int MAX_ENCRYPTED_KEY_CHARS = 64 * 1024;

  private DataKeys() {}

  /**
   * The data key, from the first recipient an identity can decrypt: age recipients first, then PGP,
   * as SOPS tries them.
   */
  static byte[] recover(String file, SopsMetadata metadata, List<DecryptionIdentity> identities) {
    List<AgeIdentity> age = new ArrayList<>();
    List<PgpIdentity> pgp = new ArrayList<>();
    for (DecryptionIdentity id : identities) {
      if (id instanceof AgeIdentity a) {
        age.add(a);
      } else if (id instanceof PgpIdentity p) {
        pgp.add(p);
      }
    }
    if (!age.isEmpty()) {
      for (AgeKey key : metadata.age()) {
        byte[] dataKey = fromAge(key.enc(), age);
        if (dataKey != null) {
          return checked(file, dataKey);
        }
      }
    }
    if (!pgp.isEmpty()) {
      for (PgpKey key : metadata.pgp()) {
        byte[] dataKey = fromPgp(key.enc(), pgp);
        if (dataKey != null) {
          return checked(file, dataKey);
        }
      }
    }
    if (metadata.age().isEmpty() && metadata.pgp().isEmpty()) {
      throw new SopsUnsupportedException(
          file,
          "recipients other than age and PGP",
          "the file is encrypted only for "
              + String.join(", ", metadata.otherKeys())
              + "; add an age or PGP recipient to it (sops updatekeys) to decrypt it here");
    }
    throw new SopsKeyNotFoundException(
        file,
        metadata.recipients(),
        identities.stream().map(DecryptionIdentity::publicPart).toList());
  }

  private static byte[] checked(String file, byte[] dataKey) {
    if (dataKey.length != KEY_BYTES) {
      throw new SopsMalformedException(
          file, 0, "its data key has " + dataKey.length + " bytes instead of 32");
    }
    return dataKey;
  }

  private static byte[] fromAge(String enc, List<AgeIdentity> identities) {
    if (enc.length() > MAX_ENCRYPTED_KEY_CHARS) {
      return null;
    }
    List<RecipientStanzaReader> readers = new ArrayList<>();
    try {
      for (AgeIdentity id : identities) {
        readers.add(id.stanzaReader());
      }
      // age armor: the text lines end with a newline; SOPS files keep or drop the last one.
      String armored = enc.strip() + "\n";
      ReadableByteChannel in =
          new ArmoredDecryptingChannelFactory()
              .newDecryptingChannel(
                  Channels.newChannel(
                      new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII))),
                  readers);
      return readAll(in, KEY_BYTES + 1);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] readAll(ReadableByteChannel in, int max) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(max + 1);
    try (in) {
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // keep reading
      }
    }
    buffer.flip();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static byte[] fromPgp(String enc, List<PgpIdentity> identities) {
    if (enc.length() > MAX_ENCRYPTED_KEY_CHARS) {
      return null;
    }
    try (InputStream decoded =
        PGPUtil.getDecoderStream(
            new ByteArrayInputStream(enc.strip().getBytes(StandardCharsets.US_ASCII)))) {
      BcPGPObjectFactory objects = new BcPGPObjectFactory(decoded);
      Object first = objects.nextObject();
      while (first != null && !(first instanceof PGPEncryptedDataList)) {
        first = objects.nextObject();
      }
      if (first == null) {
        return null;
      }
      for (PGPEncryptedData data : (PGPEncryptedDataList) first) {
        if (!(data instanceof PGPPublicKeyEncryptedData pk)) {
          continue;
        }
        for (PgpIdentity id : identities) {
          List<PGPPrivateKey> candidates = new ArrayList<>();
          if (pk.getKeyIdentifier().isWildcard()) {
            candidates.addAll(id.allPrivateKeys());
          } else {
            PGPPrivateKey key = id.privateKey(pk.getKeyIdentifier());
            if (key != null) {
              candidates.add(key);
            }
          }
          for (PGPPrivateKey key : candidates) {
            byte[] dataKey = decryptPgp(pk, key);
            if (dataKey != null) {
              return dataKey;
            }
          }
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] decryptPgp(PGPPublicKeyEncryptedData pk, PGPPrivateKey key) {
    try {
      if (!pk.isIntegrityProtected()) {
        return null;
      }
      InputStream clear = pk.getDataStream(new BcPublicKeyDataDecryptorFactory(key));
      Object message = new BcPGPObjectFactory(clear).nextObject();
      if (message instanceof PGPCompressedData compressed) {
        message = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
      }
      if (!(message instanceof PGPLiteralData literal)) {
        return null;
      }
      byte[] out = literal.getInputStream().readNBytes(KEY_BYTES + 1);
      if (!pk.verify()) {
        return null;
      }
      return out;
    } catch (PGPException | IOException | RuntimeException e) {
      return null;
    }
  }

  /** The data key as an armored age file for one recipient, as SOPS stores it in {@code enc}. */
  static String forAge(byte[] dataKey, AgeRecipient recipient) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<RecipientStanzaWriter> writers = List.of(recipient.stanzaWriter());
      try (WritableByteChannel channel =
          new ArmoredEncryptingChannelFactory()
              .newEncryptingChannel(Channels.newChannel(out), writers)) {
        channel.write(ByteBuffer.wrap(dataKey));
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("age encryption failed", e);
    }
  }

  /**
   * The data key as an armored OpenPGP message for one recipient (integrity-protected AES-256, no
   * armor headers, no trailing newline), as SOPS stores it in {@code enc}.
   */
  static String forPgp(byte[] dataKey, PgpRecipient recipient, SecureRandom random, Date now) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        PGPEncryptedDataGenerator generator =
            new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                    .setWithIntegrityPacket(true)
                    .setSecureRandom(random));
        generator.addMethod(
            new BcPublicKeyKeyEncryptionMethodGenerator(recipient.encryptionKey())
                .setSecureRandom(random));
        try (OutputStream encrypted = generator.open(armor, new byte[4096]);
            OutputStream literal =
                new PGPLiteralDataGenerator()
                    .open(encrypted, PGPLiteralData.BINARY, "", now, new byte[4096])) {
          literal.write(dataKey);
        }
      }
      return out.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n").strip();
    } catch (PGPException | IOException e) {
      throw new IllegalStateException("OpenPGP encryption failed", e);
    }
  }
}
