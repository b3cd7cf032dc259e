package io.driftless.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableSubstitutionTest {

  @Test
  void substitutesDefinedVariables() {
    assertThat(
            VariableSubstitution.apply(
                "a.conf",
                "listen ${PORT};\nserver_name ${HOST};\n",
                Map.of("PORT", "8080", "HOST", "x")))
        .isEqualTo("listen 8080;\nserver_name x;\n");
  }

  @Test
  void doubleDollarEscapesALiteral() {
    assertThat(VariableSubstitution.apply("a.sh", "echo $${HOME} $HOME ${A}", Map.of("A", "1")))
        .isEqualTo("echo ${HOME} $HOME 1");
  }

  @Test
  void undefinedVariableNamesFileAndLine() {
    assertThatThrownBy(
            () -> VariableSubstitution.apply("conf/app.conf", "a\nb\nport ${PORT}\n", Map.of()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("conf/app.conf:3")
        .hasMessageContaining("PORT")
        .satisfies(
            e -> {
              RenderException r = (RenderException) e;
              assertThat(r.file()).isEqualTo("conf/app.conf");
              assertThat(r.line()).isEqualTo(3);
            });
  }

  @Test
  void unterminatedVariableIsAnError() {
    assertThatThrownBy(() -> VariableSubstitution.apply("x", "a ${OPEN\n}", Map.of()))
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("x:1");
  }
}
