/**
 * Git for the engine, as two ports: {@link io.driftless.engine.git.GitReader} (fetch a ref, read
 * trees, blobs, commits and their relations) and {@link io.driftless.engine.git.GitWriter} (restore
 * and promotion commits, and their pushes); the records they speak ({@link
 * io.driftless.engine.git.PathTree}, {@link io.driftless.engine.git.Commit}, the promotion records)
 * and their typed errors, none of which carries a credential. {@link
 * io.driftless.engine.git.PinnedHostKeys} and {@link io.driftless.engine.git.SshAccess} are shared
 * with the ssh target. The JGit implementation is {@code io.driftless.engine.git.jgit}.
 */
package io.driftless.engine.git;
