package io.driftless.engine.sensitive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.ContentHash;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensitiveValuesTest {
  private static final byte[] SERVER_KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final SensitiveValues values =
      new SensitiveValues(KeyedHash.derived(SERVER_KEY, SensitiveValues.KEY_PURPOSE));

  @Test
  void secretsAreAlwaysSensitiveAndFilesWhenAGlobMatches() {
    SensitiveRule rule = SensitiveRule.of(List.of("**/*.key", "secrets/**"));

    assertThat(rule.covers(ResourceKey.of("core/Secret/shop/db"))).isTrue();
    assertThat(SensitiveRule.secretsOnly().covers(ResourceKey.of("core/Secret/shop/db"))).isTrue();
    assertThat(rule.covers(ResourceKey.of("tls/site.key"))).isTrue();
    assertThat(rule.covers(ResourceKey.of("secrets/a/b.txt"))).isTrue();
    assertThat(rule.covers(ResourceKey.of("core/ConfigMap/shop/db"))).isFalse();
    assertThat(rule.covers(ResourceKey.of("site.conf"))).isFalse();
    assertThat(SensitiveRule.secretsOnly().covers(ResourceKey.of("tls/site.key"))).isFalse();
  }

  @Test
  void aKeyPlacedOnAHostIsMatchedByItsPathAsTheEnvironmentNamesIt() {
    SensitiveRule rule = SensitiveRule.of(List.of("secrets/**", "*.key"));

    assertThat(rule.covers(ResourceKey.of("127.0.0.1:2201:secrets/db.pass"))).isTrue();
    assertThat(rule.covers(ResourceKey.of("web1.example.com:22:site.key"))).isTrue();
    assertThat(rule.covers(ResourceKey.of("[::1]:2222:secrets/a/b"))).isTrue();
    assertThat(rule.covers(ResourceKey.of("127.0.0.1:2201:site.conf"))).isFalse();
    assertThat(rule.covers(ResourceKey.of("127.0.0.1:ssh:secrets/db.pass"))).isFalse();

    SensitiveRule decrypted =
        SensitiveRule.secretsOnly().withDecrypted(List.of(ResourceKey.of("app/db.yaml")));
    assertThat(decrypted.covers(ResourceKey.of("127.0.0.1:2201:app/db.yaml"))).isTrue();
    assertThat(decrypted.covers(ResourceKey.of("127.0.0.1:2201:app/other.yaml"))).isFalse();
  }

  @Test
  void anInvalidGlobIsRefusedByName() {
    assertThatThrownBy(() -> SensitiveRule.of(List.of("ok/*", "bad[[:nope:]]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad[[:nope:]]");
    assertThatThrownBy(() -> SensitiveRule.of(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSensitiveChangeShowsNeitherValueNorItsEncodingsNorAPlainHash() {
    String before = "s3cr3t-before-0123456789abcdefghijklmnop";
    String after = "s3cr3t-after-0123456789abcdefghijklmnopq";
    Change change = Change.update(file("app.key", before), file("app.key", after), false, false);

    String diff = values.diff(SensitiveRule.of(List.of("*.key")), change);

    assertThat(diff).contains("a/app.key").contains(SensitiveValues.CHANGED);
    for (String value : List.of(before, after)) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      assertThat(diff)
          .doesNotContain(value)
          .doesNotContain(Base64.getEncoder().encodeToString(bytes))
          .doesNotContain(HexFormat.of().formatHex(bytes))
          .doesNotContain(ContentHash.ofBytes(bytes).value());
    }
    assertThat(
            values.shownHash(
                SensitiveRule.of(List.of("*.key")),
                ResourceKey.of("app.key"),
                ContentHash.ofBytes(before.getBytes(StandardCharsets.UTF_8))))
        .isNull();
  }

  @Test
  void equalSensitiveValuesShowAsUnchangedAndOtherFilesAsAUnifiedDiff() {
    Resource same = file("app.key", "same\n");
    assertThat(
            values.diff(SensitiveRule.of(List.of("*.key")), ResourceKey.of("app.key"), same, same))
        .contains(SensitiveValues.UNCHANGED);

    String plain =
        values.diff(
            SensitiveRule.secretsOnly(),
            Change.update(file("app.conf", "a\n"), file("app.conf", "b\n"), false, false));
    assertThat(plain).contains("-a").contains("+b");
  }

  @Test
  void theKeyedHashDependsOnTheKeyAndIsNotAPlainHash() {
    byte[] value = "hunter2".getBytes(StandardCharsets.UTF_8);
    KeyedHash one = KeyedHash.derived(SERVER_KEY, SensitiveValues.KEY_PURPOSE);
    KeyedHash other = KeyedHash.derived("fedcba9876543210fedcba9876543210".getBytes(), "x");

    assertThat(one.of(value)).hasSize(64).isEqualTo(one.of(value.clone()));
    assertThat(one.of(value)).isNotEqualTo(other.of(value));
    assertThat(one.same(value, value.clone())).isTrue();
    assertThat(one.same(value, "hunter3".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThatThrownBy(() -> KeyedHash.derived(new byte[8], "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Resource file(String key, String text) {
    return new Resource(
        ResourceKey.of(key), ResourceKind.FILE, Content.of(text.getBytes(StandardCharsets.UTF_8)));
  }
}
