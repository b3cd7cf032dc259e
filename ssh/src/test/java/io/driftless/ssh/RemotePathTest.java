package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemotePathTest {
  @Test
  void namesExactlyOnePlace() {
    for (String bad :
        List.of("relative", "/srv//app", "/srv/./app", "/srv/../etc", "/srv/app/", "/a\0b", "")) {
      assertThatThrownBy(() -> RemotePath.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void resolvesOnlyPlainRelativePaths() {
    RemotePath root = RemotePath.of("/srv/www");

    assertThat(root.resolve("conf.d/site.conf")).hasToString("/srv/www/conf.d/site.conf");
    assertThat(root.child("index.html")).hasToString("/srv/www/index.html");
    assertThat(RemotePath.ROOT.child("etc")).hasToString("/etc");
    assertThatThrownBy(() -> root.resolve("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> root.resolve("/etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> root.child("a/b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void knowsWhatLiesWithinWhat() {
    RemotePath root = RemotePath.of("/srv/www");

    assertThat(RemotePath.of("/srv/www/a/b").isWithin(root)).isTrue();
    assertThat(RemotePath.of("/srv/www").isWithin(root)).isTrue();
    assertThat(RemotePath.of("/srv/wwwx/a").isWithin(root)).isFalse();
    assertThat(RemotePath.of("/srv/www/a/b").relativeTo(root)).isEqualTo("a/b");
    assertThat(RemotePath.of("/etc/hosts").relativeTo(RemotePath.ROOT)).isEqualTo("etc/hosts");
    assertThat(RemotePath.of("/srv/www/a").parent()).contains(root);
    assertThat(RemotePath.ROOT.parent()).isEmpty();
    assertThat(RemotePath.of("/srv/www/a/b").segments()).containsExactly("srv", "www", "a", "b");
  }
}
