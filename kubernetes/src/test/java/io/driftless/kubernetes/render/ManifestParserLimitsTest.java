package io.driftless.kubernetes.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.driftless.engine.render.RenderException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scalars and numbers are refused past their length before they are constructed. */
class ManifestParserLimitsTest {
  private final ManifestParser parser = new ManifestParser();

  private static byte[] yaml(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anIntegerOfAMillionDigitsIsRefusedBeforeItIsConstructed() {
    // SnakeYAML resolves no long plain scalar as a number, but an explicit !!int is one. Reading
    // the text is linear (a second or two on a busy machine); constructing the number was not:
    // over 20 s for its BigInteger and the text of it.
    String manifest =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\nspec:\n  replicas: !!int "
            + "9".repeat(1_000_000)
            + "\n";
    assertThatThrownBy(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(10), () -> parser.parse("n.yaml", yaml(manifest))))
        .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.line()).isEqualTo(6))
        .hasMessage(
            "n.yaml:6: document 1 has a number of 1000000 characters; the limit is 100 (quote it"
                + " to make it a string)");
  }

  @Test
  void aQuotedLongNumberIsAStringAndALongStringIsRefused() {
    String quoted = "9".repeat(1000);
    assertThat(
            parser
                .parse("q.yaml", yaml("a: \"" + quoted + "\"\n"))
                .get(0)
                .content()
                .path("a")
                .asText())
        .isEqualTo(quoted);
    String huge = "x".repeat(ManifestParser.MAX_SCALAR_LENGTH + 1);
    assertThatThrownBy(() -> parser.parse("h.yaml", yaml("a: " + huge + "\n")))
        .hasMessage("h.yaml:1: document 1 has a value of 1048577 characters; the limit is 1048576");
  }
}
