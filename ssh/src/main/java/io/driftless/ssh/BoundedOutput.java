package io.driftless.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The tail of a remote command's output, at most {@code limit} bytes, as the directory target keeps
 * a local command's: when a command talks too much, its last words (the error) are what an operator
 * needs. Everything is accepted (so the channel keeps draining and the command is never blocked on
 * a full window); only the tail is kept. Thread-safe: stdout and stderr are written from the
 * session's I/O threads while a caller may read.
 */
final class BoundedOutput extends OutputStream {
  private final byte[] ring;
  private long total;

  BoundedOutput(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("output limit must be positive");
    }
    this.ring = new byte[limit];
  }

  @Override
  public synchronized void write(int b) {
    ring[(int) (total % ring.length)] = (byte) b;
    total++;
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    int skip = Math.max(0, length - ring.length); // only the last ring.length bytes can survive
    total += skip;
    for (int i = skip; i < length; i++) {
      ring[(int) (total % ring.length)] = bytes[offset + i];
      total++;
    }
  }

  /** How many bytes were written in all. */
  synchronized long total() {
    return total;
  }

  /** The kept output as text, with a marker saying how much was cut from the front. */
  synchronized String text() {
    if (total <= ring.length) {
      return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
    }
    int start = (int) (total % ring.length);
    byte[] tail = new byte[ring.length];
    System.arraycopy(ring, start, tail, 0, ring.length - start);
    System.arraycopy(ring, 0, tail, ring.length - start, start);
    long cut = total - ring.length;
    return "[... " + cut + " bytes cut ...]\n" + new String(tail, StandardCharsets.UTF_8);
  }
}
