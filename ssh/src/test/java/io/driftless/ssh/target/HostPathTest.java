package io.driftless.ssh.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.ResourceKey;
import io.driftless.ssh.SshHost;
import org.junit.jupiter.api.Test;

class HostPathTest {

  @Test
  void aKeyNamesItsHostAndPortThenThePathAsRendered() {
    assertThat(HostPath.key(new SshHost("web1.example.com", 22), ResourceKey.of("conf.d/a:b.conf")))
        .isEqualTo(ResourceKey.of("web1.example.com:22:conf.d/a:b.conf"));
    assertThat(HostPath.key(new SshHost("2001:db8::1", 2222), ResourceKey.of("nginx.conf")))
        .isEqualTo(ResourceKey.of("[2001:db8::1]:2222:nginx.conf"));
  }

  @Test
  void aKeySplitsBackIntoItsHostAndPathEvenWhenThePathHoldsColons() {
    assertThat(HostPath.split(ResourceKey.of("web1.example.com:22:conf.d/a:b.conf")))
        .contains(
            new HostPath.Split(
                new SshHost("web1.example.com", 22), ResourceKey.of("conf.d/a:b.conf")));
    assertThat(HostPath.split(ResourceKey.of("[2001:db8::1]:2222:nginx.conf")))
        .contains(
            new HostPath.Split(new SshHost("2001:db8::1", 2222), ResourceKey.of("nginx.conf")));
  }

  @Test
  void aKeyThatNamesNoHostDoesNotSplit() {
    assertThat(HostPath.split(ResourceKey.of("nginx.conf"))).isEmpty();
    assertThat(HostPath.split(ResourceKey.of("web1:22:"))).isEmpty();
    assertThat(HostPath.split(ResourceKey.of("web1:notaport:x"))).isEmpty();
    assertThat(HostPath.split(ResourceKey.of("[::1:22:x"))).isEmpty();
  }
}
