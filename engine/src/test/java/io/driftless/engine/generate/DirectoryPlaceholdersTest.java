package io.driftless.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryPlaceholdersTest {

  @ParameterizedTest(name = "[{index}] {1} in {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          envs/web/prod | {{path}}                            | envs/web/prod
          envs/web/prod | {{path.basename}}                   | prod
          envs/web/prod | {{path[0]}}                         | envs
          envs/web/prod | {{path[1]}}-{{path.basename}}       | web-prod
          envs/web/prod | /srv/{{ path[1] }}/{{path.basename}} | /srv/web/prod
          apps          | {{path[0]}}.{{path}}                | apps.apps
          envs/web/prod | no placeholder                      | no placeholder
          envs/web/prod | {single}                            | {single}
          """)
  void fillsEveryPlaceholderFromTheDirectory(String directory, String text, String filled) {
    assertThat(new DirectoryPlaceholders(directory).fill(text)).isEqualTo(filled);
    DirectoryPlaceholders.check(text);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {{name}}           | unknown placeholder '{{name}}'
          {{path.dirname}}   | unknown placeholder '{{path.dirname}}'
          {{path[x]}}        | unknown placeholder '{{path[x]}}'
          {{path[-1]}}       | unknown placeholder '{{path[-1]}}'
          a-{{path           | placeholder '{{path' is not closed
          """)
  void anUnknownOrUnclosedPlaceholderIsAnErrorNamingIt(String text, String message) {
    assertThatThrownBy(() -> new DirectoryPlaceholders("envs/web/prod").fill(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> DirectoryPlaceholders.check(text)).hasMessageContaining(message);
  }

  @Test
  void anIndexPastTheLastSegmentNamesTheDirectory() {
    assertThatThrownBy(() -> new DirectoryPlaceholders("envs/web").fill("{{path[2]}}"))
        .hasMessageContaining("directory envs/web has 2 segments");
    DirectoryPlaceholders.check("{{path[2]}}");
  }
}
