package io.driftless.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFileTest {
  @TempDir Path dir;
  private final String updateBefore = System.getProperty(GoldenFile.UPDATE_PROPERTY);

  @AfterEach
  void restoreProperty() {
    if (updateBefore == null) {
      System.clearProperty(GoldenFile.UPDATE_PROPERTY);
    } else {
      System.setProperty(GoldenFile.UPDATE_PROPERTY, updateBefore);
    }
  }

  @Test
  void passesWhenTheOutputEqualsTheFileWhateverTheLineEndings() throws Exception {
    System.clearProperty(GoldenFile.UPDATE_PROPERTY);
    Path file = Files.writeString(dir.resolve("help.txt"), "one\ntwo\n");
    GoldenFile.of(file).assertMatches("one\r\ntwo\r\n");
  }

  @Test
  void failsWithAUnifiedDiffOfTheChangedLinesOnly() throws Exception {
    System.clearProperty(GoldenFile.UPDATE_PROPERTY);
    StringBuilder golden = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      golden.append("line ").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("doc.txt"), golden);
    String live = golden.toString().replace("line 10\n", "line ten\n") + "line 21\n";

    assertThatThrownBy(() -> GoldenFile.of(file).assertMatches(live))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("differs from the golden file " + file)
        .hasMessageContaining("-Ddriftless.golden.update=true")
        .hasMessageContaining(
            "@@ -7 +7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n")
        .hasMessageContaining("@@ -18 +18 @@\n line 18\n line 19\n line 20\n+line 21\n")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(" line 3\n", " line 14\n"));
  }

  @Test
  void aMissingFileFailsAndSaysHowToRecordIt() {
    System.clearProperty(GoldenFile.UPDATE_PROPERTY);
    assertThatThrownBy(() -> GoldenFile.of(dir.resolve("none.txt")).assertMatches("x\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no golden file")
        .hasMessageContaining("-Ddriftless.golden.update=true");
  }

  @Test
  void updateModeRecordsTheOutputAndAMissingFinalNewlineShowsInTheDiff() throws Exception {
    System.setProperty(GoldenFile.UPDATE_PROPERTY, "true");
    Path file = dir.resolve("golden/sub/out.txt");
    GoldenFile.of(file).assertMatches("recorded\r\n");
    assertThat(Files.readString(file)).isEqualTo("recorded\n");

    System.clearProperty(GoldenFile.UPDATE_PROPERTY);
    GoldenFile.of(file).assertMatches("recorded\n");
    assertThatThrownBy(() -> GoldenFile.of(file).assertMatches("recorded"))
        .hasMessageContaining("-recorded\n+recorded  (no newline at end)\n");
  }

  @Test
  void atResolvesBelowTheModulesTestResources() {
    assertThat(GoldenFile.at("golden/x.txt").file())
        .isEqualTo(Path.of("src", "test", "resources", "golden", "x.txt"));
  }
}
