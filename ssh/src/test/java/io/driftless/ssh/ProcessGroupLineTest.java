package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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

  @Test
  void aFirstLineThatIsNoNumberIsOutput() throws IOException {
    BoundedOutput output = new BoundedOutput(100);
    ProcessGroupLine stdout = new ProcessGroupLine(output);

    write(stdout, "welcome!\nrest\n");

    assertThat(stdout.processGroup()).isEmpty();
    assertThat(output.text()).isEqualTo("welcome!\nrest\n");
  }

  @Test
  void aLongFirstLineIsOutputWhole() throws IOException {
    BoundedOutput output = new BoundedOutput(100);
    ProcessGroupLine stdout = new ProcessGroupLine(output);

    write(stdout, "123456789012345678901234567890\n");

    assertThat(stdout.processGroup()).isEmpty();
    assertThat(output.text()).isEqualTo("123456789012345678901234567890\n");
  }

  private static void write(ProcessGroupLine out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes, 0, bytes.length);
  }
}
