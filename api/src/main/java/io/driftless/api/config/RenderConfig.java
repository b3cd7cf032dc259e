package io.driftless.api.config;

import io.driftless.engine.render.RenderLimits;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;

/**
 * How much a render may read and how long it may take: whatever a repository holds, a run that
 * passes a limit fails naming the file, and nothing is applied.
 *
 * @param maxFileSize the largest file a render reads; null for 64 MiB
 * @param maxTotalSize the most one render reads in all; null for 512 MiB
 * @param timeout how long a render may take, render commands included; null for 5 minutes
 */
public record RenderConfig(DataSize maxFileSize, DataSize maxTotalSize, Duration timeout) {

  public static RenderConfig defaults() {
    return new RenderConfig(null, null, null);
  }

  public RenderLimits buildLimits() {
    RenderLimits defaults = RenderLimits.defaults();
    return new RenderLimits(
        maxFileSize == null ? defaults.maxFileBytes() : maxFileSize.toBytes(),
        maxTotalSize == null ? defaults.maxTotalBytes() : maxTotalSize.toBytes(),
        timeout == null ? defaults.timeout() : timeout.toJavaDuration());
  }
}
