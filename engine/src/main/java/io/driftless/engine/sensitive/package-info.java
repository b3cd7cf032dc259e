/**
 * Sensitive values: the one rule deciding which resources hold them ({@link SensitiveRule}: a
 * Kubernetes {@code Secret}, or a file matching an environment's {@code sensitive} globs), the
 * keyed hash they are compared by ({@link KeyedHash}, HMAC-SHA256 with a key derived from the
 * server's secrets key, never a plain content hash), and how a change of one is shown ({@link
 * SensitiveValues}: {@code (sensitive value changed)}, never its content).
 */
package io.driftless.engine.sensitive;
