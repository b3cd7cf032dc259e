package io.driftless.ssh;

/**
 * A file {@link RemoteFiles#writeNew} created.
 *
 * @param size the bytes written
 * @param synced whether the host flushed it to stable storage ({@code fsync@openssh.com}) before it
 *     was closed; false when the server does not offer that extension
 */
public record WrittenFile(RemotePath path, long size, boolean synced) {
  public WrittenFile {
    if (path == null) {
      throw new IllegalArgumentException("path is required");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }
}
