package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshHostTest {
  @Test
  void parsesNamesAddressesAndPorts() {
    assertThat(SshHost.parse("web1.example.org")).isEqualTo(new SshHost("web1.example.org", 22));
    assertThat(SshHost.parse("web1:2222")).isEqualTo(new SshHost("web1", 2222));
    assertThat(SshHost.parse("10.0.0.5:22")).isEqualTo(new SshHost("10.0.0.5", 22));
    assertThat(SshHost.parse("[::1]:2200")).isEqualTo(new SshHost("::1", 2200));
    assertThat(SshHost.parse("[2001:db8::7]")).isEqualTo(new SshHost("2001:db8::7", 22));
    assertThat(SshHost.parse("2001:db8::7")).isEqualTo(new SshHost("2001:db8::7", 22));
  }

  @Test
  void printsIpv6InBracketsAndAlwaysThePort() {
    assertThat(new SshHost("::1", 2200)).hasToString("[::1]:2200");
    assertThat(SshHost.of("web1")).hasToString("web1:22");
  }

  @Test
  void refusesWhatCouldBeReadAsAnOptionOrAnotherUser() {
    assertThatThrownBy(() -> SshHost.parse("-oProxyCommand=sh"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'-'");
    assertThatThrownBy(() -> SshHost.parse("root@web1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("may hold only");
    assertThatThrownBy(() -> SshHost.parse("web1 web2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBadPorts() {
    assertThatThrownBy(() -> SshHost.parse("web1:0")).hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> SshHost.parse("web1:65536"))
        .hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> SshHost.parse("web1:ssh")).hasMessageContaining("no valid port");
    assertThatThrownBy(() -> SshHost.parse("[::1]x")).hasMessageContaining("not :port");
    assertThatThrownBy(() -> SshHost.parse("")).hasMessageContaining("must not be empty");
  }
}
