package io.driftless.engine.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {

  private static BoundedOutput drained(OutputCapture capture, String text) {
    BoundedOutput output = new BoundedOutput(capture);
    output.drain(new ByteArrayInputStream(text.getBytes(UTF_8)));
    return output;
  }

  @Test
  void keepsEverythingUpToTheLimit() {
    BoundedOutput head = drained(OutputCapture.head(5), "abcde");
    BoundedOutput tail = drained(OutputCapture.tail(5), "abcde");

    assertThat(head.text()).isEqualTo("abcde");
    assertThat(tail.text()).isEqualTo("abcde");
    assertThat(head.overflowed()).isFalse();
    assertThat(tail.total()).isEqualTo(5);
  }

  @Test
  void theHeadKeepsTheStartAndSaysItOverflowed() {
    BoundedOutput head = drained(OutputCapture.head(4), "abcdefghij");

    assertThat(head.overflowed()).isTrue();
    assertThat(new String(head.bytes(), UTF_8)).isEqualTo("abcd");
    assertThat(head.text()).isEqualTo("abcd\n[... 6 bytes cut ...]");
  }

  @Test
  void theTailKeepsTheEndAcrossManyWrites() {
    BoundedOutput tail = new BoundedOutput(OutputCapture.tail(4));
    for (char c = 'a'; c <= 'j'; c++) {
      tail.append(new byte[] {(byte) c}, 0, 1);
    }

    assertThat(tail.total()).isEqualTo(10);
    assertThat(new String(tail.bytes(), UTF_8)).isEqualTo("ghij");
    assertThat(tail.text()).isEqualTo("[... 6 bytes cut ...]\nghij");
  }
}
