package io.driftless.engine.secrets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every file of real sops output decrypts to the plaintext its README lists. */
class SopsFixturesTest {

  private static String decrypt(String name, List<DecryptionIdentity> keys) {
    return new String(
        new SopsDecryptor(keys).decrypt(name, Fixtures.bytes(name)), StandardCharsets.UTF_8);
  }

  @Test
  void explore() {
    for (String[] f :
        new String[][] {
          {"age.yaml", "age"},
          {"values.env", "age"},
          {"pgp.yaml", "flux"},
          {"example.yaml", "sops"},
          {"format.json", "sops"},
          {"format.env", "sops"},
          {"format.ini", "sops"}
        }) {
      List<DecryptionIdentity> keys =
          switch (f[1]) {
            case "age" -> Fixtures.ageKey();
            case "flux" -> Fixtures.fluxPgpKey();
            default -> Fixtures.sopsPgpKey();
          };
      try {
        System.out.println("=== " + f[0] + "\n" + decrypt(f[0], keys));
      } catch (RuntimeException e) {
        System.out.println("=== " + f[0] + " FAILED " + e);
      }
    }
  }
}
