package io.driftless.engine.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One stream of a process, at most {@code limit} bytes of it: the head or the tail, as its {@link
 * OutputCapture} says, and how much there was in all. Thread-safe: one thread drains, another
 * reads.
 */
public final class BoundedOutput {
  private final OutputCapture capture;
  private final byte[] kept;
  private long total;

  BoundedOutput(OutputCapture capture) {
    this.capture = capture;
    this.kept = new byte[capture.limit()];
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
    if (capture.keep() == OutputCapture.Keep.HEAD) {
      int room = (int) Math.max(0, kept.length - total);
      System.arraycopy(
          bytes, offset, kept, (int) Math.min(total, kept.length), Math.min(room, length));
    } else {
      for (int i = 0; i < length; i++) {
        kept[(int) ((total + i) % kept.length)] = bytes[offset + i];
      }
    }
    total += length;
  }

  /** Whether the stream said more than the limit, so that part of it was cut. */
  public synchronized boolean overflowed() {
    return total > kept.length;
  }

  /** How many bytes the stream said in all. */
  public synchronized long total() {
    return total;
  }

  /** The kept bytes, in stream order. */
  public synchronized byte[] bytes() {
    if (total <= kept.length) {
      byte[] all = new byte[(int) total];
      System.arraycopy(kept, 0, all, 0, all.length);
      return all;
    }
    if (capture.keep() == OutputCapture.Keep.HEAD) {
      return kept.clone();
    }
    int start = (int) (total % kept.length);
    byte[] tail = new byte[kept.length];
    System.arraycopy(kept, start, tail, 0, kept.length - start);
    System.arraycopy(kept, 0, tail, kept.length - start, start);
    return tail;
  }

  /** The kept output as text, with a marker saying how much was cut and where. */
  public synchronized String text() {
    String text = new String(bytes(), StandardCharsets.UTF_8);
    if (!overflowed()) {
      return text;
    }
    String marker = "[... " + (total - kept.length) + " bytes cut ...]";
    return capture.keep() == OutputCapture.Keep.HEAD ? text + "\n" + marker : marker + "\n" + text;
  }
}
