package io.driftless.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryGeneratorTest {
  private static final List<String> FILES =
      List.of(
          "README.md",
          "envs/web/prod/index.html",
          "envs/web/prod/assets/app.css",
          "envs/web/staging/index.html",
          "envs/api/prod/config.yaml",
          "envs/legacy/old/x.txt",
          "other/envs/web/prod/y.txt");

  /** paths (';' between patterns), exclude, the directories selected (';' between), the base. */
  @ParameterizedTest(name = "[{index}] {0} minus {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          envs/*/*           |                   | envs/api/prod;envs/legacy/old;envs/web/prod;envs/web/staging | envs
          envs/*/*           | envs/legacy/*     | envs/api/prod;envs/web/prod;envs/web/staging                 | envs
          envs/*/*           | envs/*/staging    | envs/api/prod;envs/legacy/old;envs/web/prod                  | envs
          envs/web/*         |                   | envs/web/prod;envs/web/staging                               | envs/web
          /envs/web/*/       |                   | envs/web/prod;envs/web/staging                               | envs/web
          envs/*             |                   | envs/api;envs/legacy;envs/web                                | envs
          envs/**/prod       |                   | envs/api/prod;envs/web/prod                                  | envs
          envs/*/prod;other/*|                   | envs/api/prod;envs/web/prod;other/envs                       | ''
          *                  |                   | envs;other                                                   | ''
          nothing/*          |                   | ''                                                           | nothing
          """)
  void selectsTheDirectoriesWhoseWholePathMatches(
      String paths, String exclude, String selected, String base) {
    DirectoryGenerator generator =
        new DirectoryGenerator(
            Arrays.asList(paths.split(";")),
            exclude == null ? List.of() : Arrays.asList(exclude.split(";")));

    assertThat(generator.select(DirectoryGenerator.directoriesOf(FILES)))
        .containsExactlyElementsOf(
            selected.isEmpty() ? List.of() : Arrays.asList(selected.split(";")));
    assertThat(generator.base()).isEqualTo(base);
  }

  @Test
  void directoriesAreThoseHoldingAFile() {
    assertThat(DirectoryGenerator.directoriesOf(List.of("a/b/c.txt", "a/d.txt", "e.txt")))
        .containsExactly("a", "a/b");
  }

  @Test
  void patternsMustBeRelativeValidGlobsAndAtLeastOne() {
    assertThatThrownBy(() -> new DirectoryGenerator(List.of(), null))
        .hasMessageContaining("at least one path pattern");
    assertThatThrownBy(() -> new DirectoryGenerator(List.of("envs/../x"), null))
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> new DirectoryGenerator(List.of("envs/*"), List.of(" ")))
        .hasMessageContaining("exclude patterns must not be blank");
    assertThatThrownBy(() -> new DirectoryGenerator(List.of("envs/[[:nope:]]"), null))
        .hasMessageContaining("paths pattern 'envs/[[:nope:]]' is invalid");
  }
}
