package io.driftless.storage.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.storage.Storage;
import io.driftless.storage.StorageConfig;
import io.driftless.storage.StorageConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionKeysTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir Path dir;

  private StorageConfig postgres() {
    // Never connected to: the key is looked for before the pool opens.
    return StorageConfig.postgres("jdbc:postgresql://127.0.0.1:1/none", "u", "p");
  }

  @Test
  void postgresWithoutAKeyStopsStartupAndSaysWhy() {
    assertThatThrownBy(() -> Storage.open(postgres(), Clock.systemUTC()))
        .isInstanceOf(StorageConfigException.class)
        .hasMessageContaining("PostgreSQL")
        .hasMessageContaining("same on every replica")
        .hasMessageContaining("keyFile or keyEnv");
  }

  @Test
  void postgresNeverGeneratesAMissingKeyFile() {
    Path missing = dir.resolve("missing.key");

    assertThatThrownBy(() -> EncryptionKeys.cipher(postgres().withKeyFile(missing), Map.of()))
        .isInstanceOf(StorageConfigException.class)
        .hasMessageContaining("does not exist");
    assertThat(missing).doesNotExist();
  }

  @Test
  void anUnsetKeyVariableIsNamed() {
    assertThatThrownBy(
            () -> EncryptionKeys.cipher(postgres().withKeyEnv("DRIFTLESS_SECRET_KEY"), Map.of()))
        .isInstanceOf(StorageConfigException.class)
        .hasMessageContaining("DRIFTLESS_SECRET_KEY");
  }

  @Test
  void theKeyComesFromTheVariableOrTheFile() throws Exception {
    SecretCipher fromEnv = EncryptionKeys.cipher(postgres().withKeyEnv("K"), Map.of("K", KEY));
    Path file = dir.resolve("k");
    Files.writeString(file, KEY + "\n");
    SecretCipher fromFile = EncryptionKeys.cipher(postgres().withKeyFile(file), Map.of());

    assertThat(fromFile.decrypt(fromEnv.encrypt("hello", "p"), "p")).isEqualTo("hello");
  }

  @Test
  void aKeyOfTheWrongSizeIsRefused() throws Exception {
    Path file = dir.resolve("short");
    Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));

    assertThatThrownBy(() -> EncryptionKeys.cipher(postgres().withKeyFile(file), Map.of()))
        .isInstanceOf(StorageConfigException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void h2GeneratesTheKeyOnceUnderTheDataDirectory() {
    StorageConfig config = StorageConfig.h2(dir);

    SecretCipher first = EncryptionKeys.cipher(config, Map.of());
    SecretCipher second = EncryptionKeys.cipher(config, Map.of());

    assertThat(dir.resolve(StorageConfig.GENERATED_KEY_FILE)).exists();
    assertThat(second.decrypt(first.encrypt("same key", "p"), "p")).isEqualTo("same key");
  }

  @Test
  void aCiphertextIsBoundToItsPurposeAndFreshEachTime() {
    SecretCipher cipher = new SecretCipher(new byte[32]);
    String a = cipher.encrypt("s3cret", "source/a/auth");

    assertThat(cipher.encrypt("s3cret", "source/a/auth")).isNotEqualTo(a);
    assertThat(a).doesNotContain("s3cret");
    assertThatThrownBy(() -> cipher.decrypt(a, "source/b/auth"))
        .isInstanceOf(SecretDecryptionException.class);
  }
}
