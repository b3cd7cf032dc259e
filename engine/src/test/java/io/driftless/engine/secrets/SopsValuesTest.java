package io.driftless.engine.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SopsValuesTest {

  @Test
  void countsTheLeafValuesThatDifferChangedAddedOrRemoved() {
    String before = "db:\n  user: app\n  password: one\nports: [80, 443]\n# a comment\n";
    String after = "db:\n  user: app\n  password: two\nports: [80, 8443, 9000]\n# another\n";
    assertThat(changed("db.yaml", before, after)).isEqualTo(3);
    assertThat(changed("db.yaml", before, before)).isZero();
  }

  @Test
  void everyValueOfANewFileIsChanged() {
    assertThat(changed("app.env", null, "A=1\nB=2\n")).isEqualTo(2);
  }

  @Test
  void aValueOfAnotherTypeIsChanged() {
    assertThat(changed("a.json", "{\"port\": 80}", "{\"port\": \"80\"}")).isEqualTo(1);
  }

  @Test
  void aKeyThatMovedCountsWhereItLeftAndWhereItArrived() {
    assertThat(changed("a.ini", "[one]\nk = v\n", "[two]\nk = v\n")).isEqualTo(2);
  }

  @Test
  void contentThatDoesNotParseInItsFormatIsOneValue() {
    assertThat(changed("a.yaml", "a: [", "a: 1\n")).isEqualTo(1);
    assertThat(changed("secret.bin", "one", "two")).isEqualTo(1);
  }

  private static int changed(String path, String before, String after) {
    return SopsValues.changed(
        path, before == null ? null : before.getBytes(UTF_8), after.getBytes(UTF_8));
  }
}
