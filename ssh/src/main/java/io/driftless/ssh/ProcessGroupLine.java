package io.driftless.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The standard output of a command started as {@code echo $$; exec argv...}: the first line is the
 * login shell's process id (which sshd made a session and process-group leader), kept here so a
 * timed-out command's whole process group can be killed; everything after it goes on to the
 * command's output. A first line that is not a number is passed on as output, and no id is known.
 */
final class ProcessGroupLine extends OutputStream {
  private static final int MAX_LINE = 24;

  private final OutputStream output;
  private final byte[] line = new byte[MAX_LINE];
  private int length;
  private boolean done;
  private volatile long pid = -1;

  ProcessGroupLine(OutputStream output) {
    this.output = output;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int count) throws IOException {
    int i = 0;
    while (!done && i < count) {
      byte b = bytes[offset + i++];
      if (b == '\n') {
        finishLine(false);
      } else if (length == MAX_LINE) {
        finishLine(true);
        output.write(b);
      } else {
        line[length++] = b;
      }
    }
    if (i < count) {
      output.write(bytes, offset + i, count - i);
    }
  }

  private void finishLine(boolean cut) throws IOException {
    done = true;
    String text = new String(line, 0, length, StandardCharsets.US_ASCII);
    if (!cut
        && !text.isEmpty()
        && text.length() < 19
        && text.chars().allMatch(Character::isDigit)) {
      pid = Long.parseLong(text);
      return;
    }
    output.write(line, 0, length);
    if (!cut) {
      output.write('\n');
    }
  }

  /** The process group to kill, once the first line has arrived. */
  OptionalLong processGroup() {
    long known = pid;
    return known > 1 ? OptionalLong.of(known) : OptionalLong.empty();
  }
}
