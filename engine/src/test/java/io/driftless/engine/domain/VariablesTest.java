package io.driftless.engine.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

  @Test
  void filePatternsAreCheckedAsGlobsWhenTheRecordIsMade() {
    assertThat(new Variables(Map.of("A", "1"), List.of("*.env", "conf/[a-z]*.yml")).filePatterns())
        .containsExactly("*.env", "conf/[a-z]*.yml");
    assertThatThrownBy(() -> new Variables(Map.of(), List.of("*.env", "[[:nope:]]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "variable file pattern '[[:nope:]]' is invalid: unknown character class [:nope:]");
    assertThatThrownBy(() -> new Variables(Map.of(), List.of(" ")))
        .hasMessage("variable file pattern must not be blank");
  }
}
