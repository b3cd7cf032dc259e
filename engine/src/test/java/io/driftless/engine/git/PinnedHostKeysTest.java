package io.driftless.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.git.PinnedHostKeys.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;

class PinnedHostKeysTest {
  private static final PublicKey WEB = key();
  private static final PublicKey DB = key();
  private static final PublicKey OLD = key();

  private final PinnedHostKeys pins =
      new PinnedHostKeys(
          "# the fleet\n"
              + "web1.example.org "
              + line(WEB)
              + "\n"
              + "[db.example.org]:2222,[10.0.0.5]:2222 "
              + line(DB)
              + "\n"
              + "[::1]:2200 "
              + line(WEB)
              + "\n"
              + "@revoked * "
              + line(OLD)
              + "\n");

  @Test
  void theKeyPinnedForAHostAndPortIsAccepted() {
    assertThat(pins.check("web1.example.org", 22, null, WEB)).isEqualTo(Verdict.PINNED);
    assertThat(pins.check("db.example.org", 2222, null, DB)).isEqualTo(Verdict.PINNED);
    assertThat(pins.check("::1", 2200, null, WEB)).isEqualTo(Verdict.PINNED);
  }

  @Test
  void anotherKeyForAPinnedHostIsAChange() {
    assertThat(pins.check("web1.example.org", 22, null, DB)).isEqualTo(Verdict.CHANGED);
    assertThat(pins.check("db.example.org", 2222, null, key())).isEqualTo(Verdict.CHANGED);
  }

  @Test
  void aHostWithoutAPinIsUnknownEvenWithAKeyPinnedForAnotherHost() {
    assertThat(pins.check("web2.example.org", 22, null, WEB)).isEqualTo(Verdict.UNKNOWN_HOST);
    // The port is part of the pin: db on 22 is another host.
    assertThat(pins.check("db.example.org", 22, null, DB)).isEqualTo(Verdict.UNKNOWN_HOST);
  }

  @Test
  void thePinOfTheConnectedAddressCountsAsInOpenSsh() throws Exception {
    InetSocketAddress connected =
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 5}), 2222);

    assertThat(pins.check("db-alias", 2222, connected, DB)).isEqualTo(Verdict.PINNED);
  }

  @Test
  void aRevokedKeyIsRefusedForEveryHost() {
    assertThat(pins.check("web1.example.org", 22, null, OLD)).isEqualTo(Verdict.REVOKED);
    assertThat(pins.check("anywhere", 22, null, OLD)).isEqualTo(Verdict.REVOKED);
  }

  @Test
  void onlyRevokedLinesPinNothing() {
    assertThatThrownBy(() -> new PinnedHostKeys("@revoked * " + line(OLD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no usable host key line");
  }

  private static String line(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  private static PublicKey key() {
    try {
      KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
      return pair.getPublic();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
