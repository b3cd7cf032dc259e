package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessGroupLineTest {
  @Test
  void takesTheFirstLineAsTheProcessGroupAndPassesTheRestOn() throws IOException {
    BoundedOutput output = new BoundedOutput(100);
    ProcessGroupLine stdout = new ProcessGroupLine(output);

    write(stdout, "42");
    assertThat(stdout.processGroup()).isEmpty();
    write(stdout, "17\nhello\n");
    write(stdout, "world\n");

    assertThat(stdout.processGroup()).hasValue(4217);
    assertThat(output.text()).isEqualTo("hello\nworld\n");
  }

  static Stream<Arguments> firstLinesThatAreNoProcessGroup() {
    return Stream.of(
        arguments("a first line that is no number", "welcome!\nrest\n"),
        arguments("a first line too long for a number", "123456789012345678901234567890\n"));
  }

  @ParameterizedTest(name = "{0} is output whole")
  @MethodSource("firstLinesThatAreNoProcessGroup")
  void aFirstLineThatIsNoProcessGroupIsOutputWhole(String description, String text)
      throws IOException {
    BoundedOutput output = new BoundedOutput(100);
    ProcessGroupLine stdout = new ProcessGroupLine(output);

    write(stdout, text);

    assertThat(stdout.processGroup()).isEmpty();
    assertThat(output.text()).isEqualTo(text);
  }

  private static void write(ProcessGroupLine out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes, 0, bytes.length);
  }
}
