package io.driftless.ssh;

/** One entry found by {@link RemoteFiles#list}: its path and its {@code lstat}. */
public record RemoteEntry(RemotePath path, RemoteStat stat) {
  public RemoteEntry {
    if (path == null || stat == null) {
      throw new IllegalArgumentException("path and stat are required");
    }
  }
}
