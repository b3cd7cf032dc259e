package io.driftless.engine.render;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one render may read and how long it may take, so that no repository can stall or exhaust
 * the server: every renderer asks a {@link Budget} before it reads a file.
 *
 * @param maxFileBytes the largest file a render reads (default 64 MiB)
 * @param maxTotalBytes the most a render reads in all (default 512 MiB)
 * @param timeout how long a render may take (default 5 minutes); a render command's own timeout is
 *     the shorter of the two
 */
public record RenderLimits(long maxFileBytes, long maxTotalBytes, Duration timeout) {
  public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
  public static final long DEFAULT_MAX_TOTAL_BYTES = 512L * 1024 * 1024;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public RenderLimits {
    if (maxFileBytes <= 0 || maxTotalBytes <= 0) {
      throw new IllegalArgumentException("render size limits must be positive");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("render timeout must be positive");
    }
  }

  public static RenderLimits defaults() {
    return new RenderLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_TIMEOUT);
  }

  /** The budget of one render, starting now. */
  public Budget start() {
    return new Budget(this, System.nanoTime() + timeout.toNanos());
  }

  /** What one render has left; not thread-safe, one per render. */
  public static final class Budget {
    private final RenderLimits limits;
    private final long deadline;
    private long total;

    private Budget(RenderLimits limits, long deadline) {
      this.limits = limits;
      this.deadline = deadline;
    }

    /**
     * Takes {@code bytes} for the file at {@code path}, before it is read.
     *
     * @throws RenderException naming the file when it is too large, when the render's total would
     *     pass its limit, or when the render has run out of time
     */
    public void take(String path, long bytes) {
      checkTime(path);
      if (bytes > limits.maxFileBytes) {
        throw new RenderException(
            path,
            0,
            "is "
                + bytes
                + " bytes, more than the "
                + limits.maxFileBytes
                + " a file may have (render.maxFileSize)");
      }
      total += bytes;
      if (total > limits.maxTotalBytes) {
        throw new RenderException(
            path,
            0,
            "brings the render to "
                + total
                + " bytes, more than the "
                + limits.maxTotalBytes
                + " one render may read (render.maxTotalSize)");
      }
    }

    /**
     * @throws RenderException naming where the render was when its time ran out
     */
    public void checkTime(String path) {
      if (System.nanoTime() - deadline > 0) {
        throw new RenderException(
            path, 0, "the render took longer than " + limits.timeout + " (render.timeout)");
      }
    }

    /** The time left, never negative. */
    public Duration remaining() {
      return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
  }
}
