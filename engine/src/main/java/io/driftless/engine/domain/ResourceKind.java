package io.driftless.engine.domain;

/** What kind of thing a resource is; for files this is the Git file mode. */
public enum ResourceKind {
  /** A regular file, mode 0644. */
  FILE,
  /** An executable file, mode 0755. */
  EXECUTABLE,
  /** A symbolic link; its content is the link target. */
  SYMLINK,
  /** A structured object (e.g. a Kubernetes manifest). */
  OBJECT
}
