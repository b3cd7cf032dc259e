package io.driftless.engine.target.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The tail of a command's output, at most {@code limit} bytes: when a command talks too much, its
 * last words (the error) are what an operator needs. Thread-safe: one thread drains, another reads.
 */
final class BoundedOutput {
  private final byte[] ring;
  private long total;

  BoundedOutput(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("output limit must be positive");
    }
    this.ring = new byte[limit];
  }

  /** Copies {@code in} until its end or until it is closed. */
  void drain(InputStream in) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        append(buffer, 0, n);
      }
    } catch (IOException e) {
      // The process went away or the stream was closed under us; keep what we have.
    }
  }

  synchronized void append(byte[] bytes, int offset, int length) {
    for (int i = 0; i < length; i++) {
      ring[(int) ((total + i) % ring.length)] = bytes[offset + i];
    }
    total += length;
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
