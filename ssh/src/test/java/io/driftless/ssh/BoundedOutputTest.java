package io.driftless.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {
  @Test
  void keepsEverythingUnderTheLimit() {
    BoundedOutput output = new BoundedOutput(16);
    output.write("hello ".getBytes(StandardCharsets.UTF_8), 0, 6);
    output.write('w');

    assertThat(output.text()).isEqualTo("hello w");
  }

  @Test
  void keepsTheTailAndSaysHowMuchWasCut() {
    BoundedOutput output = new BoundedOutput(8);
    byte[] chunk = "0123456789".getBytes(StandardCharsets.UTF_8);
    output.write(chunk, 0, chunk.length);
    output.write(chunk, 0, 3);
    byte[] huge = new byte[100];
    java.util.Arrays.fill(huge, (byte) 'x');
    output.write(huge, 0, huge.length);
    output.write("END".getBytes(StandardCharsets.UTF_8), 0, 3);

    assertThat(output.total()).isEqualTo(116);
    assertThat(output.text()).isEqualTo("[... 108 bytes cut ...]\nxxxxxEND");
  }
}
